import Foundation
import Testing
import TestSupport

/// `bptutor repl LESSON` from a pipe: steps, answers with hints, back, and
/// progress saved and resumed through the store.
@Suite struct LessonReplTests {
    @Test("steps, a wrong answer's hint, a right answer, progress saved and resumed")
    func stepAnswerResume() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("logistic.lesson", LessonCommandTests.lesson)
        let env = ["XDG_DATA_HOME": dir.path + "/data", "HOME": dir.path]
        let a = LessonCommandTests.Answers(w: try LessonCommandTests.weight(dir, path, seed: nil))
        // q0 wrong then right; then q1 right and ȳ given for z̄ at q2.
        let first = try runProcess(try BPTutorBinary.require(), ["repl", path],
                                   input: "\n\(a.ybar)\n\(a.z)\n\n\(a.ybar)\n\(a.ybar)\nquit\n", environment: env)
        #expect(first.status == 0, "\(first.stderr)")
        let out = first.stdout
        #expect(out.contains("── Step 2/3: Forward"))
        #expect(out.contains("✗ not yet"))
        #expect(out.contains("  ✓ right"))
        #expect(out.contains("forgot σ'(z)"), "\(out)")          // ȳ given for z̄
        #expect(out.contains("── Step 3/3: Backward"))

        let progress = try runProcess(try BPTutorBinary.require(), ["progress", "--json"], environment: env)
        let record = try jsonObject(progress.stdoutLines[0])
        let p = try #require(record["progress"] as? [String: Any])
        #expect(p["lesson"] as? String == "logistic")
        #expect(p["step"] as? Int == 3)

        // A second session resumes at the saved step; q0 is not asked again.
        let second = try runProcess(try BPTutorBinary.require(), ["repl", path], input: "where\nback\nquit\n",
                                    environment: env)
        #expect(second.stdout.contains("(resuming at step 3 of 3)"))
        #expect(second.stdout.contains("step 3 of 3: Backward"))
        #expect(second.stdout.contains("? q0: What is z?  (answered)"))
    }
}
