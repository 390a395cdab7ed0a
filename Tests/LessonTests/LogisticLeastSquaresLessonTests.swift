import BackpropCore
import Testing
@testable import TutorScript

/// Lessons/03-logistic-least-squares.lesson against lecture 002's formulas,
/// computed here in plain Double arithmetic:
///   z = wx + b, y = σ(z), L = ½(y − t)²;  ȳ = y − t, z̄ = ȳ σ'(z), w̄ = z̄x, b̄ = z̄;
///   R = ½w², Lreg = L + λR;  R̄ = λ, w̄ = z̄x + R̄w (fan-out), b̄ = z̄.
@Suite("Lesson 03: logistic least squares") struct LogisticLeastSquaresLessonTests {
    static let id = "03-logistic-least-squares"

    /// Lecture 002's forward and backward pass, from the lesson's drawn numbers.
    struct Expected {
        let w, x, b, t, lambda: Double
        var z: Double { w * x + b }
        var y: Double { PlainMath.sigmoid(z) }
        var L: Double { 0.5 * (y - t) * (y - t) }
        var ybar: Double { y - t }
        var zbar: Double { ybar * y * (1 - y) }
        var wbar: Double { zbar * x }
        var bbar: Double { zbar }
        var R: Double { 0.5 * w * w }
        var Lreg: Double { L + lambda * R }
        var Rbar: Double { lambda }
        var wbarReg: Double { zbar * x + Rbar * w }
        let eta = 0.5

        init(_ h: LessonHarness) throws {
            w = try h.value("w").scalar
            x = try h.value("x").scalar
            b = try h.value("b").scalar
            t = try h.value("t").scalar
            lambda = try h.value("λ").scalar
        }

        var answers: [String: Tensor] {
            [
                "q1": Tensor(scalar: y), "q2": Tensor(scalar: ybar), "q3": Tensor(scalar: zbar),
                "q4": Tensor(scalar: wbar), "q5": Tensor(scalar: bbar), "q6": Tensor(scalar: Rbar),
                "q7": Tensor(scalar: wbarReg), "q8": Tensor(scalar: bbar),
                "q9": Tensor(scalar: w - eta * wbarReg), "q10": Tensor(scalar: b - eta * bbar),
            ]
        }
    }

    @Test(arguments: [nil, "alice", "bob"] as [String?])
    func quantitiesAndExercisesMatchTheLecture(student: String?) throws {
        let h = try LessonHarness(Self.id, student: student)
        let e = try Expected(h)
        // The drawn numbers stay in the ranges the narration relies on.
        #expect((0.2...0.9).contains(e.w) && (0.5...1.5).contains(e.x) && (-0.5...0.2).contains(e.b))
        #expect(e.t == 1 && (0.1...0.5).contains(e.lambda))
        #expect(e.y < e.t && e.ybar < 0 && e.zbar < 0, "the narration says ȳ, z̄ < 0 for every variant")

        expectClose(try h.value("z"), e.z)
        expectClose(try h.value("y"), e.y)
        expectClose(try h.value("L"), e.L)
        expectClose(try h.value("R"), e.R)
        expectClose(try h.value("Lreg"), e.Lreg)
        // At the end the gradients are those of 'backward Lreg'.
        expectClose(try h.gradient("y"), e.ybar)
        expectClose(try h.gradient("z"), e.zbar)
        expectClose(try h.gradient("w"), e.wbarReg)
        expectClose(try h.gradient("b"), e.bbar)
        expectClose(try h.gradient("R"), e.Rbar)

        for (id, value) in e.answers { expectClose(try h.exercise(id).expected, value, "\(id)") }

        // Before the regularizer, the lesson's w̄ and b̄ are the plain ones.
        let recorded = RecordedLesson(h, student: student)
        #expect(recorded.errors.isEmpty)
        let plain = try recorded.step("The parameters: w̄ and b̄")
        expectClose(plain["w"].flatMap(\.gradient), e.wbar)
        expectClose(plain["b"].flatMap(\.gradient), e.bbar)
        // A central difference of L(w) confirms w̄ from the lecture's closed form too.
        let d = 1e-6
        func loss(_ w: Double) -> Double {
            let y = PlainMath.sigmoid(w * e.x + e.b)
            return 0.5 * (y - e.t) * (y - e.t) + e.lambda * 0.5 * w * w
        }
        #expect(abs((loss(e.w + d) - loss(e.w - d)) / (2 * d) - e.wbarReg) < 1e-8)
        LessonChecks.expectNarrationFits(h)
    }

    @Test func independentAnswersAreAllCorrect() throws {
        for student in [nil, "alice", "bob"] as [String?] {
            let h = try LessonHarness(Self.id, student: student)
            try LessonChecks.expectAllCorrect(h, try Expected(h).answers)
        }
    }

    @Test func typicalSlipsGetTheirHint() throws {
        let h = try LessonHarness(Self.id, student: "alice")
        let e = try Expected(h)
        // z̄ without σ'(z): the error signal ȳ passed through unchanged.
        #expect(try LessonChecks.hint(h, "q3", given: Tensor(scalar: e.ybar)).contains("forgot σ'(z)"))
        // w̄ on Lreg without the path through R: the unregularized z̄x.
        let fanOut = try LessonChecks.hint(h, "q7", given: Tensor(scalar: e.wbar))
        #expect(fanOut.contains("missed the fan-out") && fanOut.contains("R"))
        // The regularizer's path alone (the data path missed).
        #expect(try LessonChecks.hint(h, "q7", given: Tensor(scalar: e.Rbar * e.w)).contains("missed the fan-out"))
        // Stepping uphill: w + η w̄.
        #expect(try LessonChecks.hint(h, "q9", given: Tensor(scalar: e.w + e.eta * e.wbarReg))
            .contains("+ instead of −"))
        #expect(try LessonChecks.hint(h, "q2", given: Tensor(scalar: -e.ybar)) == "wrong sign")
        // An answer no slip explains gets the instructor's hint.
        #expect(try LessonChecks.hint(h, "q7", given: Tensor(scalar: 123)).contains("z̄x + R̄w"))
    }

    @Test func oneStudentsAnswersAreWrongForAnother() throws {
        let alice = try LessonHarness(Self.id, student: "alice")
        let bob = try LessonHarness(Self.id, student: "bob")
        try LessonChecks.expectVariantsDiffer(alice, bob, ids: alice.lesson.exerciseIDs)
        // The same id always gives the same numbers.
        let again = try LessonHarness(Self.id, student: "alice")
        for id in alice.lesson.exerciseIDs {
            #expect(try again.exercise(id).expected == alice.exercise(id).expected)
        }
    }
}
