import Testing
@testable import ScriptSyntax

@Suite struct CommandTests {
    @Test(arguments: [
        ("backward L", "<backward L>"),
        ("show", "<show>"),
        ("show W1 b1", "<show W1 b1>"),
        ("show W1.grad z", "<show W1.grad z>"),
        ("show W1, b1", "<show W1 b1>"),
        ("show x . grad", "<show x.grad>"),
        ("explain z", "<explain z>"),
        ("explain W1.grad", "<explain W1.grad>"),
        ("gradcheck L", "<gradcheck L>"),
        ("gradcheck L eps=1e-6", "<gradcheck L eps=1e-06>"),
        ("gradcheck L eps = 0.5 tol=-2 mode=central label=\"a b\"",
         "<gradcheck L eps=0.5 tol=-2 mode=central label=\"a b\">"),
        ("gradcheck L shift=\u{2212}1", "<gradcheck L shift=-1>"),
        ("set", "<set>"),
        ("set digits 10", "<set digits 10>"),
        ("set digits = 10", "<set digits 10>"),
        ("set digits=10", "<set digits 10>"),
        ("set color off", "<set color off>"),
        ("set offset -1.5", "<set offset -1.5>"),
        ("set prompt \"> \"", "<set prompt \"> \">"),
        ("help", "<help>"),
        ("help show", "<help show>"),
        ("help backprop", "<help backprop>"),
        ("names", "<names>"),
        ("reset", "<reset>"),
        ("reset # start over", "<reset>"),
        ("plot sigmoid(z), 5*z for z in -4..4", "<plot sigmoid(z), (5 * z) for z in (-4)..4>"),
        ("plot E for w in w-1..w+1 points=11", "<plot E for w in (w - 1)..(w + 1) points=11>"),
        ("plot z for z in 0.5..1.5", "<plot z for z in 0.5..1.5>"),
    ])
    func forms(_ input: String, _ expected: String) throws {
        #expect(rendered(try statement(input)) == expected)
    }

    @Test func commandValuesAreTyped() throws {
        guard case .command(let keyword, .set(let key, let value, let span)) = try statement("set digits 10").kind else {
            Issue.record("not a set")
            return
        }
        #expect(keyword == Identifier("set", span: SourceSpan(line: 1, column: 1, length: 3)))
        #expect(key == Identifier("digits", span: SourceSpan(line: 1, column: 5, length: 6)))
        #expect(value == .number(10))
        #expect(span == SourceSpan(line: 1, column: 12, length: 2))

        guard case .command(_, .set(_, let word, _)) = try statement("set mode sgd").kind else {
            Issue.record("not a set")
            return
        }
        #expect(word == .word("sgd"))

        guard case .command(_, .set(nil, nil, nil)) = try statement("set").kind else {
            Issue.record("bare set should have no key")
            return
        }
    }

    @Test func showQuantitiesKnowGradients() throws {
        guard case .command(_, .show(let q)) = try statement("show a a.grad").kind else {
            Issue.record("not a show")
            return
        }
        #expect(q.map(\.name.name) == ["a", "a"])
        #expect(q.map(\.gradient) == [false, true])
    }

    @Test func optionValues() throws {
        guard case .command(_, .gradcheck(_, let options)) = try statement("gradcheck L a=2 b=-3 c=w d=\"s\"").kind else {
            Issue.record("not a gradcheck")
            return
        }
        #expect(options.map(\.value) == [.number(2), .number(-3), .word("w"), .string("s")])
    }

    @Test func keywordList() {
        #expect(Keywords.commands == ["backward", "show", "explain", "gradcheck", "set", "help", "names", "reset",
                                     "net", "data", "train", "step", "perceptron", "predict", "accuracy", "sample",
                                     "notation", "grid", "losses", "plot", "title", "say", "ask"])
        #expect(Keywords.isCommand("show"))
        #expect(!Keywords.isCommand("Show"))
        #expect(!Keywords.isCommand("sigmoid"))
    }

    @Test func commandsInAFile() throws {
        let all = try statements("x = 2\nw = 0.5\nz = w * x\nbackward z\nshow w.grad\nnames\nreset\n")
        #expect(all.map(rendered) == ["x = 2", "w = 0.5", "z = (w * x)", "<backward z>", "<show w.grad>", "<names>", "<reset>"])
    }

    @Test func readRawWordJoinsAdjacentTokens() {
        var state = ParserState(tokens: Lexer.tokenize(source("net 2-3-1 data/xor.csv ~x")))
        state.advance()
        #expect(state.readRawWord()?.text == "2-3-1")
        let path = state.readRawWord()
        #expect(path?.text == "data/xor.csv")
        #expect(path?.span == SourceSpan(line: 1, column: 11, length: 12))
        #expect(state.readRawWord()?.text == "~x")
        #expect(state.readRawWord() == nil)
    }
}
