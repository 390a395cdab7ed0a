import Testing
@testable import ScriptSyntax

/// Errors as data: a stable code per kind, located where the problem is.
@Suite struct DiagnosticCodeTests {
    @Test("codes are unique, kebab-case and stable")
    func codes() {
        let raw = DiagnosticCode.allCases.map(\.rawValue)
        #expect(Set(raw).count == raw.count)
        for code in raw {
            #expect(code.allSatisfy { $0.isLowercase || $0 == "-" }, "\(code)")
        }
        // A few of the contract's codes, spelled out: renaming one breaks graders.
        #expect(DiagnosticCode.unknownName.rawValue == "unknown-name")
        #expect(DiagnosticCode.missingComma.rawValue == "missing-comma")
        #expect(DiagnosticCode.unclosedBracket.rawValue == "unclosed-bracket")
        #expect(DiagnosticCode.pathNotAllowed.rawValue == "path-not-allowed")
    }

    @Test("syntax errors carry their kind")
    func syntaxCodes() throws {
        #expect(try onlyDiagnostic("z = w * + b").code == .syntax)
        #expect(try onlyDiagnostic("z = 'a'").code == .unexpectedCharacter)
        #expect(try onlyDiagnostic("z = 1e").code == .malformedNumber)
        #expect(try onlyDiagnostic("s = \"abc").code == .badString)
        #expect(try onlyDiagnostic("shwo W1").code == .unknownCommand)
        #expect(try onlyDiagnostic("show = 3").code == .reservedName)
        #expect(try onlyDiagnostic("backward").code == .commandUsage)
        #expect(try onlyDiagnostic("x.grad = 1").code == .badAssignmentTarget)
        #expect(try onlyDiagnostic("v = []").code == .badLiteral)
        #expect(try onlyDiagnostic("v = [[1, 2], [3]]").code == .badLiteral)
        #expect(try onlyDiagnostic("v = w[]").code == .badIndex)
        #expect(try onlyDiagnostic("train epochs=1 eta=1 eta=2").code == .duplicateOption)
    }

    @Test("a missing comma between matrix rows is reported as such, where the comma goes")
    func missingComma() throws {
        let d = try onlyDiagnostic("A = [[1, 2] [3, 4]]")
        #expect(d.message == "a ',' is missing between the rows of a matrix")
        #expect(d.code == .missingComma)
        #expect(d.span.start.column == 12)
        #expect(d.notes == ["rows are separated by commas, as in [[1, 2], [3, 4]]"])
        let third = try onlyDiagnostic("B = [[1, 2], [3, 4] [5, 6]]")
        #expect(third.code == .missingComma)
        #expect(third.span.start.column == 20)
        // No space: still a missing comma, pointing just after the row.
        #expect(try onlyDiagnostic("A = [[1, 2][3, 4]]").span.start.column == 12)
        // Indexing a literal outside a literal is still indexing.
        #expect(diagnostics("v = [1, 2][1]").isEmpty)
        #expect(diagnostics("v = sum([1, 2][1])").isEmpty)
    }

    @Test("an unclosed '(' is reported at the '(' when the next line starts with a command")
    func unclosedBeforeCommand() throws {
        for text in ["w = 2\nz = sigmoid(w *\nshow z", "w = 2\nz = (\nshow z", "z = [1,\nshow z"] {
            let all = diagnostics(text)
            try #require(all.count == 1, "\(text): \(all.map(\.message))")
            #expect(all[0].code == .unclosedBracket, "\(text)")
            #expect(all[0].message.hasPrefix("unclosed '"), "\(text)")
            #expect(all[0].span.start.line == (text.hasPrefix("w") ? 2 : 1), "\(text)")
        }
        // The next line is parsed as the next statement after the error.
        let parsed = Parser.parse(SourceFile(name: "t", text: "z = (\nshow z"))
        #expect(parsed.statements.count == 1)
    }

    @Test("SourceFile numbers its lines from firstLine: lexer, parser and renderer agree")
    func firstLine() throws {
        let source = SourceFile(name: "<repl>", text: "w = 1\nz = w * + 1", firstLine: 7)
        #expect(source.lastLine == 8)
        #expect(source.line(8) == "z = w * + 1")
        #expect(source.line(1) == "")
        let d = try #require(Parser.parse(source).diagnostics.first)
        #expect(d.span.start.line == 8)
        let text = DiagnosticRenderer.render(d, in: source)
        #expect(text.hasPrefix("<repl>:8:9: error: expected an expression after '*'\n  8 | z = w * + 1\n"), "\(text)")
        let moved = SourceFile(name: "x", text: "a b").numbered(from: 3)
        #expect(moved.firstLine == 3 && moved.line(3) == "a b")
    }
}
