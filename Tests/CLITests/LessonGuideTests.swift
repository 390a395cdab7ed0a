import Foundation
import Testing
import TestSupport

/// The instructor's guide holds: every example in Lessons/README.md is run here.
/// - the random() lines run in a lesson;
/// - the complete example runs, and its answers file scores what the guide says (4 of 4);
/// - each `bptutor …` command line runs on that lesson without a usage error;
/// - the `check --json` object shown is the one `check` prints for the answers it names;
/// - the error shown is the one a lesson with that mistake gets, exactly.
@Suite struct LessonGuideTests {
    static let guide = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Lessons/README.md")

    /// The fenced blocks after the heading `title` (every block without one), in order.
    static func blocks(after title: String? = nil) throws -> [String] {
        var text = try String(contentsOf: guide, encoding: .utf8)
        if let title { text = try #require(text.components(separatedBy: "## " + title).dropFirst().first) }
        let parts = text.components(separatedBy: "```")
        return stride(from: 1, to: parts.count, by: 2).map { String(parts[$0].drop(while: { $0 != "\n" }).dropFirst()) }
    }

    /// The complete example, written to `dir`: the lesson's path and its answers file's.
    static func completeExample(in dir: TemporaryDirectory) throws -> (lesson: String, answers: String) {
        let blocks = try blocks(after: "A complete example")
        try #require(blocks.count >= 2)
        return (try dir.write("example.lesson", blocks[0]), try dir.write("answers.txt", blocks[1]))
    }

    @Test("every block is one of the kinds this suite runs")
    func everyBlockIsRun() throws {
        let blocks = try Self.blocks()
        let kinds = blocks.map { block -> String in
            if block.hasPrefix("w  = random(") { return "random" }
            if block.hasPrefix("# A one-neuron lesson") { return "lesson" }
            if block.hasPrefix("q1 = ") { return "answers" }
            if block.hasPrefix("bptutor ") { return "commands" }
            if block.hasPrefix("{\"check\"") { return "json" }
            if block.hasPrefix("week3.lesson:") { return "error" }
            return "unknown: " + (block.split(separator: "\n").first.map(String.init) ?? "")
        }
        #expect(kinds == ["random", "lesson", "answers", "commands", "json", "error"])
    }

    @Test("the random() lines run in a lesson, and differ by student")
    func randomLines() throws {
        let block = try #require(try Self.blocks().first { $0.hasPrefix("w  = random(") })
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let lesson = try dir.write("random.lesson", "title \"Random\"\nstep \"One\"\n" + block + "show w x W1\n")
        let a = try bptutor("run", lesson, "--seed", "alice"), b = try bptutor("run", lesson, "--seed", "bob")
        #expect(a.status == 0 && b.status == 0, "\(a.stderr)\(b.stderr)")
        #expect(a.stdout.contains("W1") && a.stdout.split(separator: "\n").dropFirst() != b.stdout.split(separator: "\n").dropFirst())
    }

    @Test("the complete example's answers file scores 4 of 4")
    func completeExample() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (lesson, answers) = try Self.completeExample(in: dir)
        let run = try bptutor("run", lesson)
        #expect(run.status == 0, "\(run.stderr)")
        let check = try bptutor("check", lesson, answers)
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.hasPrefix("check example: 4 of 4 correct"), "\(check.stdout)")
    }

    @Test("each command line runs on the example without a usage error")
    func commandLines() throws {
        let block = try #require(try Self.blocks().first { $0.hasPrefix("bptutor ") })
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (lesson, answers) = try Self.completeExample(in: dir)
        let lines = block.split(separator: "\n").map(String.init)
        #expect(lines.count >= 5)
        for line in lines {
            var arguments = ReadmeTests.runnable(line, answers: answers)
            arguments = arguments.map { ["LESSON": lesson, "ANSWERS": answers, "N": "20"][$0] ?? $0 }
            let r = try runProcess(try BPTutorBinary.require(), arguments, input: "quit\n",
                                   environment: ["XDG_DATA_HOME": dir.path + "/data"])
            #expect(r.status == 0 || r.status == 1, "Lessons/README.md: \(line)\n\(r.stderr)")
            #expect(!r.stderr.contains("Usage:") && !r.stderr.contains("error"), "Lessons/README.md: \(line)\n\(r.stderr)")
            #expect(!r.stdout.isEmpty, "Lessons/README.md: \(line) printed nothing")
        }
    }

    @Test("the check --json object shown is check's, for the answers it shows")
    func checkJSON() throws {
        let shown = try #require(try Self.blocks().first { $0.hasPrefix("{\"check\"") })
        // The guide elides the last results with "…"; the rest is check's JSON as printed.
        let parsed = try jsonObject(shown.replacingOccurrences(of: ", …]", with: "]").replacingOccurrences(of: "\n", with: " "))
        let check = try #require(parsed["check"] as? [String: Any])
        let results = try #require(check["results"] as? [[String: Any]])
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let (lesson, answers) = try Self.completeExample(in: dir)
        var text = try String(contentsOfFile: answers, encoding: .utf8)
        for r in results {
            let id = try #require(r["id"] as? String), given = try #require(r["given"] as? Double)
            text = text.split(separator: "\n").map { $0.hasPrefix(id + " ") ? "\(id) = \(given)" : String($0) }
                .joined(separator: "\n") + "\n"
        }
        let graded = try bptutor("check", lesson, try dir.write("shown.txt", text), "--json")
        let actual = try #require(try jsonObject(graded.stdout)["check"] as? [String: Any])
        for key in ["score", "total", "points", "max_points"] {
            #expect(actual[key] as? Int == check[key] as? Int, "\(key)")
        }
        #expect((actual["problems"] as? [Any])?.count == (check["problems"] as? [Any])?.count)
        let actualResults = try #require(actual["results"] as? [[String: Any]])
        for (k, shownResult) in results.enumerated() {
            for (key, value) in shownResult {
                #expect("\(actualResults[k][key] ?? "nil")" == "\(value)", "results[\(k)].\(key)")
            }
        }
    }

    @Test("the error shown is the one a repeated exercise id gets")
    func errorShown() throws {
        let shown = try #require(try Self.blocks().first { $0.hasPrefix("week3.lesson:") })
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        var lines = ["title \"Week 3\"", "step \"One\"", "w = 0.5", "y = 2 * w", "backward y"]
        while lines.count < 8 { lines.append("say \"…\"") }
        lines += ["ask q1 y \"What is y?\"", "say \"…\"", "say \"…\"", "ask q1 w.grad \"What is w̄?\""]
        let path = try dir.write("week3.lesson", lines.joined(separator: "\n") + "\n")
        let r = try bptutor("run", path)
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.replacingOccurrences(of: path, with: "week3.lesson") == shown)
    }
}
