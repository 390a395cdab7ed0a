import Foundation
import Testing

/// One bad line never costs a student the rest: each line of an answers file is graded
/// on its own, its problem located and reported as that exercise's result.
@Suite struct CheckLineByLineTests {
    /// The default numbers of 03's q1 and q3, as `bptutor run` prints them.
    static let q1 = "0.6028130406998204", q3 = "-0.09509826659660968"

    func write(_ text: String) throws -> (path: String, cleanup: () -> Void) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bptutor-lines-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("answers.txt").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return (path, { try? FileManager.default.removeItem(at: dir) })
    }

    @Test("bad lines are that id's result; every other answer is graded; --json prints its one object")
    func badLinesKeepTheRest() throws {
        let text = "q1 = \(Self.q1)\nq2: 0.1\nq3 = \(Self.q3)\nq4 = 0,25\nq5 = NaN\nq99 = 1\nq1 = 3\nq6 = [1,\n"
        let (path, cleanup) = try write(text)
        defer { cleanup() }
        let r = try bptutor("check", "03-logistic-least-squares", path, "--json")
        #expect(r.status == 1)
        #expect(r.stdoutLines.count == 1)
        let check = try #require(try jsonObject(r.stdoutLines[0])["check"] as? [String: Any])
        #expect(check["score"] as? Int == 2)
        let results = try #require(check["results"] as? [[String: Any]])
        let byID = Dictionary(uniqueKeysWithValues: results.map { ($0["id"] as! String, $0) })
        #expect(byID["q1"]?["correct"] as? Bool == true)
        #expect(byID["q3"]?["correct"] as? Bool == true)
        #expect(byID["q2"]?["hint"] as? String == "line 2: write 'q2 = VALUE': an answer is given with '=', not ':'")
        #expect(byID["q4"]?["hint"] as? String == "line 4: a decimal comma: write 0.25, with a point")
        #expect((byID["q5"]?["hint"] as? String)?.hasPrefix("line 5: an answer is a finite number") == true)
        #expect((byID["q6"]?["hint"] as? String)?.hasPrefix("line 8: this answer cannot be read") == true)
        for id in ["q2", "q4", "q5", "q6"] { #expect(byID[id]?["given"] is NSNull, "\(id)") }
        let problems = try #require(check["problems"] as? [[String: Any]])
        #expect(problems.map { $0["line"] as? Int } == [2, 4, 5, 6, 7, 8])
        #expect(problems.map { $0["code"] as? String }
                == ["answers-format", "answers-format", "answers-format", "unknown-exercise", "answers-format",
                    "answers-format"])
        #expect(problems[0]["column"] as? Int == 3)

        // Without --json: the problems located on stderr, the whole report on stdout.
        let text2 = try bptutor("check", "03-logistic-least-squares", path)
        #expect(text2.status == 1)
        #expect(text2.stdout.hasPrefix("check 03-logistic-least-squares: 2 of 10 correct"), "\(text2.stdout)")
        #expect(text2.stderr.contains("answers.txt:7:1: error: 'q1' is answered twice\n  7 | q1 = 3\n"), "\(text2.stderr)")
    }

    @Test("a byte-order mark, CRLF line ends and a matrix over two lines are read")
    func bomAndCRLF() throws {
        let text = "\u{FEFF}q1 = \(Self.q1)\r\n# a comment\r\n\r\nq3 = [\r\n  \(Self.q3)]\r\n"
        let (path, cleanup) = try write(text)
        defer { cleanup() }
        let r = try bptutor("check", "03-logistic-least-squares", path, "--json")
        #expect(r.status == 1)
        let check = try #require(try jsonObject(r.stdoutLines[0])["check"] as? [String: Any])
        #expect(check["score"] as? Int == 2)
        #expect((check["problems"] as? [Any])?.isEmpty == true)
        #expect(r.stderr.isEmpty, "\(r.stderr)")
    }

    @Test("exit 2 only when the answers file as a whole cannot be read")
    func unreadableFile() throws {
        let r = try bptutor("check", "03-logistic-least-squares", "/nonexistent/answers.txt", "--json")
        #expect(r.status == 2)
        #expect(r.stderr.contains("cannot read '/nonexistent/answers.txt'"), "\(r.stderr)")
        let (path, cleanup) = try write("q1 = 1\n\u{FF}\n")
        defer { cleanup() }
        let bytes = try #require(FileManager.default.contents(atPath: path))
        var invalid = bytes
        invalid[invalid.count - 2] = 0xFF  // not UTF-8
        try invalid.write(to: URL(fileURLWithPath: path))
        #expect(try bptutor("check", "03-logistic-least-squares", path).status == 2)
    }
}
