import Foundation
import Testing
import TestSupport

/// The README tells the truth: every example in its code blocks is run here.
/// - a block opening with `$ scripts/bptutor repl` is replayed in a real terminal
///   (tmux) and must be the program's output exactly;
/// - a block of `bptutor …` command lines: each runs (its `[optional]` parts left
///   out) without a usage error;
/// - a block opening with `script.bp:` is the error `eval` prints, exactly;
/// - any other block not of shell lines (`scripts/…`, run by CI itself) or the
///   folder map (`Sources/`) is a script in the language: `eval` runs it cleanly.
@Suite struct ReadmeTests {
    struct Block {
        var line: Int
        var lines: [String]
        var first: String { lines.first ?? "" }
    }

    static let readme = WrapperScriptTests.repository.appendingPathComponent("README.md")

    static func blocks() throws -> [Block] {
        let text = try String(contentsOf: readme, encoding: .utf8)
        var blocks: [Block] = []
        var current: Block?
        for (i, line) in text.components(separatedBy: "\n").enumerated() {
            if line.hasPrefix("```") {
                if let block = current { blocks.append(block); current = nil } else { current = Block(line: i + 1, lines: []) }
            } else {
                current?.lines.append(line)
            }
        }
        return blocks
    }

    static func block(where condition: (Block) -> Bool) throws -> [Block] {
        try blocks().filter(condition)
    }

    /// A command as written in the README, made runnable: comment and `[optional]`
    /// parts dropped, `answers.txt` a real file.
    static func runnable(_ line: String, answers: String) -> [String] {
        var text = line
        if let hash = text.range(of: "  #") { text = String(text[..<hash.lowerBound]) }
        while let open = text.firstIndex(of: "["), let close = text[open...].firstIndex(of: "]") {
            text.removeSubrange(open...close)
        }
        return text.split(separator: " ").dropFirst().map { $0 == "answers.txt" ? answers : String($0) }
    }

    @Test("the first session is the program's real output")
    func firstSession() throws {
        let sessions = try Self.block { $0.first == "$ scripts/bptutor repl" }
        try #require(!sessions.isEmpty, "README.md has no '$ scripts/bptutor repl' block")
        guard TmuxServer.isAvailable else { return }
        for block in sessions {
            let expected = Array(block.lines.dropFirst())
            let inputs = expected.filter { $0.hasPrefix("bptutor> ") }.map { String($0.dropFirst("bptutor> ".count)) }
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            let server = try TmuxServer()
            defer { server.kill() }
            try server.start("env XDG_DATA_HOME=\(dir.path) NO_COLOR=1 INPUTRC=/dev/null \(try BPTutorBinary.require()) repl",
                             columns: 120, rows: expected.count + 5)
            #expect(try server.waitFor { $0.last == "bptutor>" }, "\(server.shown)")
            for (n, input) in inputs.enumerated() {
                try server.type(input)
                try server.press("Enter")
                let prompts = n + 2
                #expect(try server.waitFor { lines in lines.filter { $0.hasPrefix("bptutor>") }.count == prompts
                            && lines.last == "bptutor>" }, "\(server.shown)")
            }
            let shown = try server.lines().dropLast()   // the last, empty prompt
            #expect(Array(shown) == expected, "README.md:\(block.line): the session differs from the program:\n\(server.shown)")
        }
    }

    @Test("every bptutor command line runs without a usage error")
    func commandLines() throws {
        let blocks = try Self.block { $0.first.hasPrefix("bptutor ") }
        try #require(!blocks.isEmpty)
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let answers = try dir.write("answers.txt", "q1 = 0\n")
        for block in blocks {
            for line in block.lines where line.hasPrefix("bptutor ") {
                let arguments = Self.runnable(line, answers: answers)
                let r = try runProcess(try BPTutorBinary.require(), arguments, input: "quit\n",
                                       environment: ["XDG_DATA_HOME": dir.path + "/data"])
                #expect(r.status == 0 || r.status == 1, "README.md:\(block.line): \(line)\n\(r.stderr)")
                #expect(!r.stderr.contains("Usage:"), "README.md:\(block.line): \(line)\n\(r.stderr)")
                #expect(!r.stdout.isEmpty, "README.md:\(block.line): \(line) printed nothing")
            }
        }
    }

    @Test("the eval error shown is the one eval prints")
    func evalError() throws {
        let blocks = try Self.block { $0.first.hasPrefix("script.bp:") }
        try #require(blocks.count == 1)
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let script = try dir.write("script.bp", "w = 0.5\nb = 0.1\nz = w * wx + b\n")
        let r = try runProcess(try BPTutorBinary.require(), ["eval", script])
        #expect(r.status == 1)
        let expected = blocks[0].lines.joined(separator: "\n").trimmingCharacters(in: .newlines)
        #expect(r.stderr.replacingOccurrences(of: script, with: "script.bp").trimmingCharacters(in: .newlines) == expected)
    }

    @Test("every block of the language runs cleanly through eval")
    func languageBlocks() throws {
        let blocks = try Self.block { block in
            !block.lines.allSatisfy(\.isEmpty)
                && !["$ ", "bptutor ", "script.bp:", "scripts/", "Sources/"].contains { block.first.hasPrefix($0) }
        }
        try #require(!blocks.isEmpty)
        for block in blocks {
            let r = try runProcess(try BPTutorBinary.require(), ["eval"], input: block.lines.joined(separator: "\n") + "\n")
            #expect(r.status == 0, "README.md:\(block.line):\n\(r.stderr)")
            #expect(r.stderr.isEmpty, "README.md:\(block.line):\n\(r.stderr)")
        }
    }
}
