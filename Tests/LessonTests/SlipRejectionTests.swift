import BackpropCore
import Testing
@testable import TutorScript

/// An exercise never accepts the slip it is meant to catch, for any student: over
/// 1,000 ids of every shipped lesson (each with the variant `check --seed` grades),
/// every diagnosed slip of every ask is graded wrong, and no answer is 0 (unless it
/// is 0 by the lesson's design, in its default numbers too) or tiny.
@Suite struct SlipRejectionTests {
    static let students = 1000
    static let lessons = ["01-perceptron", "02-xor", "03-logistic-least-squares", "04-two-layer-backprop",
                          "05-gradient-descent", "06-softmax", "07-chain-rule"]

    /// What is wrong with one lesson's variants: one line per (id, ask, problem).
    static func problems(_ id: String) throws -> [String] {
        let lesson = try LessonHarness(id).lesson
        let chooser = VariantChooser(lesson)
        let designedZeros = Set(LessonRunner.run(lesson, seed: 0).exercises
            .filter { $0.findings.contains { $0.kind == .zeroAnswer } }.map(\.id))
        var found: [String] = []
        for k in 1...students {
            let student = "s\(k)"
            for e in LessonRunner.run(lesson, seed: chooser.seed(for: student)).exercises {
                for slip in e.slips where e.check(slip.value).correct {
                    found.append("\(id) \(student) \(e.id): accepts '\(slip.description)'")
                }
                for f in e.findings {
                    if case .zeroAnswer = f.kind, designedZeros.contains(e.id) { continue }
                    if case .slipTooClose(_, let bands) = f.kind, bands > 1e-9 { continue }  // narrowed, not accepted
                    found.append("\(id) \(student) \(e.id): \(f.kind)")
                }
            }
        }
        return found
    }

    @Test("no diagnosed slip is accepted and no answer is degenerate, for 1,000 students of every lesson")
    func everyStudent() async throws {
        let all = try await withThrowingTaskGroup(of: [String].self) { group in
            for id in Self.lessons { group.addTask { try Self.problems(id) } }
            var all: [String] = []
            for try await found in group { all += found }
            return all
        }
        let sample = all.prefix(20).joined(separator: "\n")
        #expect(all.count == 0, "\(all.count) problems, e.g.:\n\(sample)")
    }

    @Test("the slips the review found accepted are graded wrong at the default numbers")
    func reviewedSlips() throws {
        // 04 p15: W with δ_m from the updated V (lecture 001), and W unchanged.
        let p15 = try LessonHarness("04-two-layer-backprop").exercise("p15")
        let newV = try #require(p15.slips.first { $0.description.hasPrefix("used V after its update") })
        #expect(!p15.check(newV.value).correct)
        #expect(p15.check(newV.value).hint == newV.description)
        let w = Tensor(rows: 2, columns: 2, storage: [0.48, -0.48, -0.79, 0.31])
        #expect(!p15.check(w).correct)
        // Four decimals are enough to be told from the new-V slip.
        let fourDecimals = p15.expected.map { ($0 * 10_000).rounded() / 10_000 }
        #expect(p15.check(fourDecimals).correct)
        // 03 q9: no step at all (w unchanged, 0.51) and + for −.
        let q9 = try LessonHarness("03-logistic-least-squares").exercise("q9")
        #expect(q9.check(Tensor(scalar: 0.51)).hint?.hasPrefix("no step taken") == true)
        let uphill = try #require(q9.slips.first { $0.description.hasPrefix("stepped with + instead of −") })
        #expect(!q9.check(uphill.value).correct)
    }
}
