import Foundation
import Testing
import TestSupport

/// `bptutor grade`: a class at once, each student against their own numbers; the
/// gradebook, the summary with the common slips; `check --format gradescope`.
@Suite struct GradeCommandTests {
    static let lesson = """
        title "Grade fixture"
        step "One"
        w = random(0.2, 0.9, digits=2)
        z = 3 * w
        y = sigmoid(z)
        backward y
        ask q1 y "What is y?"
        ask q2 z.grad "What is z̄?" points=2

        """

    /// The expected answers of `student`, read from `run --json`.
    static func expected(_ lesson: String, _ student: String) throws -> [String: Double] {
        let r = try bptutor("run", lesson, "--seed", student, "--json")
        var out: [String: Double] = [:]
        for line in r.stdoutLines {
            if let ask = try jsonObject(line)["ask"] as? [String: Any] {
                out[ask["id"] as! String] = ask["expected"] as? Double
            }
        }
        return out
    }

    @Test("each file is its student; the summary names the common slip; the gradebook has points")
    func classAtOnce() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.lesson", Self.lesson)
        try FileManager.default.createDirectory(atPath: dir.file("class"), withIntermediateDirectories: true)
        var files: [String] = []
        for (k, student) in ["ann", "bob", "cy"].enumerated() {
            let e = try Self.expected(path, student)
            let y = e["q1"]!, zbar = e["q2"]!
            // ann right; bob forgot σ′ (gives ȳ = 1 for z̄); cy answers only q1, right, in capitals.
            let text = ["q1 = \(y)\nq2 = \(zbar)\n", "q1 = \(y)\nq2 = 1\n", "q1 = \(y)\n"][k]
            let name = k == 2 ? "CY.txt" : "\(student).txt"
            files.append(try dir.write("class/" + name, text))
        }
        let r = try bptutor("grade", path, dir.file("class"), "--csv", dir.file("book.csv"))
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdoutLines.first == "grade g: 3 students, mean 1.3 of 2 correct", "\(r.stdout)")
        #expect(r.stdoutLines.contains("  q1  100 % right"), "\(r.stdout)")
        #expect(r.stdoutLines.contains { $0.hasPrefix("  q2  33 % right, 1 without an answer; 33 % forgot σ'(z) (1)") },
                "\(r.stdout)")
        let book = try String(contentsOfFile: dir.file("book.csv"), encoding: .utf8)
        #expect(book == "id,score,total,points,q1,q2\r\nann,2,2,3,1,2\r\nbob,1,2,1,1,0\r\ncy,1,2,1,1,0\r\n", "\(book)")

        let json = try bptutor("grade", path, files[0], files[1], "--json", "--hide-expected")
        let objects = try json.stdoutLines.map { try jsonObject($0) }
        #expect(objects.count == 3)
        let ann = try #require(objects[0]["check"] as? [String: Any])
        #expect(ann["student"] as? String == "ann")
        #expect(ann["points"] as? Double == 3 && ann["max_points"] as? Double == 3)
        #expect((ann["results"] as? [[String: Any]])?.allSatisfy { $0["expected"] is NSNull } == true)
        let summary = try #require(objects[2]["summary"] as? [String: Any])
        #expect(summary["students"] as? Int == 2)

        // The same student twice is graded once and reported; exit 2.
        let twice = try bptutor("grade", path, files[0], dir.file("class/ann.txt"))
        #expect(twice.status == 2)
        #expect(twice.stderr.contains("the same student 'ann'"), "\(twice.stderr)")
    }

    @Test("check --format gradescope prints Gradescope's results.json")
    func gradescope() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("g.lesson", Self.lesson)
        let e = try Self.expected(path, "ann")
        let answers = try dir.write("ann.txt", "q1 = \(e["q1"]!)\nq2 = 1\n")
        let r = try bptutor("check", path, answers, "--seed", "ann", "--format", "gradescope", "--hide-expected")
        #expect(r.status == 1)
        let object = try jsonObject(r.stdoutLines[0])
        #expect(object["score"] as? Double == 1)
        let tests = try #require(object["tests"] as? [[String: Any]])
        #expect(tests.map { $0["name"] as? String } == ["q1: What is y?", "q2: What is z̄?"])
        #expect(tests.map { $0["score"] as? Double } == [1, 0])
        #expect(tests.map { $0["max_score"] as? Double } == [1, 2])
        let output = try #require(tests[1]["output"] as? String)
        #expect(output.hasPrefix("not correct; given 1; hint: forgot σ'(z)"), "\(output)")
        #expect(!output.contains("expected"))
    }
}
