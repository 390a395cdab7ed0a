import Testing
@testable import ScriptSyntax

@Suite struct ExpressionTests {
    @Test(arguments: [
        ("a + b * c", "(a + (b * c))"),
        ("a * b + c", "((a * b) + c)"),
        ("a - b - c", "((a - b) - c)"),
        ("a - b + c", "((a - b) + c)"),
        ("a * b @ c / d", "(((a * b) @ c) / d)"),
        ("W @ x + b", "((W @ x) + b)"),
        ("-x^2", "(-(x ^ 2))"),
        ("-2^2", "(-(2 ^ 2))"),
        ("2^-1", "(2 ^ (-1))"),
        ("a^b^c", "(a ^ (b ^ c))"),
        ("2^-x^2", "(2 ^ (-(x ^ 2)))"),
        ("a^-b * c", "((a ^ (-b)) * c)"),
        ("-a * b", "((-a) * b)"),
        ("a * -b", "(a * (-b))"),
        ("--a", "(-(-a))"),
        ("a - -b", "(a - (-b))"),
        ("(a + b) * c", "((a + b) * c)"),
        ("(a^b)^c", "((a ^ b) ^ c)"),
        ("a^b[1]", "(a ^ b[1])"),
        ("x \u{2212} y \u{00D7} z \u{00B7} w", "(x - ((y * z) * w))"),
        ("1e-3 * x", "(0.001 * x)"),
        ("sigmoid(W1 @ x + b1)", "sigmoid(((W1 @ x) + b1))"),
        ("f(a, -b, c^2)", "f(a, (-b), (c ^ 2))"),
        ("f()", "f()"),
        ("v[2]", "v[2]"),
        ("W[1, 2]", "W[1, 2]"),
        ("W[i + 1, j]", "W[(i + 1), j]"),
        ("W1.grad", "W1.grad"),
        ("W1.grad[1, 2]", "W1.grad[1, 2]"),
        ("-W1.grad", "(-W1.grad)"),
        ("f(x)[1]", "f(x)[1]"),
        ("[1, 2][1]", "[1, 2][1]"),
        ("[1, 2, 3]", "[1, 2, 3]"),
        ("[5]", "[5]"),
        ("[-1, 2^2, x]", "[(-1), (2 ^ 2), x]"),
        ("[[1, 2], [3, 4]]", "[[1, 2], [3, 4]]"),
        ("[[1, 2]]", "[[1, 2]]"),
        ("[[1], [2]]", "[[1], [2]]"),
        ("[1, 2,]", "[1, 2]"),
        ("transpose([[1, 2]]) @ [3, 4]", "(transpose([[1, 2]]) @ [3, 4])"),
    ])
    func precedence(_ input: String, _ expected: String) throws {
        #expect(parenthesised(try expression(input)) == expected)
    }

    @Test func negativeNumberIsNegatedLiteral() throws {
        let e = try expression("-4")
        #expect(e.kind == .unary(.negate, Expression(.number(4), span: SourceSpan(line: 1, column: 2, length: 1))))
    }

    @Test func matrixKindAndRows() throws {
        let e = try expression("[[1, 2], [3, 4]]")
        guard case .matrix(let rows) = e.kind else {
            Issue.record("not a matrix: \(e.kind)")
            return
        }
        #expect(rows.map { $0.map(parenthesised) } == [["1", "2"], ["3", "4"]])
    }

    @Test func vectorKind() throws {
        let e = try expression("[1, 2]")
        guard case .vector(let entries) = e.kind else {
            Issue.record("not a vector: \(e.kind)")
            return
        }
        #expect(entries.count == 2)
    }

    @Test func literalsMayBreakLinesAfterOpenersAndCommas() throws {
        #expect(parenthesised(try expression("[[1, 2],\n [3, 4]]")) == "[[1, 2], [3, 4]]")
        #expect(parenthesised(try expression("[\n  [1, 2],\n  [3, 4]\n]")) == "[[1, 2], [3, 4]]")
        #expect(parenthesised(try expression("f(a,\n  b)")) == "f(a, b)")
    }

    @Test func surroundingBlankLinesAndCommentsAreAllowed() throws {
        #expect(parenthesised(try expression("  # the answer\n\n  [1, 2] # trailing\n\n")) == "[1, 2]")
    }

    @Test func parseExpressionRejectsASecondExpression() {
        guard case .failure(let d) = Parser.parseExpression(source("1 2")) else {
            Issue.record("expected a failure")
            return
        }
        #expect(d.message == "unexpected '2' after the end of the expression")
        #expect(d.span == SourceSpan(line: 1, column: 3, length: 1))
    }

    @Test func parseExpressionOfNothing() {
        guard case .failure(let d) = Parser.parseExpression(source("  # nothing")) else {
            Issue.record("expected a failure")
            return
        }
        #expect(d.message == "expected an expression")
        #expect(d.span.start == SourcePosition(line: 1, column: 12))
    }

    @Test func parseExpressionRejectsAStatement() {
        guard case .failure(let d) = Parser.parseExpression(source("x = 1")) else {
            Issue.record("expected a failure")
            return
        }
        #expect(d.message == "unexpected '=' after the end of the expression")
        #expect(d.span.start.column == 3)
    }
}
