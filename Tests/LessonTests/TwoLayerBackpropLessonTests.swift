import BackpropCore
import Testing
@testable import TutorScript

/// Lessons/04-two-layer-backprop.lesson against the lectures' formulas, in
/// plain Double arithmetic:
///  - lecture 002: z = W⁽¹⁾x + b⁽¹⁾, h = σ(z), y = W⁽²⁾h + b⁽²⁾, L = ½‖y − t‖²;
///    ȳ = y − t, W̄⁽²⁾ = ȳhᵀ, b̄⁽²⁾ = ȳ, h̄ = W⁽²⁾ᵀȳ, z̄ = h̄ ∘ σ'(z), W̄⁽¹⁾ = z̄xᵀ, b̄⁽¹⁾ = z̄;
///  - lecture 000: δ⁽³⁾ = (a⁽³⁾ − y) f'(z⁽³⁾), δ⁽²⁾ = (W⁽²⁾ᵀδ⁽³⁾) f'(z⁽²⁾), ∇W⁽¹⁾J = δ⁽²⁾xᵀ;
///    lecture 003's C = ‖y − g‖² doubles δ;
///  - lecture 001: δ_k = (d̂ − d)d̂(1 − d̂), V ← V − αδ_k hᵀ, δ_m = (Vᵀδ_k) ∘ h(1 − h) with
///    the old V, W ← W − αδ_m xᵀ.
@Suite("Lesson 04: two-layer backprop") struct TwoLayerBackpropLessonTests {
    static let id = "04-two-layer-backprop"
    typealias M = PlainMath

    /// Lecture 002's network, forward and backward.
    struct Lecture002 {
        let x, t, b1, b2: [Double]
        let W1, W2: M.Matrix
        var z: [Double] { M.plus(M.times(W1, x), b1) }
        var h: [Double] { M.sigmoid(z) }
        var y: [Double] { M.plus(M.times(W2, h), b2) }
        var L: Double { 0.5 * M.minus(y, t).reduce(0) { $0 + $1 * $1 } }
        var ybar: [Double] { M.minus(y, t) }
        var W2bar: M.Matrix { M.outer(ybar, h) }
        var hbar: [Double] { M.times(M.transpose(W2), ybar) }
        var zbar: [Double] { M.hadamard(hbar, h.map { $0 * (1 - $0) }) }
        var W1bar: M.Matrix { M.outer(zbar, x) }

        init(_ q: [String: ShownQuantity]) throws {
            x = try q.vector("x"); t = try q.vector("t")
            W1 = try q.rows("W1"); b1 = try q.vector("b1")
            W2 = try q.rows("W2"); b2 = try q.vector("b2")
        }
    }

    /// The logistic 2-2-1 network of lectures 000 / 001 on one XOR sample.
    struct Logistic {
        let x: [Double]
        let target: Double
        let W1, W2: M.Matrix
        let b1, b2: [Double]
        var a2: [Double] { M.sigmoid(M.plus(M.times(W1, x), b1)) }
        var a3: Double { M.sigmoid(M.times(W2, a2)[0] + b2[0]) }
        var delta3: Double { (a3 - target) * a3 * (1 - a3) }
        var delta2: [Double] { M.hadamard(M.scaled(W2[0], delta3), a2.map { $0 * (1 - $0) }) }
        var gradW1: M.Matrix { M.outer(delta2, x) }
        var gradW2: M.Matrix { [M.scaled(a2, delta3)] }
    }

    /// XOR as the lectures tabulate it: (x₁, x₂) → x₁ XOR x₂, in this order.
    static let xor: [([Double], Double)] = [([0, 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)]

    struct Expected {
        let a: Lecture002
        let b: Logistic     // lecture 000, sample 3, the drawn biases
        let c: Logistic     // lecture 001, sample 2, biases 0
        let alpha = 0.5

        init(_ recorded: RecordedLesson) throws {
            a = try Lecture002(try recorded.step("Forward pass (lecture 002)"))
            let q = try recorded.step("δ form: lecture 000 on a logistic network")
            let (W1, W2) = (try q.rows("W1"), try q.rows("W2"))
            b = Logistic(x: TwoLayerBackpropLessonTests.xor[2].0, target: TwoLayerBackpropLessonTests.xor[2].1,
                         W1: W1, W2: W2, b1: try q.vector("b1"), b2: try q.vector("b2"))
            // Lecture 001's network is a new one, with weights of its own: read them
            // before the step changes them (the step's report has them as "before").
            let sgd = try #require(recorded.gradientSteps.last)
            let (V, W) = (sgd.before.weights[1].rowArrays, sgd.before.weights[0].rowArrays)
            #expect(sgd.before.biases[0].storage == [0, 0] && sgd.before.biases[1].storage == [0])
            c = Logistic(x: TwoLayerBackpropLessonTests.xor[1].0, target: TwoLayerBackpropLessonTests.xor[1].1,
                         W1: W, W2: V, b1: [0, 0], b2: [0])
        }

        var newV: M.Matrix { M.minus(c.W2, M.scaled(c.gradW2, alpha)) }
        var newW: M.Matrix { M.minus(c.W1, M.scaled(c.gradW1, alpha)) }

        var answers: [String: Tensor] {
            [
                "p1": M.column(a.h), "p2": M.column(a.ybar), "p3": M.matrix(a.W2bar), "p4": M.column(a.hbar),
                "p5": M.column(a.zbar), "p6": M.matrix(a.W1bar),
                "p7": Tensor(scalar: a.ybar[0] * a.h[1]), "p8": Tensor(scalar: a.zbar[1] * a.x[0]),
                "p9": Tensor(scalar: b.delta3), "p10": M.column(b.delta2), "p11": M.matrix(b.gradW1),
                "p12": Tensor(scalar: 2 * b.delta3),
                "p13": Tensor(scalar: c.delta3), "p14": M.matrix(newV), "p15": M.matrix(newW),
            ]
        }
    }

    @Test(arguments: [nil, "alice", "bob"] as [String?])
    func everyQuantityMatchesTheLectures(student: String?) throws {
        let h = try LessonHarness(Self.id, student: student)
        let recorded = RecordedLesson(h, student: student)
        #expect(recorded.errors.isEmpty)
        let e = try Expected(recorded)
        for (id, value) in e.answers { expectClose(try h.exercise(id).expected, value, "\(id)") }

        // Lecture 002: the forward pass and every error signal of its backward pass.
        let fwd = try recorded.step("Forward pass (lecture 002)")
        expectClose(fwd["z1"]?.value, M.column(e.a.z))
        expectClose(fwd["a2"]?.value, M.column(e.a.y))
        expectClose(fwd["L"]?.value, e.a.L)
        let back = try recorded.step("Backward pass, vectorized (lecture 002)")
        expectClose(back["a2"].flatMap(\.gradient), M.column(e.a.ybar))
        expectClose(back["W2"].flatMap(\.gradient), M.matrix(e.a.W2bar))
        expectClose(back["b2"].flatMap(\.gradient), M.column(e.a.ybar))
        expectClose(back["a1"].flatMap(\.gradient), M.column(e.a.hbar))
        expectClose(back["z1"].flatMap(\.gradient), M.column(e.a.zbar))
        expectClose(back["W1"].flatMap(\.gradient), M.matrix(e.a.W1bar))
        expectClose(back["b1"].flatMap(\.gradient), M.column(e.a.zbar))
        // Lecture 000: the sample really is XOR's third row.
        let delta = try recorded.step("δ form: lecture 000 on a logistic network")
        expectClose(delta["x"]?.value, M.column([1, 0]))
        expectClose(delta["t"]?.value, 1)
        expectClose(delta["W2"].flatMap(\.gradient), M.matrix(e.b.gradW2))
        expectClose(delta["b1"].flatMap(\.gradient), M.column(e.b.delta2))

        // Lecture 001: the step's report and the weights after it.
        let report = try #require(recorded.gradientSteps.last)
        #expect(report.samples == [1] && report.eta == e.alpha)
        #expect(report.updates.map(\.layer) == [2, 1], "V (layer 2) is updated first, then W")
        expectClose(report.updates[0].delta, e.c.delta3)
        expectClose(report.updates[1].delta, M.column(e.c.delta2))
        expectClose(try h.value("W2"), M.matrix(e.newV))
        expectClose(try h.value("W1"), M.matrix(e.newW))
        expectClose(try h.value("b2"), -e.alpha * e.c.delta3)
        expectClose(try h.value("b1"), M.column(M.scaled(e.c.delta2, -e.alpha)))
        LessonChecks.expectNarrationFits(h)
    }

    @Test func independentAnswersAreAllCorrect() throws {
        for student in [nil, "alice", "bob"] as [String?] {
            let h = try LessonHarness(Self.id, student: student)
            try LessonChecks.expectAllCorrect(h, try Expected(RecordedLesson(h, student: student)).answers)
        }
    }

    @Test func typicalSlipsGetTheirHint() throws {
        let h = try LessonHarness(Self.id, student: "alice")
        let e = try Expected(RecordedLesson(h, student: "alice"))
        // W̄⁽²⁾ = ȳhᵀ given as hȳᵀ, W̄⁽¹⁾ = z̄xᵀ as xz̄ᵀ.
        #expect(try LessonChecks.hint(h, "p3", given: M.matrix(M.transpose(e.a.W2bar))).contains("transposed"))
        #expect(try LessonChecks.hint(h, "p6", given: M.matrix(M.transpose(e.a.W1bar))).contains("transposed"))
        #expect(try LessonChecks.hint(h, "p11", given: M.matrix(M.transpose(e.b.gradW1))).contains("transposed"))
        // z̄ = h̄ without σ'(z); δ⁽³⁾ = a⁽³⁾ − y without f'(z⁽³⁾).
        #expect(try LessonChecks.hint(h, "p5", given: M.column(e.a.hbar)).contains("forgot σ'(z)"))
        #expect(try LessonChecks.hint(h, "p9", given: Tensor(scalar: e.b.a3 - e.b.target)).contains("forgot σ'"))
        // h̄ with W⁽²⁾ instead of its transpose: the instructor's hint.
        #expect(try LessonChecks.hint(h, "p4", given: M.column(M.times(e.a.W2, e.a.ybar))).contains("transpose"))
        // Lecture 003's δ: our δ is the ½-loss one, a factor of 2 too small.
        #expect(try LessonChecks.hint(h, "p12", given: Tensor(scalar: e.b.delta3)).contains("factor of 2 too small"))
        // V + α δ_k hᵀ: uphill.
        let uphill = M.matrix([M.plus(e.c.W2[0], M.scaled(e.c.gradW2[0], e.alpha))])
        #expect(try LessonChecks.hint(h, "p14", given: uphill).contains("+ instead of −"))
    }

    @Test func oneStudentsAnswersAreWrongForAnother() throws {
        let alice = try LessonHarness(Self.id, student: "alice")
        let bob = try LessonHarness(Self.id, student: "bob")
        try LessonChecks.expectVariantsDiffer(alice, bob, ids: alice.lesson.exerciseIDs)
    }
}
