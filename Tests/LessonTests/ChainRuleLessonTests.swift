import BackpropCore
import Testing
@testable import TutorScript

/// Lessons/07-chain-rule.lesson against lecture 000's two examples:
///   f(g(x)) = 2g² − 3g + 1, g = x³ + 2x:  df/dg = 4g − 3, df/dx = (4g − 3)(3x² + 2);
///   f(g₁, g₂) = 2g₁² − 3g₁g₂ + 1, g₁ = 3x, g₂ = x² + 2x:
///   ∂f/∂g₁ = 4g₁ − 3g₂, ∂f/∂g₂ = −3g₁, df/dx = 3 ∂f/∂g₁ + (2x + 2) ∂f/∂g₂.
@Suite("Lesson 07: the chain rule") struct ChainRuleLessonTests {
    static let id = "07-chain-rule"

    struct Expected {
        let x: Double
        var g: Double { x * x * x + 2 * x }
        var dfdg: Double { 4 * g - 3 }
        var dfdx: Double { dfdg * (3 * x * x + 2) }
        var g1: Double { 3 * x }
        var g2: Double { x * x + 2 * x }
        var dfdg1: Double { 4 * g1 - 3 * g2 }
        var dfdg2: Double { -3 * g1 }
        var dfdxTwoPaths: Double { 3 * dfdg1 + (2 * x + 2) * dfdg2 }

        /// The composed functions, differentiated numerically as a second, formula-free check.
        static func f1(_ x: Double) -> Double {
            let g = x * x * x + 2 * x
            return 2 * g * g - 3 * g + 1
        }

        static func f2(_ x: Double) -> Double {
            let g1 = 3 * x, g2 = x * x + 2 * x
            return 2 * g1 * g1 - 3 * g1 * g2 + 1
        }

        var answers: [String: Tensor] {
            ["c1": Tensor(scalar: dfdg), "c2": Tensor(scalar: dfdx), "c3": Tensor(scalar: dfdg1),
             "c4": Tensor(scalar: dfdg2), "c5": Tensor(scalar: dfdxTwoPaths)]
        }
    }

    @Test(arguments: [nil, "alice", "bob"] as [String?])
    func derivativesMatchTheChainRule(student: String?) throws {
        let h = try LessonHarness(Self.id, student: student)
        let e = Expected(x: try h.value("x").scalar)
        #expect((0.3...1.2).contains(e.x))
        for (id, value) in e.answers { expectClose(try h.exercise(id).expected, value, "\(id)") }
        let d = 1e-6
        #expect(abs((Expected.f1(e.x + d) - Expected.f1(e.x - d)) / (2 * d) - e.dfdx) < 1e-6 * max(1, abs(e.dfdx)))
        #expect(abs((Expected.f2(e.x + d) - Expected.f2(e.x - d)) / (2 * d) - e.dfdxTwoPaths)
                < 1e-6 * max(1, abs(e.dfdxTwoPaths)))
        // The end of the lesson: the two-path graph, after 'backward f'.
        expectClose(try h.value("g"), e.g)
        expectClose(try h.value("g1"), e.g1)
        expectClose(try h.value("g2"), e.g2)
        expectClose(try h.value("f"), Expected.f2(e.x))
        expectClose(try h.gradient("x"), e.dfdxTwoPaths)
        let first = try RecordedLesson(h, student: student).step("One path: f(g(x))")
        expectClose(first["f"]?.value, Expected.f1(e.x))
        expectClose(first["x"].flatMap(\.gradient), e.dfdx)
        LessonChecks.expectNarrationFits(h)
    }

    @Test func independentAnswersAreAllCorrectAndVariantsDiffer() throws {
        for student in [nil, "alice", "bob"] as [String?] {
            let h = try LessonHarness(Self.id, student: student)
            try LessonChecks.expectAllCorrect(h, Expected(x: try h.value("x").scalar).answers)
        }
        try LessonChecks.expectVariantsDiffer(try LessonHarness(Self.id, student: "alice"),
                                              try LessonHarness(Self.id, student: "bob"),
                                              ids: ["c1", "c2", "c3", "c4", "c5"])
    }

    @Test func oneMissedPathIsNamed() throws {
        let h = try LessonHarness(Self.id, student: "alice")
        let e = Expected(x: try h.value("x").scalar)
        // Only the path through g₁, or only the one through g₂.
        #expect(try LessonChecks.hint(h, "c5", given: Tensor(scalar: 3 * e.dfdg1)).contains("missed the fan-out"))
        #expect(try LessonChecks.hint(h, "c5", given: Tensor(scalar: (2 * e.x + 2) * e.dfdg2))
            .contains("missed the fan-out"))
        #expect(try LessonChecks.hint(h, "c4", given: Tensor(scalar: -e.dfdg2)) == "wrong sign")
    }
}
