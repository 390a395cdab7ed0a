import Foundation
import Testing
import TestSupport

/// `bptutor eval [--json] [FILE]`, run as a process.
@Suite struct EvalCommandTests {
    static let script = """
        # a small session
        w = 0.5
        x = [1, 2]
        z = w * x
        show w
        show z
        L = sum(z)
        backward L
        show z w
        zz
        W = [[1, 2], [3, 4]]
        show W
        explain L
        log(0)
        set digits 3
        W @ x
        """

    @Test("--json: one object per result, in order, with the contract's shapes")
    func jsonLines() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("session.bp", Self.script)
        let r = try bptutor("eval", "--json", file)
        #expect(r.status == 1, "a command failed")
        let lines = r.stdoutLines
        try #require(lines.count == 8, "\(r.stdout)")
        let objects = try lines.map { try jsonObject($0) }
        #expect(objects.map { $0.keys.sorted() } == [["show"], ["show"], ["show"], ["error"], ["show"], ["explain"], ["value"], ["value"]])

        // show w, before backward: a number, grad null.
        let w = try #require((objects[0]["show"] as? [String: Any])?["w"] as? [String: Any])
        #expect(w["shape"] as? [Int] == [1, 1])
        #expect(w["value"] as? Double == 0.5)
        #expect(w["grad"] is NSNull)
        // show z: a flat list.
        let z = try #require((objects[1]["show"] as? [String: Any])?["z"] as? [String: Any])
        #expect(z["shape"] as? [Int] == [2, 1])
        #expect(z["value"] as? [Double] == [0.5, 1])
        #expect(z["grad"] is NSNull)
        // After backward: gradients, keys in the order asked.
        #expect(lines[2].hasPrefix(#"{"show": {"z": "#))
        let shown = try #require(objects[2]["show"] as? [String: Any])
        #expect((shown["z"] as? [String: Any])?["grad"] as? [Double] == [1, 1])
        #expect((shown["w"] as? [String: Any])?["grad"] as? Double == 3)
        // The error object.
        #expect(lines[3] == #"{"error": {"message": "unknown name 'zz'; did you mean 'z'?", "line": 10, "column": 1, "code": "unknown-name"}}"#)
        // A matrix: a list of rows.
        let W = try #require((objects[4]["show"] as? [String: Any])?["W"] as? [String: Any])
        #expect(W["shape"] as? [Int] == [2, 2])
        #expect(W["value"] as? [[Double]] == [[1, 2], [3, 4]])
        // explain.
        let explain = try #require(objects[5]["explain"] as? [String: Any])
        #expect(explain["name"] as? String == "L")
        #expect(explain["steps"] as? [String] == ["sum(z)", "sum([0.50000; 1])", "1.5000"])
        #expect(explain["value"] as? Double == 1.5)
        // -Infinity as a string; full precision whatever the digits.
        #expect(lines[6] == #"{"value": {"shape": [1, 1], "value": "-Infinity"}}"#)
        #expect(lines[7] == #"{"value": {"shape": [2, 1], "value": [5, 11]}}"#)

        // stderr: FILE:LINE:COL: error: MESSAGE, the line, a caret.
        #expect(r.stderr == """
            \(file):10:1: error: unknown name 'zz'
              10 | zz
                 | ^~
               = note: did you mean 'z'?

            """)
    }

    @Test("text output of the same script")
    func textOutput() throws {
        let r = try bptutor("eval", "-", input: Self.script)
        #expect(r.status == 1)
        #expect(r.stdout == """
            w = 0.50000
            z = [ 0.50000 ]
                [       1 ]
            z = [ 0.50000 ]    z̄ = [ 1 ]
                [       1 ]        [ 1 ]
            w = 0.50000        w̄ = 3
            W = [ 1  2 ]
                [ 3  4 ]
            L = sum(z)
              = sum([0.50000; 1])
              = 1.5000
            -Inf
            [  5 ]
            [ 11 ]

            """)
        #expect(r.stderr.hasPrefix("<stdin>:10:1: error: unknown name 'zz'\n  10 | zz\n     | ^~\n"))
        #expect(!r.stderr.contains("\u{1B}["), "no colour when stderr is not a terminal")
    }

    @Test("a syntax error anywhere: nothing runs, exit 2")
    func syntaxError() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let file = try dir.write("bad.bp", "w = 2\nshow w\nz = w * + 1\nshow w\n")
        let r = try bptutor("eval", file)
        #expect(r.status == 2)
        #expect(r.stdout == "", "nothing ran")
        #expect(r.stderr == """
            \(file):3:9: error: expected an expression after '*'
              3 | z = w * + 1
                |         ^

            """)
        let j = try bptutor("eval", "--json", file)
        #expect(j.status == 2)
        #expect(j.stdoutLines == [#"{"error": {"message": "expected an expression after '*'", "line": 3, "column": 9, "code": "syntax"}}"#])
        #expect(j.stderr == r.stderr)
        // Several syntax errors: all reported, still nothing runs.
        let two = try bptutor("eval", "--json", "-", input: "show = 1\nw = 2\nshow w\nv = [1, 2\n")
        #expect(two.status == 2)
        #expect(two.stdoutLines.count == 2)
        for line in two.stdoutLines {
            #expect(try jsonObject(line)["error"] != nil)
        }
    }

    @Test("a runtime error: later lines still run, exit 1")
    func runtimeError() throws {
        let r = try bptutor("eval", "--json", input: "a = 1\nb = a @ [1, 2]\nshow a\nc = nope\nshow a\n")
        #expect(r.status == 1)
        #expect(r.stdoutLines.count == 4)
        #expect(r.stdoutLines[0] == #"{"error": {"message": "cannot multiply 1×1 @ 2×1: the inner dimensions 1 and 2 differ", "line": 2, "column": 5, "code": "shape-mismatch"}}"#)
        #expect(r.stdoutLines[1] == #"{"show": {"a": {"shape": [1, 1], "value": 1, "grad": null}}}"#)
        #expect(r.stdoutLines[2].hasPrefix(#"{"error": {"message": "unknown name 'nope'"#))
        #expect(r.stdoutLines[3] == r.stdoutLines[1])
        #expect(r.stderr.hasPrefix("<stdin>:2:5: error: cannot multiply 1×1 @ 2×1: the inner dimensions 1 and 2 differ\n  2 | b = a @ [1, 2]\n    |     ^~~~~~~~~~\n"))
    }

    @Test("exit 0 when every command succeeds; quiet assignments")
    func success() throws {
        let r = try bptutor("eval", input: "w = 2\nx = 3\nz = w * x\nbackward z\n# a comment\n\nz\n")
        #expect(r.status == 0)
        #expect(r.stdout == "6\n")
        #expect(r.stderr == "")
        let empty = try bptutor("eval", "--json", input: "")
        #expect(empty.status == 0)
        #expect(empty.stdout == "")
    }

    @Test("CRLF line endings and a last line without a newline")
    func lineEndings() throws {
        let r = try bptutor("eval", input: "w = 2\r\nshow w\r\nzz\r\nw")
        #expect(r.status == 1)
        #expect(r.stdout == "w = 2\n2\n")
        #expect(r.stderr.hasPrefix("<stdin>:3:1: error: unknown name 'zz'\n  3 | zz\n"))
    }

    @Test("a missing file, a directory: exit 2")
    func unreadableFile() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let missing = try bptutor("eval", dir.path + "/nope.bp")
        #expect(missing.status == 2)
        #expect(missing.stdout == "")
        #expect(missing.stderr == "bptutor: error: cannot read '\(dir.path)/nope.bp': no such file, or not readable\n")
        let json = try bptutor("eval", "--json", dir.path + "/nope.bp")
        #expect(json.status == 2)
        let directory = try bptutor("eval", dir.path)
        #expect(directory.status == 2)
        #expect(directory.stderr == "bptutor: error: cannot read '\(dir.path)': it is a directory\n")
    }

    @Test("reading standard input: no file or '-'")
    func standardInput() throws {
        for arguments in [["eval"], ["eval", "-"], ["eval", "--json", "-"]] {
            let r = try runProcess(try BPTutorBinary.require(), arguments, input: "v = [3, 4]\nsum(v)\n")
            #expect(r.status == 0)
            #expect(r.stdout == (arguments.contains("--json") ? #"{"value": {"shape": [1, 1], "value": 7}}"# + "\n" : "7\n"))
        }
    }

    @Test("the lecture 002 example end to end")
    func lecture() throws {
        let r = try bptutor("eval", "--json", input: SharedFixture.text("lecture002.bp") + """
            backward Lreg
            show w b
            gradcheck Lreg
            w = 2
            show w
            """)
        #expect(r.status == 0)
        try #require(r.stdoutLines.count == 3)
        let y = 1 / (1 + exp(-0.9))
        let zbar = (y - 1) * y * (1 - y)
        let shown = try #require(try jsonObject(r.stdoutLines[0])["show"] as? [String: Any])
        let wbar = try #require((shown["w"] as? [String: Any])?["grad"] as? Double)
        #expect(abs(wbar - (zbar * 1.5 + 0.1 * 0.5)) <= 1e-12 * abs(wbar))
        let check = try #require(try jsonObject(r.stdoutLines[1])["gradcheck"] as? [String: Any])
        #expect(check["passed"] as? Bool == true)
        #expect((check["entries"] as? [[String: Any]])?.map { $0["leaf"] as? String } == ["w", "x", "b", "t", "lam"])
        // w = 2 updated the leaf and re-ran the backward.
        let after = try #require((try jsonObject(r.stdoutLines[2])["show"] as? [String: Any])?["w"] as? [String: Any])
        #expect(after["value"] as? Double == 2)
        let y2 = 1 / (1 + exp(-3.15))
        let expected = (y2 - 1) * y2 * (1 - y2) * 1.5 + 0.1 * 2
        let g = try #require(after["grad"] as? Double)
        #expect(abs(g - expected) <= 1e-12 * abs(expected))
    }
}
