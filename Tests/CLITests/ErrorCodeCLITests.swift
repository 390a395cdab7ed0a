import Foundation
import Testing

/// JSON error objects carry a stable "code" after their message, line and column.
@Suite struct ErrorCodeCLITests {
    @Test("eval --json: syntax and run-time errors carry their code")
    func evalCodes() throws {
        let r = try bptutor("eval", "--json", "-", input: "w = 0.5\nshwo\nv = [1, 2] + [1, 2, 3]\ntrain epochs=5\n")
        #expect(r.status == 1)
        let errors = try r.stdoutLines.map { try jsonObject($0)["error"] as? [String: Any] }
        #expect(errors.map { $0?["code"] as? String } == ["unknown-name", "shape-mismatch", "no-network"])
        #expect(errors[0]?["message"] as? String == "unknown name 'shwo'; did you mean 'show'?")
        #expect(errors.map { $0?["line"] as? Int } == [2, 3, 4])
        // The code is the last field: consumers that read message, line, column keep working.
        #expect(r.stdoutLines[0].hasSuffix(#", "line": 2, "column": 1, "code": "unknown-name"}}"#))

        let syntax = try bptutor("eval", "--json", "-", input: "A = [[1, 2] [3, 4]]\nshwo A\nz = (\nshow z\n")
        #expect(syntax.status == 2)
        let codes = try syntax.stdoutLines.map { (try jsonObject($0)["error"] as? [String: Any])?["code"] as? String }
        #expect(codes == ["missing-comma", "unknown-command", "unclosed-bracket"])
    }

    @Test("the REPL reports session line numbers (SourceFile.firstLine)")
    func replLineNumbers() throws {
        let r = try bptutor("repl", input: "w = 1\nshow w\nzz\nv = [1,\n2] + [1, 2, 3]\n")
        #expect(r.stderr.contains("<repl>:3:1: error: unknown name 'zz'\n  3 | zz\n"), "\(r.stderr)")
        #expect(r.stderr.contains("<repl>:4:5: error: cannot apply '+'"), "\(r.stderr)")
        #expect(r.stderr.contains("  4 | v = [1,\n"), "\(r.stderr)")
    }
}
