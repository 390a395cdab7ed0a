import Testing
@testable import ScriptSyntax

/// Absurdly deep input gets a located error, never a stack overflow (which
/// would crash the REPL and lose the session).
@Suite struct NestingLimitTests {
    static let limit = ParserState.maximumNesting

    @Test(arguments: ["(", "-", "[", "2^"])
    func deepNestingIsAnErrorNotACrash(_ opener: String) throws {
        let depth = 100_000
        let closer = opener == "(" ? ")" : opener == "[" ? "]" : ""
        let text = "z = " + String(repeating: opener, count: depth) + "1" + String(repeating: closer, count: depth)
        let d = try onlyDiagnostic(text)
        #expect(d.message == "this expression nests more than \(Self.limit) levels deep")
        #expect(d.span.start.line == 1)
    }

    @Test func longOperatorChainsCount() throws {
        let text = "z = 1" + String(repeating: " + 1", count: 10_000)
        let d = try onlyDiagnostic(text)
        #expect(d.message == "this expression nests more than \(Self.limit) levels deep")
    }

    @Test func realisticExpressionsAreFine() throws {
        let parens = "z = " + String(repeating: "(", count: 100) + "w" + String(repeating: ")", count: 100)
        let chain = "z = w" + String(repeating: " + w", count: 200)
        #expect(try statements(parens).count == 1)
        #expect(try statements(chain).count == 1)
        // The count restarts for every statement.
        #expect(try statements(chain + "\n" + chain).count == 2)
    }
}
