import Testing
@testable import ScriptSyntax

/// One expected syntax error: its message, where it points, and its notes.
struct ExpectedError: Sendable, CustomStringConvertible {
    var input: String
    var message: String
    var line = 1
    var column: Int
    var length = 1
    var notes: [String] = []

    var description: String { input }
}

private let cannotAssign = "cannot assign to this expression: the left side of '=' must be a name, "
    + "as in 'w = 0.5', or an element, as in 'W[1, 2] = 0.5'"
private let mixed = "cannot mix rows and single entries; a matrix is written as rows, as in [[1, 2], [3, 4]]"

@Suite struct ErrorTests {
    static let reservedWords: [ExpectedError] = [
        .init(input: "show = 3", message: "'show' is a command and cannot be used as a name", column: 1, length: 4),
        .init(input: "reset += 1", message: "'reset' is a command and cannot be used as a name", column: 1, length: 5),
        .init(input: "x = names + 1", message: "'names' is a command and cannot be used as a name", column: 5, length: 5),
    ]

    static let unknownCommands: [ExpectedError] = [
        .init(input: "shwo W1", message: "unknown command 'shwo'", column: 1, length: 4, notes: ["did you mean 'show'?"]),
        .init(input: "Show W1", message: "unknown command 'Show'", column: 1, length: 4, notes: ["did you mean 'show'?"]),
        .init(input: "bakward L", message: "unknown command 'bakward'", column: 1, length: 7, notes: ["did you mean 'backward'?"]),
        .init(input: "gradchek L", message: "unknown command 'gradchek'", column: 1, length: 8, notes: ["did you mean 'gradcheck'?"]),
        .init(input: "foo 3", message: "unknown command 'foo'", column: 1, length: 3),
    ]

    static let commandArguments: [ExpectedError] = [
        .init(input: "backward", message: "backward takes one name, as in 'backward L'", column: 9),
        .init(input: "backward L M", message: "backward takes one name, as in 'backward L'", column: 12),
        .init(input: "backward 3", message: "backward takes one name, as in 'backward L'", column: 10),
        .init(input: "backward L.grad", message: "backward takes one name, as in 'backward L'", column: 11),
        .init(input: "show 3", message: "show takes names, as in 'show W1 b1' or 'show W1.grad'", column: 6),
        .init(input: "show W1[1]", message: "show takes names, as in 'show W1 b1' or 'show W1.grad'", column: 8),
        .init(input: "show W1.foo", message: "expected 'grad' after '.', as in W1.grad", column: 9, length: 3),
        .init(input: "explain", message: "explain takes one name, as in 'explain z' or 'explain W1.grad'", column: 8),
        .init(input: "explain a b", message: "explain takes one name, as in 'explain z' or 'explain W1.grad'", column: 11),
        .init(input: "gradcheck", message: "gradcheck takes a name and options, as in 'gradcheck L eps=1e-6'", column: 10),
        .init(input: "gradcheck L 3", message: "gradcheck takes a name and options, as in 'gradcheck L eps=1e-6'", column: 13),
        .init(input: "gradcheck L eps",
              message: "expected '=' after 'eps': options are written key=value, as in eps=1e-6", column: 16),
        .init(input: "gradcheck L eps=", message: "expected a value after 'eps=', as in eps=1", column: 17),
        .init(input: "gradcheck L eps=(1)", message: "expected a value after 'eps=', as in eps=1", column: 17),
        .init(input: "gradcheck L eps=1 eps=2", message: "the option 'eps' is given twice", column: 19, length: 3),
        .init(input: "set digits", message: "set takes a setting and a value, as in 'set digits 10'", column: 11),
        .init(input: "set 3 4", message: "set takes a setting and a value, as in 'set digits 10'", column: 5),
        .init(input: "set digits 10 12", message: "set takes a setting and a value, as in 'set digits 10'", column: 15, length: 2),
        .init(input: "help a b", message: "help takes one topic, as in 'help show'", column: 8),
        .init(input: "names x", message: "names takes no arguments", column: 7),
        .init(input: "reset 1", message: "reset takes no arguments", column: 7),
    ]

    static let expressions: [ExpectedError] = [
        .init(input: "z = w * + b", message: "expected an expression after '*'", column: 9),
        .init(input: "z = w +", message: "expected an expression after '+'", column: 8),
        .init(input: "x =", message: "expected an expression after '='", column: 4),
        .init(input: "x += ", message: "expected an expression after '+='", column: 6),
        .init(input: "x = -", message: "expected an expression after '-'", column: 6),
        .init(input: "x = 2 \u{2212}", message: "expected an expression after '\u{2212}'", column: 8),
        .init(input: "x = 2^", message: "expected an expression after '^'", column: 7),
        .init(input: "x = f(1,", message: "expected an expression after ','", column: 9),
        .init(input: "x = (a +\n", message: "expected an expression after '+'", column: 9),
        .init(input: "x = f(1,\n  * 2)", message: "expected an expression after ','", line: 2, column: 3),
        .init(input: "x == 3", message: "expected an expression after '='", column: 4),
        .init(input: ") x", message: "expected a command or an expression, found ')'", column: 1),
        .init(input: "* 3", message: "expected an expression before '*'", column: 1),
        .init(input: "x = \"hi\"", message: "a string cannot be used in an expression", column: 5, length: 4),
        .init(input: "z = (a+b).grad", message: "'.grad' follows a name, as in W1.grad", column: 10, length: 5),
        .init(input: "z = v[1].grad", message: "'.grad' follows a name, as in W1.grad", column: 9, length: 5),
        .init(input: "z = (x).grad", message: "'.grad' follows a name, as in W1.grad", column: 8, length: 5),
        .init(input: "z = W1.gard", message: "expected 'grad' after '.', as in W1.grad", column: 8, length: 4),
        .init(input: "z = v[]", message: "expected an index inside '[]', as in v[2] or W[1, 2]", column: 6, length: 2),
        .init(input: "z = W[1, 2, 3]", message: "an index has one or two positions, as in v[2] or W[1, 2]", column: 13),
    ]

    static let brackets: [ExpectedError] = [
        .init(input: "z = (a + b", message: "unclosed '(': expected ')' before the end of the line", column: 5),
        .init(input: "z = [1, 2", message: "unclosed '[': expected ']' before the end of the line", column: 5),
        .init(input: "z = f(a, b", message: "unclosed '(': expected ')' before the end of the line", column: 6),
        .init(input: "z = [[1, 2], [3, 4]", message: "unclosed '[': expected ']' before the end of the line", column: 5),
        .init(input: "z = (a b)", message: "expected ')', found 'b'", column: 8),
        .init(input: "z = [1 2]", message: "expected ',' or ']', found '2'", column: 8),
        .init(input: "z = [1, 2)", message: "expected ',' or ']', found ')'", column: 10,
              notes: ["the '[' at 1:5 is closed by ']'"]),
        .init(input: "z = a + b)", message: "unexpected ')' after the end of the statement", column: 10,
              notes: ["there is no '(' for it to close"]),
        .init(input: "z = a]", message: "unexpected ']' after the end of the statement", column: 6,
              notes: ["there is no '[' for it to close"]),
    ]

    static let literals: [ExpectedError] = [
        .init(input: "z = []", message: "'[]' is empty: a vector needs at least one entry, as in [1, 2]", column: 5, length: 2),
        .init(input: "W = [[1, 2], [3]]",
              message: "the rows of a matrix must have the same length: row 1 has 2 entries, row 2 has 1", column: 14, length: 3),
        .init(input: "W = [[1], [2, 3]]",
              message: "the rows of a matrix must have the same length: row 1 has 1 entry, row 2 has 2", column: 11, length: 6),
        .init(input: "W = [[1, 2], 3]", message: mixed, column: 14),
        .init(input: "W = [1, [2]]", message: mixed, column: 9, length: 3),
        .init(input: "W = [[[1]]]",
              message: "a matrix cannot be an entry of a matrix; a matrix is written as rows, as in [[1, 2], [3, 4]]",
              column: 6, length: 5),
    ]

    static let statements: [ExpectedError] = [
        .init(input: "2 = x", message: cannotAssign, column: 1),
        .init(input: "a + b += 1", message: "cannot assign to this expression: the left side of '+=' must be a name, "
                 + "as in 'w = 0.5', or an element, as in 'W[1, 2] = 0.5'", column: 1, length: 5),
        .init(input: "f(x) = 1", message: cannotAssign, column: 1, length: 4),
        .init(input: "(x) = 1", message: cannotAssign, column: 1, length: 3),
        .init(input: "v[1][2] = 0", message: cannotAssign, column: 1, length: 7),
        .init(input: "W1.grad = 0", message: "cannot assign to 'W1.grad': gradients are computed by 'backward'",
              column: 1, length: 7),
        .init(input: "a = b = 3", message: "unexpected '=' after the end of the statement", column: 7),
        .init(input: "z = w x", message: "unexpected 'x' after the end of the statement", column: 7,
              notes: ["to multiply, write '*' between the factors"]),
        .init(input: "z = 2 \"s\"", message: "unexpected string after the end of the statement", column: 7, length: 3),
    ]

    static let lexical: [ExpectedError] = [
        .init(input: "x = 1 $", message: "unexpected character '$'", column: 7),
        .init(input: "x = (1 $", message: "unexpected character '$'", column: 8),
        .init(input: "x = 1e", message: "malformed number '1e': the exponent needs digits, as in 1e-3", column: 5, length: 2),
        .init(input: "show \"x", message: "unterminated string: the closing '\"' is missing", column: 6, length: 2,
              notes: ["a string that spans several lines is written between \"\"\" and \"\"\""]),
    ]

    @Test(arguments: reservedWords + unknownCommands + commandArguments)
    func commandErrors(_ expected: ExpectedError) throws {
        try check(expected)
    }

    @Test(arguments: expressions + brackets + literals + statements + lexical)
    func expressionErrors(_ expected: ExpectedError) throws {
        try check(expected)
    }

    private func check(_ expected: ExpectedError) throws {
        let d = try onlyDiagnostic(expected.input)
        #expect(d.message == expected.message)
        #expect(d.span == SourceSpan(line: expected.line, column: expected.column, length: expected.length))
        #expect(d.notes == expected.notes)
        #expect(d.severity == .error)
    }

    @Test(arguments: [
        ("x = [1, 2,\ny = 3\nz = 4", 5, ["y = 3", "z = 4"]),
        ("z = (a + b\nc = 1", 5, ["c = 1"]),
        ("z = f(a\nshow z", 6, ["<show z>"]),
        ("W = [[1, 2],\n     [3, 4]\nb = 0", 5, ["b = 0"]),
        ("W = [[1, 2],\n\n     [3, 4]\n\nb = 0", 5, ["b = 0"]),
        ("z = (a +\nc = 1", 5, ["c = 1"]),
        ("z = (a + b\n", 5, []),
    ])
    func unclosedBracketPointsAtTheOpenerAndParsingResumesOnTheNextStatement(
        _ text: String, _ column: Int, _ following: [String]
    ) {
        let (statements, diagnostics) = Parser.parse(source(text))
        #expect(diagnostics.map(\.message) == [
            "unclosed '\(slice(SourceSpan(line: 1, column: column), of: text))': expected '\(text.contains("(") ? ")" : "]")' before the end of the line",
        ])
        #expect(diagnostics.first?.span == SourceSpan(line: 1, column: column, length: 1))
        #expect(statements.map(rendered) == following)
    }

    @Test func recoveryReportsEveryErrorInOrder() {
        let text = "a = 1\nshow = 2\nb = (\nc = 3 +\nd = 4\nshwo d\n"
        let (statements, diagnostics) = Parser.parse(source(text))
        #expect(statements.map(rendered) == ["a = 1", "d = 4"])
        #expect(diagnostics.map(\.message) == [
            "'show' is a command and cannot be used as a name",
            "unclosed '(': expected ')' before the end of the line",
            "expected an expression after '+'",
            "unknown command 'shwo'",
        ])
        #expect(diagnostics.map(\.span.start) == [
            SourcePosition(line: 2, column: 1),
            SourcePosition(line: 3, column: 5),
            SourcePosition(line: 4, column: 8),
            SourcePosition(line: 6, column: 1),
        ])
    }

    @Test func oneErrorPerLineTheFirstOne() {
        // A parse error before a lexical error on the same line wins; the rest of the line is skipped.
        let all = diagnostics("x = ) $\ny = $ )")
        #expect(all.map(\.message) == ["expected an expression after '='", "unexpected character '$'"])
        #expect(all.map(\.span.start) == [SourcePosition(line: 1, column: 5), SourcePosition(line: 2, column: 5)])
    }

    @Test func unterminatedTripleQuoteSwallowsTheRest() {
        let (statements, all) = Parser.parse(source("x = 1\nsay \"\"\"\ntext\nshow = 2"))
        #expect(statements.map(rendered) == ["x = 1"])
        #expect(all.map(\.message) == ["unterminated string: no closing \"\"\" before the end of the input"])
        #expect(all.first?.span == SourceSpan(line: 2, column: 5, length: 3))
    }
}
