import Foundation
import Testing
import TestSupport

/// `lessons`, `run` and `check` on lessons written by the tests (so they do not
/// depend on the shipped ones): exit codes, the check JSON of the contract,
/// located errors, and per-student variants.
@Suite struct LessonCommandTests {
    /// Lecture 002's logistic least squares with a per-student weight (Tests/Fixtures/logistic.lesson).
    static var lesson: String { SharedFixture.text("logistic.lesson") }

    /// The lesson's numbers for weight w, computed here from the lecture's formulas.
    struct Answers {
        var z, ybar, zbar, wbar, update: Double

        init(w: Double) {
            z = w * 1.5 + 0.15
            let y = 1 / (1 + exp(-z))
            ybar = y - 1
            zbar = ybar * y * (1 - y)
            wbar = zbar * 1.5
            update = w - 0.5 * wbar
        }

        /// An answers file with every answer right.
        var file: String { "q0 = \(z)\nq1 = \(ybar)\nq2 = \(zbar)\nq3 = \(wbar)\nq4 = \(update)\n" }
    }

    /// The weight a variant drew, read from the lesson's own transcript.
    static func weight(_ dir: TemporaryDirectory, _ path: String, seed: String?) throws -> Double {
        var args = ["run", path, "--json"]
        if let seed { args += ["--seed", seed] }
        let r = try runBPTutor(args)
        let show = try #require(r.stdoutLines.compactMap { try? jsonObject($0) }.first { $0["show"] != nil })
        let w = try #require((show["show"] as? [String: Any])?["w"] as? [String: Any])
        return try #require(w["value"] as? Double)
    }

    static func runBPTutor(_ args: [String], input: String? = nil) throws -> ProcessResult {
        try runProcess(try BPTutorBinary.require(), args, input: input, environment: [:])
    }

    @Test("check: all right → exit 0; a slip is named; missing → exit 1; JSON per the contract")
    func checkVerdicts() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("logistic.lesson", Self.lesson)
        let w = try Self.weight(dir, path, seed: nil)
        #expect(w >= 0.2 && w <= 0.9)
        let a = Answers(w: w)
        let right = try dir.write("right.txt", "# my answers\n" + a.file)
        let r = try Self.runBPTutor(["check", path, right])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.hasPrefix("check logistic: 5 of 5 correct"))

        // ȳ given for z̄ (forgot σ'(z)), and the update stepped uphill; q0, q1, q3 missing.
        let wrong = try dir.write("wrong.txt", "q2 = \(a.ybar)\nq4 = \(w + 0.5 * a.wbar)\n")
        let j = try Self.runBPTutor(["check", path, wrong, "--json"])
        #expect(j.status == 1)
        let object = try jsonObject(j.stdout.trimmingCharacters(in: .newlines))
        let check = try #require(object["check"] as? [String: Any])
        #expect(check["score"] as? Int == 0)
        #expect(check["total"] as? Int == 5)
        let results = try #require(check["results"] as? [[String: Any]])
        #expect(results.map { $0["id"] as? String } == ["q0", "q1", "q2", "q3", "q4"])
        // The contract's keys, and the points beside them.
        #expect(results.allSatisfy { Set($0.keys) == ["id", "correct", "expected", "given", "hint", "points", "max_points"] })
        #expect(results[0]["given"] is NSNull)
        #expect(abs((results[2]["expected"] as? Double ?? 0) - a.zbar) < 1e-12)
        #expect((results[2]["hint"] as? String)?.hasPrefix("forgot σ'(z)") == true, "\(results[2])")
        #expect((results[4]["hint"] as? String)?.hasPrefix("stepped with + instead of −") == true, "\(results[4])")
    }

    @Test("variants: the same student id gives the same numbers; another id other numbers")
    func variants() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("logistic.lesson", Self.lesson)
        let alice = try Self.weight(dir, path, seed: "alice")
        #expect(try Self.weight(dir, path, seed: "alice") == alice)
        let bob = try Self.weight(dir, path, seed: "bob")
        #expect(alice != bob)
        let answers = try dir.write("alice.txt", Answers(w: alice).file)
        #expect(try Self.runBPTutor(["check", path, answers, "--seed", "alice"]).status == 0)
        // Alice's answers are wrong for Bob.
        #expect(try Self.runBPTutor(["check", path, answers, "--seed", "bob"]).status == 1)
    }

    @Test("a lesson that fails while running is reported before anything is shown, exit 2")
    func runtimeErrorFailsFirst() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("late.lesson", "title \"Late\"\nstep \"A\"\nw = 0.5\nsay \"hi\"\nstep \"B\"\nz = w * wx\n")
        let r = try Self.runBPTutor(["run", path])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("late.lesson:6:9: error: unknown name 'wx'"), "\(r.stderr)")
    }

    @Test("a broken lesson: located errors, exit 2, nothing runs; bad answer lines are located, the rest graded")
    func brokenInputs() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let broken = try dir.write("broken.lesson", "title \"Broken\"\nw = 0.5\nz = w * + 1\nask q1 w \"?\"\nask q1 w \"again?\"\n")
        let run = try Self.runBPTutor(["run", broken])
        #expect(run.status == 2)
        #expect(run.stdout == "")
        #expect(run.stderr.contains("broken.lesson:3:9: error: expected an expression after '*'"), "\(run.stderr)")
        #expect(run.stderr.contains("broken.lesson:5:5: error: the exercise id 'q1' is already used on line 4"))

        let path = try dir.write("logistic.lesson", Self.lesson)
        let answers = try dir.write("answers.txt", "q1 = 1\nq9 = 2\nq2 = z + 1\n")
        let check = try Self.runBPTutor(["check", path, answers])
        #expect(check.status == 1)  // graded line by line: q1 is wrong, q2's line is reported as its result
        #expect(check.stdout.contains("hint: line 3: an answer is a number"), "\(check.stdout)")
        #expect(check.stderr.contains("answers.txt:2:1: error: no exercise 'q9' in this lesson"), "\(check.stderr)")
        #expect(check.stderr.contains("answers.txt:3:6: error: an answer is a number, a vector or a matrix"))
        #expect(try Self.runBPTutor(["check", dir.path + "/nosuch.lesson", answers]).status == 2)
        let unknown = try Self.runBPTutor(["run", "no-such-lesson-id"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("no lesson 'no-such-lesson-id'"))
    }

    @Test("run prints each step with the quantities it changed")
    func transcript() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("logistic.lesson", Self.lesson)
        let r = try Self.runBPTutor(["run", path])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdoutLines
        #expect(lines.first == "Logistic least squares  (lesson logistic, 3 steps)")
        #expect(lines.contains { $0.hasPrefix("── Step 2/3: Forward") })
        #expect(lines.contains { $0.hasPrefix("── Step 3/3: Backward") })
        #expect(lines.contains("  quantities after this step:"))
        #expect(lines.contains("? q2: What is z̄?"))
    }

    @Test("a lesson reads data files only from its own folder")
    func dataConfinement() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("points.csv", "x1,x2,t\n0,0,0\n1,1,1\n")
        let ok = try dir.write("ok.lesson", "title \"Data\"\ndata load points.csv\nask q1 1 \"one\"\n")
        #expect(try Self.runBPTutor(["run", ok]).status == 0)
        let escape = try dir.write("escape.lesson", "title \"Data\"\ndata load ../points.csv\n")
        let r = try Self.runBPTutor(["run", escape])
        #expect(r.status == 2)    // found by the silent validation run: nothing is shown
        #expect(r.stdout == "")
        #expect(r.stderr.contains("a lesson reads data files from its own folder"), "\(r.stderr)")
    }
}
