import Testing
@testable import ScriptSyntax

/// Every node's span must cover exactly its text: the interpreter puts carets under them.
@Suite struct SpanTests {
    @Test func assignmentAndItsParts() throws {
        let text = "z = w*x + b  # pre-activation"
        let s = try statement(text)
        #expect(s.span == SourceSpan(line: 1, column: 1, length: 11))
        guard case .assignment(let target, _, let value) = s.kind,
              case .binary(.add, let product, let b) = value.kind,
              case .binary(.multiply, let w, let x) = product.kind else {
            Issue.record("unexpected shape: \(s.kind)")
            return
        }
        #expect(target.name.span == SourceSpan(line: 1, column: 1, length: 1))
        #expect(slice(value.span, of: text) == "w*x + b")
        #expect(slice(product.span, of: text) == "w*x")
        #expect(w.span == SourceSpan(line: 1, column: 5, length: 1))
        #expect(x.span == SourceSpan(line: 1, column: 7, length: 1))
        #expect(b.span == SourceSpan(line: 1, column: 11, length: 1))
    }

    @Test func unaryAndPower() throws {
        let text = "  y = -x^2"
        guard case .assignment(_, _, let value) = try statement(text).kind,
              case .unary(.negate, let power) = value.kind,
              case .binary(.power, _, let two) = power.kind else {
            Issue.record("unexpected shape")
            return
        }
        #expect(value.span == SourceSpan(line: 1, column: 7, length: 4))
        #expect(slice(power.span, of: text) == "x^2")
        #expect(two.span == SourceSpan(line: 1, column: 10, length: 1))
    }

    @Test func parenthesesBelongToTheirExpression() throws {
        let text = "(a + b) * c"
        let e = try expression(text)
        guard case .binary(.multiply, let sum, _) = e.kind else {
            Issue.record("unexpected shape")
            return
        }
        #expect(slice(sum.span, of: text) == "(a + b)")
        #expect(slice(e.span, of: text) == text)
    }

    @Test func callIndexAndGrad() throws {
        let text = "sigmoid(z1)[2] + W1.grad[1, 2]"
        let e = try expression(text)
        guard case .binary(.add, let left, let right) = e.kind,
              case .index(let call, let i) = left.kind,
              case .call(let function, let arguments) = call.kind,
              case .index(let grad, let ij) = right.kind,
              case .grad(let name) = grad.kind else {
            Issue.record("unexpected shape")
            return
        }
        #expect(slice(left.span, of: text) == "sigmoid(z1)[2]")
        #expect(slice(call.span, of: text) == "sigmoid(z1)")
        #expect(slice(function.span, of: text) == "sigmoid")
        #expect(slice(arguments[0].span, of: text) == "z1")
        #expect(slice(i[0].span, of: text) == "2")
        #expect(slice(right.span, of: text) == "W1.grad[1, 2]")
        #expect(slice(grad.span, of: text) == "W1.grad")
        #expect(slice(name.span, of: text) == "W1")
        #expect(ij.map { slice($0.span, of: text) } == ["1", "2"])
    }

    @Test func literals() throws {
        let text = "[[1, -2], [3, 4]]"
        let e = try expression(text)
        guard case .matrix(let rows) = e.kind else {
            Issue.record("not a matrix")
            return
        }
        #expect(e.span == SourceSpan(line: 1, column: 1, length: 17))
        #expect(rows.flatMap { $0 }.map { slice($0.span, of: text) } == ["1", "-2", "3", "4"])
    }

    @Test func unicodeColumnsCountCharacters() throws {
        // "é" written as e + a combining accent is one Character, so one column.
        let text = "caf\u{0065}\u{0301} = \u{03B7} \u{2212} 1"
        guard case .assignment(let target, _, let value) = try statement(text).kind else {
            Issue.record("not an assignment")
            return
        }
        #expect(target.name.span == SourceSpan(line: 1, column: 1, length: 4))
        #expect(value.span == SourceSpan(line: 1, column: 8, length: 5))
    }

    @Test func statementsOnLaterLines() throws {
        let text = "# header\n\nx = 1\n  backward   L   \nshow x y.grad"
        let all = try statements(text)
        #expect(all.map(\.span) == [
            SourceSpan(line: 3, column: 1, length: 5),
            SourceSpan(line: 4, column: 3, length: 12),
            SourceSpan(line: 5, column: 1, length: 13),
        ])
        guard case .command(let keyword, .show(let quantities)) = all[2].kind else {
            Issue.record("not a show")
            return
        }
        #expect(keyword.span == SourceSpan(line: 5, column: 1, length: 4))
        #expect(quantities.map(\.span) == [SourceSpan(line: 5, column: 6, length: 1), SourceSpan(line: 5, column: 8, length: 6)])
        #expect(quantities.map(\.name.span) == [SourceSpan(line: 5, column: 6, length: 1), SourceSpan(line: 5, column: 8, length: 1)])
    }

    @Test func statementSpanningLines() throws {
        let text = "W = [[1, 2],\n     [3, 4]]\nb = 0"
        let all = try statements(text)
        #expect(all.count == 2)
        #expect(all[0].span == SourceSpan(start: SourcePosition(line: 1, column: 1), end: SourcePosition(line: 2, column: 13)))
        #expect(all[1].span == SourceSpan(line: 3, column: 1, length: 5))
    }

    @Test func commandOptionSpans() throws {
        let text = "gradcheck L eps=-1e-6 mode=central"
        guard case .command(_, .gradcheck(let name, let options)) = try statement(text).kind else {
            Issue.record("not a gradcheck")
            return
        }
        #expect(slice(name.span, of: text) == "L")
        #expect(options.map { slice($0.key.span, of: text) } == ["eps", "mode"])
        #expect(options.map { slice($0.valueSpan, of: text) } == ["-1e-6", "central"])
    }

    @Test func indexedTargetSpans() throws {
        let text = "W1[2, 1] -= 0.5"
        guard case .assignment(let target, .subtract, _) = try statement(text).kind else {
            Issue.record("not an assignment")
            return
        }
        #expect(slice(target.name.span, of: text) == "W1")
        #expect(target.indices.map { slice($0.span, of: text) } == ["2", "1"])
    }
}
