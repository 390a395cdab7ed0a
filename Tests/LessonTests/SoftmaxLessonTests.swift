#if canImport(Glibc)
import Glibc
#endif
import BackpropCore
import Testing
@testable import TutorScript

/// Lesson 06 (lecture 003's multi-logit classification and saturation,
/// lecture 002's softmax regression): every quantity and exercise against the
/// lecture's formulas evaluated here: g = softmax(z), C = −ln g_{y+1},
/// δ_L = g − e_y, ∂C/∂W = δ xᵀ, σ'(z) = σ(z)(1 − σ(z)), δ_L = σ'(z)·2(g − y).
@Suite("Lesson 06: softmax and cross-entropy")
struct SoftmaxLessonTests {
    static let id = "06-softmax"
    static let students: [String?] = [nil, "ada.lovelace", "s1234567"]
    /// Class y = 1 of three: e_y is the 2nd unit vector.
    static let ey: [Double] = [0, 1, 0]

    /// The student's numbers, read from what the lesson showed (the names are
    /// reset between steps), and the lecture's quantities computed from them.
    struct Expected {
        var z: [Double], g: [Double], cost: Double, delta: [Double]
        var x: [Double], W: [[Double]], deltaNet: [Double], gradW: [[Double]], stepped: [[Double]]
        var zBig: Double

        init(_ h: LessonHarness, _ t: LessonTranscript) throws {
            z = try #require(t.shown("z").first).storage
            g = Plain.softmax(z)
            cost = -log(g[1])
            delta = zip(g, SoftmaxLessonTests.ey).map { $0 - $1 }
            x = try #require(t.shown("x").first).storage
            W = try #require(t.shown("W1").first).rowArrays
            let input = x, weights = W
            let zNet = weights.map { Plain.dot($0, input) }             // b₁ = 0
            let d = zip(Plain.softmax(zNet), SoftmaxLessonTests.ey).map { $0 - $1 }
            let gw = d.map { di in input.map { di * $0 } }
            deltaNet = d
            gradW = gw
            stepped = zip(weights, gw).map { w, row in zip(w, row).map { $0 - 0.5 * $1 } }
            zBig = try h.value("z_big").scalar
        }
    }

    @Test("g, C = −ln g₂ and δ_L = g − e_y for your z (q1, q2)", arguments: students)
    func crossEntropy(student: String?) throws {
        let h = try LessonHarness(Self.id, student: student)
        let t = try LessonTranscript(Self.id, student: student)
        let e = try Expected(h, t)
        #expect(e.z.count == 3 && e.z.allSatisfy { (-2...2).contains($0) })
        expectClose(t.shown("g").first, Plain.column(e.g))
        expectClose(t.shown("C").first, e.cost)
        expectClose(try h.exercise("q1").expected, e.cost)
        // −ln g₂ = −z₂ + ln Σ exp(z_k), the lecture's second form.
        #expect(abs(e.cost - (-e.z[1] + log(e.z.map(exp).reduce(0, +)))) < 1e-12)
        expectClose(try h.exercise("q2").expected, Plain.column(e.delta))
        expectClose(t.shown("g_minus_e").first, Plain.column(e.delta))
        // What the narration says of δ_L: sums to 0, negative only at the true class, |δ| ≤ 1.
        #expect(abs(e.delta.reduce(0, +)) < 1e-12)
        #expect(e.delta[1] < 0 && e.delta[0] > 0 && e.delta[2] > 0 && e.delta.allSatisfy { abs($0) <= 1 })
    }

    @Test("softmax regression: ∂C/∂W₁ = δ₁ xᵀ and one step with η = 0.5 (q3, q4)", arguments: students)
    func weights(student: String?) throws {
        let h = try LessonHarness(Self.id, student: student)
        let t = try LessonTranscript(Self.id, student: student)
        let e = try Expected(h, t)
        #expect(e.x.allSatisfy { (-1...1).contains($0) } && e.W.joined().allSatisfy { (-1...1).contains($0) })
        expectClose(t.shown("z1").first, Plain.column(e.W.map { Plain.dot($0, e.x) }))
        expectClose(try h.exercise("q3").expected, Plain.matrix(e.gradW))
        expectClose(try h.exercise("q4").expected, Plain.matrix(e.stepped))
    }

    @Test("saturation: σ'(z) against relu'(z) (q5)", arguments: students)
    func saturation(student: String?) throws {
        let h = try LessonHarness(Self.id, student: student)
        let zs: [Double] = [-8, -4, -1, 1, 4, 8]
        expectClose(try h.value("dsigmoid"), Plain.column(zs.map(Plain.sigmoidPrime)))
        expectClose(try h.value("drelu"), Plain.column(zs.map { $0 > 0 ? 1 : 0 }))
        // "At z = 8 the logistic passes back 0.03 % of the error signal."
        #expect(abs(Plain.sigmoidPrime(8) * 100 - 0.03) < 0.005)
        let z = try h.value("z_big").scalar
        #expect((4...6).contains(z))
        expectClose(try h.exercise("q5").expected, Plain.sigmoidPrime(z))
    }

    @Test("squared error saturates, cross-entropy does not (q6)", arguments: students)
    func squaredAgainstCrossEntropy(student: String?) throws {
        let h = try LessonHarness(Self.id, student: student)
        let zL = -(try h.value("z_big").scalar)
        let g = Plain.sigmoid(zL)
        let deltaSquared = Plain.sigmoidPrime(zL) * 2 * (g - 1)
        expectClose(try h.exercise("q6").expected, deltaSquared)
        #expect(abs(deltaSquared) < 0.04)                     // "tiny"
        // Two-class softmax on (0, z_L), class y = 1: δ = g − e_y.
        let p = Plain.softmax([0, zL])
        #expect(abs(p[1] - g) < 1e-12)
        expectClose(try h.gradient("z_two"), Plain.column([p[0], p[1] - 1]))
        expectClose(try h.gradient("z_out"), p[1] - 1)
        #expect(p[1] - 1 < -0.98)                             // "≈ −1": z_L ∈ [−6, −4] gives p − 1 ∈ [−0.9975, −0.982]
    }

    @Test("check: the right answers pass, typical slips get their hint", arguments: students)
    func checkRoundTrip(student: String?) throws {
        let h = try LessonHarness(Self.id, student: student)
        let t = try LessonTranscript(Self.id, student: student)
        let e = try Expected(h, t)
        let zL = -e.zBig
        let right: [String: Tensor] = [
            "q1": Tensor(scalar: e.cost),
            "q2": Plain.column(e.delta),
            "q3": Plain.matrix(e.gradW),
            "q4": Plain.matrix(e.stepped),
            "q5": Tensor(scalar: Plain.sigmoidPrime(e.zBig)),
            "q6": Tensor(scalar: Plain.sigmoidPrime(zL) * 2 * (Plain.sigmoid(zL) - 1)),
        ]
        let results = try t.check(right)
        #expect(results.count == 6)
        for (id, r) in results { #expect(r.correct, "\(id): \(r.hint ?? "")") }

        let plusStep = zip(e.W, e.gradW).map { w, gw in zip(w, gw).map { $0 + 0.5 * $1 } }
        let slips = try t.check([
            "q2": Plain.column(e.g),                                         // p instead of p − e_y
            "q3": Plain.matrix(e.gradW).transposed,                          // x δᵀ
            "q4": Plain.matrix(plusStep),                                    // + instead of −
            "q6": Tensor(scalar: 2 * (Plain.sigmoid(zL) - 1)),               // forgot σ'(z_L)
        ])
        #expect(slips["q2"]?.hint?.hasPrefix("gave p = softmax(z)") == true, "\(slips["q2"]?.hint ?? "")")
        #expect(slips["q3"]?.hint?.hasPrefix("transposed") == true, "\(slips["q3"]?.hint ?? "")")
        #expect(slips["q4"]?.hint?.hasPrefix("stepped with + instead of −") == true, "\(slips["q4"]?.hint ?? "")")
        #expect(slips["q6"]?.hint?.hasPrefix("forgot σ'(z_out)") == true, "\(slips["q6"]?.hint ?? "")")
        #expect(slips.values.allSatisfy { !$0.correct })
    }
}
