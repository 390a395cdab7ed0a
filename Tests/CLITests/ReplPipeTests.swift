import Foundation
import Testing
import TestSupport

/// `bptutor repl` fed from a pipe: it reads plain lines and prints only results.
@Suite struct ReplPipeTests {
    @Test("only results on stdout: no prompts, no banner, no acknowledgements")
    func onlyResults() throws {
        let r = try bptutor("repl", input: "w = 0.5\nx = 2\nz = w*x\nshow z\nbackward z\nz\nset digits 3\nw.grad\n")
        #expect(r.status == 0)
        #expect(r.stdout == "z = 1\n1\n2\n")
        #expect(r.stderr == "")
    }

    @Test("a pasted multi-line block runs as one command")
    func multiLineBlock() throws {
        let r = try bptutor("repl", input: "M = [[1, 2],\n     [3, 4]]\nshow M\nv = [1,\n  2,\n  3]\nsum(v)\n")
        #expect(r.status == 0)
        #expect(r.stdout == "M = [ 1  2 ]\n    [ 3  4 ]\n6\n")
        #expect(r.stderr == "")
    }

    @Test("errors carry the line number in the session; exit 1 at the end")
    func errors() throws {
        let r = try bptutor("repl", input: "w = 0.5\nx = [1,\n 2]\nz = w*x\nzz\nshow w\n")
        #expect(r.status == 1)
        #expect(r.stdout == "w = 0.50000\n")
        #expect(r.stderr == """
            <repl>:5:1: error: unknown name 'zz'
              5 | zz
                | ^~
              = note: did you mean 'z'?

            """)
    }

    @Test("a forgotten ')' does not swallow the lines after it: a command or a blank line ends the wait")
    func forgottenParenthesis() throws {
        let r = try bptutor("repl", input: "x = (1 + 2\nshow w\nw = 2\nz = (3\n\nshow w\n")
        #expect(r.status == 1)
        #expect(r.stdout == "w = 2\n")
        #expect(r.stderr.hasPrefix("""
            <repl>:1:5: error: unclosed '(': expected ')' before the end of the line
              1 | x = (1 + 2
                |     ^
            <repl>:2:6: error: unknown name 'w'
            """), "\(r.stderr)")
        #expect(r.stderr.contains("<repl>:4:5: error: unclosed '('"), "\(r.stderr)")
        // Inside a """ text a command word is text: only the closing quotes end it.
        let text = try bptutor("repl", input: "say \"\"\"\nshow w\n\"\"\"\nw = 1\nshow w\n")
        #expect(text.stdout.hasSuffix("w = 1\n"), "\(text.stdout)")
        #expect(text.stderr == "")
    }

    @Test("an unfinished block at the end of input is an error")
    func unfinished() throws {
        let r = try bptutor("repl", input: "w = 1\nshow w\nv = [1,\n")
        #expect(r.status == 1)
        #expect(r.stdout == "w = 1\n")
        #expect(r.stderr.hasPrefix("<repl>:3:"), "\(r.stderr)")
    }

    @Test("quit stops reading")
    func quit() throws {
        let r = try bptutor("repl", input: "w = 1\nshow w\nquit\nshow w\n")
        #expect(r.status == 0)
        #expect(r.stdout == "w = 1\n")
        let exit = try bptutor("repl", input: "  exit  \nshow w\n")
        #expect(exit.status == 0)
        #expect(exit.stdout == "")
    }

    @Test("the history file is not touched when stdin is not a terminal")
    func noHistory() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let r = try bptutor("repl", input: "w = 1\nshow w\n",
                            environment: ["HOME": dir.path, "XDG_DATA_HOME": dir.path + "/data"])
        #expect(r.status == 0)
        #expect(!FileManager.default.fileExists(atPath: dir.path + "/data/bptutor/history"))
    }
}
