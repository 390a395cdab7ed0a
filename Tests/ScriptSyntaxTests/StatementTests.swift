import Testing
@testable import ScriptSyntax

@Suite struct StatementTests {
    @Test(arguments: [
        ("w = 0.5", "w = 0.5"),
        ("z = w*x + b", "z = ((w * x) + b)"),
        ("c = c + 1", "c = (c + 1)"),
        ("c += 1", "c += 1"),
        ("c -= a*b", "c -= (a * b)"),
        ("c *= 2", "c *= 2"),
        ("c /= 2", "c /= 2"),
        ("c \u{2212}= 1", "c -= 1"),
        ("c \u{00D7}= 3", "c *= 3"),
        ("v[2] = 1", "v[2] = 1"),
        ("W1[1, 2] = -0.3", "W1[1, 2] = (-0.3)"),
        ("W1[1, 2] += 0.1", "W1[1, 2] += 0.1"),
        ("W1 = [[0.1, 0.2], [0.3, 0.4]]", "W1 = [[0.1, 0.2], [0.3, 0.4]]"),
        ("z_bar", "z_bar"),
        ("W1.grad @ x", "(W1.grad @ x)"),
        ("sigmoid(0)", "sigmoid(0)"),
        ("-4", "(-4)"),
        ("(x)", "x"),
        ("step(z)", "step(z)"),
        ("show(x)", "show(x)"),
        ("help (x)", "help(x)"),
    ])
    func forms(_ input: String, _ expected: String) throws {
        #expect(rendered(try statement(input)) == expected)
    }

    @Test func blankAndCommentLinesProduceNothing() throws {
        #expect(try statements("").isEmpty)
        #expect(try statements("\n\n   \n# only a comment\n\t# another\n").isEmpty)
    }

    @Test func oneStatementPerLine() throws {
        let all = try statements("x = 1\r\ny = 2\n\nz = x + y # sum\nshow z\n")
        #expect(all.map(rendered) == ["x = 1", "y = 2", "z = (x + y)", "<show z>"])
        #expect(all.map(\.span.start.line) == [1, 2, 4, 5])
    }

    @Test func bracketsContinueOverLines() throws {
        let all = try statements("z = sigmoid(w * x +\n            b)\nW = [[1, 2],\n     [3, 4]\n]\nv = [1\n, 2]\nshow z")
        #expect(all.map(rendered) == ["z = sigmoid(((w * x) + b))", "W = [[1, 2], [3, 4]]", "v = [1, 2]", "<show z>"])
        #expect(all.map(\.span.start.line) == [1, 3, 6, 8])
    }

    @Test func assignmentOperatorKnowsItsBinaryOperator() throws {
        guard case .assignment(_, let op, _) = try statement("a /= 2").kind else {
            Issue.record("not an assignment")
            return
        }
        #expect(op == .divide)
        #expect(op.binaryOperator == .divide)
    }

    @Test func lessonNarrationSpansLines() throws {
        // `say` is not a command yet: the string still lexes across lines, and the
        // statement after it is on the right line.
        let text = "x = 1\ny = \"\"\"\n  text\n  \"\"\"\nz = 2"
        let (all, diagnostics) = Parser.parse(source(text))
        #expect(diagnostics.map(\.message) == ["a string cannot be used in an expression"])
        #expect(diagnostics.first?.span == SourceSpan(start: SourcePosition(line: 2, column: 5), end: SourcePosition(line: 4, column: 6)))
        #expect(all.map(rendered) == ["x = 1", "z = 2"])
        #expect(all.last?.span.start.line == 5)
    }

    @Test func needsContinuation() {
        #expect(Parser.needsContinuation(source("W = [[1, 2],")))
        #expect(Parser.needsContinuation(source("W = [")))
        #expect(Parser.needsContinuation(source("f(a,")))
        #expect(Parser.needsContinuation(source("say \"\"\"\nsome text")))
        #expect(!Parser.needsContinuation(source("W = [[1, 2], [3, 4]]")))
        #expect(Parser.needsContinuation(source("x = [1, 2")))
        #expect(Parser.needsContinuation(source("z = sigmoid(w * x +")))
        #expect(!Parser.needsContinuation(source("x = 1 +")))
        #expect(!Parser.needsContinuation(source("x = a + b)")))
        #expect(!Parser.needsContinuation(source("say \"(\" # [")))
        #expect(!Parser.needsContinuation(source("say \"\"\"done\"\"\"")))
    }
}
