import Foundation
import Testing
import TestSupport

/// A lesson whose line runs on the default numbers but fails on some students'
/// (`sample random(…)` past the data's end): their numbers are re-drawn past it;
/// where no draw runs, `lint` says so, located, and `grade` refuses the lesson.
@Suite struct FailingVariantTests {
    /// `sample` of a number drawn in -250…1000: sample 3 of 4 on the default numbers,
    /// past the end for almost every draw.
    static func lesson(low: Int, high: Int) -> String {
        """
        title "Failing variants"
        step "One"
        say "The AND data, one sample of it:"
        data and
        net 2-1
        sample random(\(low), \(high), digits=0)
        ask q1 x[1] + 0.25 "What is x₁ + 1/4?"

        """
    }

    @Test("a draw that fails is re-drawn: run, check and grade work for every id")
    func redrawn() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        // 4 of 6 draws fail: with 16 draws each id finds one that runs.
        let path = try dir.write("often.lesson", Self.lesson(low: 1, high: 6))
        let lint = try bptutor("lint", path, "--students", "40")
        #expect(lint.status == 0, "\(lint.stdout)\(lint.stderr)")
        for student in ["s1", "s2", "s3", "s4"] {
            let run = try bptutor("run", path, "--seed", student)
            #expect(run.status == 0, "\(student): \(run.stderr)")
            #expect(run.stdout.contains("x₁ + 1/4"), "\(run.stdout)")
        }
    }

    @Test("where no draw runs, lint reports the line, located, with the ids; grade exits 2 naming the students")
    func reported() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("broken.lesson", Self.lesson(low: -250, high: 1000))
        #expect(try bptutor("run", path).status == 0)
        let lint = try bptutor("lint", path, "--students", "5")
        #expect(lint.status == 1)
        let first = lint.stdoutLines.first ?? ""
        #expect(first.hasPrefix("\(path):6:8: the lesson stops with an error here ("), "\(lint.stdout)")
        #expect(first.contains("is out of range 1…4"), "\(first)")
        let json = try bptutor("lint", path, "--students", "5", "--json")
        let problems = try json.stdoutLines.compactMap { try jsonObject($0)["lint"] as? [String: Any] }
        #expect(problems.first?["problem"] as? String == "fails-to-run")
        #expect(problems.first?["column"] as? Int == 8)

        try FileManager.default.createDirectory(atPath: dir.file("class"), withIntermediateDirectories: true)
        for student in ["s1", "s2"] { _ = try dir.write("class/\(student).txt", "q1 = 0.25\n") }
        let grade = try bptutor("grade", path, dir.file("class"))
        #expect(grade.status == 2)
        #expect(grade.stdout.isEmpty, "\(grade.stdout)")
        #expect(grade.stderr.hasPrefix("\(path):6:8: error: sample "), "\(grade.stderr)")
        #expect(grade.stderr.contains("note: on the numbers of 2 students (s1, s2)"), "\(grade.stderr)")
        let check = try bptutor("check", path, dir.file("class/s1.txt"), "--seed", "s1")
        #expect(check.status == 2)
        #expect(check.stderr.hasPrefix("\(path):6:8: error: sample "), "\(check.stderr)")
    }
}
