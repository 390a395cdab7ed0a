import Testing
@testable import ScriptSyntax

@Suite struct RendererTests {
    private func renderFirst(_ text: String, name: String = "test.bp", color: Bool = false,
                             sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        let file = SourceFile(name: name, text: text)
        let d = try #require(Parser.parse(file).diagnostics.first, sourceLocation: sourceLocation)
        return DiagnosticRenderer.render(d, in: file, color: color)
    }

    @Test func caretUnderTheColumn() throws {
        #expect(try renderFirst("x = 1\nw = 2\nz = w * + b\n", name: "lesson.lesson") == """
            lesson.lesson:3:9: error: expected an expression after '*'
              3 | z = w * + b
                |         ^

            """)
    }

    @Test func spanIsUnderlinedAndNotesFollow() throws {
        #expect(try renderFirst("shwo W1") == """
            test.bp:1:1: error: unknown command 'shwo'
              1 | shwo W1
                | ^~~~
              = note: did you mean 'show'?

            """)
    }

    @Test func caretAfterTheEndOfTheLine() throws {
        #expect(try renderFirst("x =   ") == """
            test.bp:1:7: error: expected an expression after '='
              1 | x =
                |       ^

            """)
    }

    @Test func tabsKeepTheCaretAligned() throws {
        #expect(try renderFirst("\tz = w * + b") == """
            test.bp:1:10: error: expected an expression after '*'
              1 |     z = w * + b
                |             ^

            """)
        #expect(try renderFirst("x\t= c $") == """
            test.bp:1:7: error: unexpected character '$'
              1 | x   = c $
                |         ^

            """)
    }

    @Test func wideCharactersTakeTwoColumns() throws {
        #expect(try renderFirst("x = \u{65E5}\u{672C} $") == """
            test.bp:1:8: error: unexpected character '$'
              1 | x = \u{65E5}\u{672C} $
                |          ^

            """)
    }

    @Test func combiningCharactersTakeOneColumn() throws {
        #expect(try renderFirst("caf\u{0065}\u{0301} = $") == """
            test.bp:1:8: error: unexpected character '$'
              1 | caf\u{0065}\u{0301} = $
                |        ^

            """)
    }

    @Test func wideCharactersInsideTheSpan() throws {
        let file = source("x = \u{65E5}\u{672C} + 1")
        let d = Diagnostic(RendererMessage("example"), at: SourceSpan(line: 1, column: 5, length: 2))
        #expect(DiagnosticRenderer.render(d, in: file) == """
            test.bp:1:5: error: example
              1 | x = \u{65E5}\u{672C} + 1
                |     ^~~~

            """)
    }

    @Test func gutterGrowsWithTheLineNumber() throws {
        let text = String(repeating: "\n", count: 11) + "z = a + b)"
        #expect(try renderFirst(text) == """
            test.bp:12:10: error: unexpected ')' after the end of the statement
              12 | z = a + b)
                 |          ^
               = note: there is no '(' for it to close

            """)
    }

    @Test func multiLineSpanIsUnderlinedToTheEndOfItsFirstLine() throws {
        #expect(try renderFirst("y = \"\"\"\n  text\n  \"\"\"") == """
            test.bp:1:5: error: a string cannot be used in an expression
              1 | y = \"\"\"
                |     ^~~

            """)
    }

    @Test func emptySourceLine() {
        let file = source("a\n\nb")
        let d = Diagnostic(RendererMessage("empty"), at: SourceSpan(line: 2, column: 1))
        #expect(DiagnosticRenderer.render(d, in: file) == "test.bp:2:1: error: empty\n  2 |\n    | ^\n")
    }

    @Test func lineOutOfRangeShowsOnlyTheHeader() {
        let d = Diagnostic(RendererMessage("somewhere else"), at: SourceSpan(line: 5, column: 2), notes: ["a note"])
        #expect(DiagnosticRenderer.render(d, in: source("x")) == "test.bp:5:2: error: somewhere else\n  = note: a note\n")
    }

    @Test func otherSeverities() {
        let d = Diagnostic(RendererMessage("unused"), at: SourceSpan(line: 1, column: 1, length: 1), severity: .warning)
        #expect(DiagnosticRenderer.render(d, in: source("x")) == "test.bp:1:1: warning: unused\n  1 | x\n    | ^\n")
    }

    @Test func colorOnlyWhenAsked() throws {
        let plain = try renderFirst("x = 1 $")
        #expect(!plain.contains("\u{1B}"))
        #expect(try renderFirst("x = 1 $", color: true) == "test.bp:1:7: \u{1B}[1;31merror\u{1B}[0m: "
                + "\u{1B}[1munexpected character '$'\u{1B}[0m\n"
                + "  1 | x = 1 $\n"
                + "    |       \u{1B}[1;31m^\u{1B}[0m\n")
    }

    @Test func severalDiagnostics() {
        let file = source("x = )\ny = (")
        let text = DiagnosticRenderer.render(Parser.parse(file).diagnostics, in: file)
        #expect(text == """
            test.bp:1:5: error: expected an expression after '='
              1 | x = )
                |     ^
            test.bp:2:6: error: expected an expression after '('
              2 | y = (
                |      ^

            """)
    }
}

/// A fixed wording, to render a diagnostic whose text the test chooses.
private struct RendererMessage: DiagnosticMessage {
    var message: String
    var code: DiagnosticCode { .syntax }
    init(_ message: String) { self.message = message }
}
