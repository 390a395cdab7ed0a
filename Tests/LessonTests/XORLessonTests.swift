#if canImport(Glibc)
import Glibc
#endif
import BackpropCore
import Testing
@testable import TutorScript

/// Lesson 02 (lectures 002 and 004 on XOR): the separability argument, the
/// perceptron with and without the feature map, the hand-built threshold
/// network, σ(5x), and the two learned starts, each against a computation
/// written here (`Plain.PerceptronRun`, `PlainXORNet`, hand traces).
@Suite("Lesson 02: XOR")
struct XORLessonTests {
    static let id = "02-xor"
    static let inputs = PlainXORNet.inputs
    static let targets = PlainXORNet.targets
    static let students: [String?] = [nil, "ada.lovelace", "s1234567"]

    static let stuckStart = PlainXORNet(W1: [[1, -1], [1, -1]], b1: [0.1, 0.1], W2: [0.4, 0.4], b2: 0)
    static let learningStart = PlainXORNet(W1: [[1, -1], [-1, 1]], b1: [0.1, 0.1], W2: [0.4, 0.4], b2: 0)

    @Test("no line: s(0,1) + s(1,0) = s(0,0) + s(1,1) for your w, b (q1)", arguments: students)
    func noLine(student: String?) throws {
        let h = try LessonHarness(Self.id, student: student)
        let w = try h.value("w_r").storage, b = try h.value("b_r").scalar
        #expect(w.allSatisfy { (-2...2).contains($0) } && (-1...1).contains(b))
        func s(_ x: [Double]) -> Double { Plain.dot(w, x) + b }
        let pos = s([0, 1]) + s([1, 0]), neg = s([0, 0]) + s([1, 1])
        expectClose(try h.exercise("q1").expected, pos)
        expectClose(try h.value("s_neg"), neg)
        #expect(abs(pos - neg) < 1e-12)
    }

    @Test("the perceptron cycles on XOR: back to w = 0, b = 0 every epoch (q2)")
    func perceptronCycles() throws {
        let run = Plain.PerceptronRun(inputs: Self.inputs, targets: Self.targets, keepVisits: 4)
        #expect(!run.converged && run.epochs == 1000 && run.updates == 4000)
        #expect(run.visits.allSatisfy(\.updated) && run.w == [0, 0] && run.b == 0)
        let h = try LessonHarness(Self.id)
        expectClose(try h.value("w3"), Plain.column(run.visits[2].w))
        expectClose(try h.value("b3"), run.visits[2].b)
        expectClose(try h.exercise("q2").expected, run.visits[3].margin)
        expectClose(try h.exercise("q2").expected, -3)           // by hand: −(1 + 1 + 1)

        let t = try LessonTranscript(Self.id)
        let visits = t.perceptronVisits
        try #require(visits.count == 4)
        for (engine, plain) in zip(visits, run.visits) {
            #expect(engine.updated == plain.updated && engine.w == plain.w && engine.b == plain.b)
            #expect(engine.margin == plain.margin)
        }
        let report = try #require(t.perceptronReports.first)
        #expect(!report.converged && report.updates == run.updates && report.epochs == run.epochs)
        #expect(report.w == run.w && report.b == run.b)
        #expect(!report.separable && report.gamma == nil)
    }

    @Test("the feature map ψ = (x₁, x₂, x₁x₂): the perceptron converges to (2, 2, −5), −1 (q3)")
    func featureMap() throws {
        let psi = Self.inputs.map { [$0[0], $0[1], $0[0] * $0[1]] }
        let run = Plain.PerceptronRun(inputs: psi, targets: Self.targets)
        #expect(run.converged && run.w == [2, 2, -5] && run.b == -1)
        let t = try LessonTranscript(Self.id)
        try #require(t.perceptronReports.count == 2)
        let report = t.perceptronReports[1]
        #expect(report.converged && report.updates == run.updates && report.epochs == run.epochs)
        #expect(report.w == run.w && report.b == run.b)
        #expect(report.epochLog.map(\.updates) == run.updatesPerEpoch)
        // R = ‖(1, 1, 1, 1)‖ = 2. The best margin by hand on (ψ, 1) with w* = (a, a, c, d):
        // d ≤ −1, a + d ≥ 1, 2a + c + d ≤ −1; the smallest ‖w*‖² = 2a² + c² + d² is at
        // d = −1, a = 2, c = −4: 25, so γ/2 = 1/5 and 4R²/γ² = 4·4/(4/25) = 100.
        #expect(report.radius == 2)
        #expect(abs(try #require(report.gamma) - 0.4) < 1e-9)
        #expect(abs(try #require(report.bound) - 100) < 1e-6)
        #expect(Double(report.updates) <= 100)

        let h = try LessonHarness(Self.id)
        let scores = psi.map { Plain.dot(run.w, $0) + run.b }
        expectClose(try h.exercise("q3").expected, Plain.column(scores))
        expectClose(try h.value("s_psi"), Plain.column(scores))
        #expect(zip(scores, Self.targets).allSatisfy { ($0 >= 0) == ($1 == 1) })
    }

    @Test("lecture 002's threshold network computes XOR; step' = 0 gives no gradient (q4, q5)")
    func thresholdNetwork() throws {
        func forward(_ x: [Double], b2: Double) -> (h: [Double], z2: Double, y: Double) {
            let h = [Plain.step(x[0] + x[1] - 0.5), Plain.step(x[0] + x[1] - 1.5)]
            let z2 = h[0] - h[1] + b2
            return (h, z2, Plain.step(z2))
        }
        let t = try LessonTranscript(Self.id)
        let table = try #require(t.predictionTables.first)
        #expect(table.rows.map(\.output) == Self.inputs.map { [forward($0, b2: -0.5).y] })
        #expect(table.rows.map(\.output) == Self.targets.map { [$0] })

        let h = try LessonHarness(Self.id)
        expectClose(try h.exercise("q4").expected, forward([1, 0], b2: -0.5).z2)
        expectClose(try h.exercise("q4").expected, 0.5)
        // Spoiled: b2 = −1.5, x = (1, 0), t = 1: y = 0, L = ½, and every gradient below
        // the output step is 0 (step' = 0), so W̄2 = z̄2 hᵀ = 0.
        let spoiled = forward([1, 0], b2: -1.5)
        #expect(spoiled.y == 0)
        expectClose(t.shown("L").first, 0.5 * pow(spoiled.y - 1, 2))
        expectClose(try h.exercise("q5").expected, 0)
        expectClose(try #require(t.shownQuantities("W2").first).gradient, Plain.matrix([[0, 0]]))
        expectClose(try #require(t.shownQuantities("W1").first).gradient, Plain.matrix([[0, 0], [0, 0]]))
    }

    @Test("σ(5x) against the step; the slope 5σ'(5x₀) at your x₀ (q6)", arguments: students)
    func smoothStep(student: String?) throws {
        let h = try LessonHarness(Self.id, student: student)
        let zs: [Double] = [-2, -1, -0.5, -0.1, 0.1, 0.5, 1, 2]
        expectClose(try h.value("zs"), Plain.column(zs))
        expectClose(try h.value("step_zs"), Plain.column(zs.map(Plain.step)))
        expectClose(try h.value("sigma_zs"), Plain.column(zs.map(Plain.sigmoid)))
        expectClose(try h.value("sigma_5zs"), Plain.column(zs.map { Plain.sigmoid(5 * $0) }))
        // σ(5x) is closer to the step than σ(x) at every point shown.
        for z in zs { #expect(abs(Plain.sigmoid(5 * z) - Plain.step(z)) < abs(Plain.sigmoid(z) - Plain.step(z))) }
        let x0 = try h.value("x0").scalar
        #expect((-0.6...0.6).contains(x0))
        expectClose(try h.exercise("q6").expected, 5 * Plain.sigmoidPrime(5 * x0))
    }

    @Test("the threshold network with logistic units and weights ×5 still computes XOR")
    func logisticTimesFive() throws {
        let net = PlainXORNet(W1: [[5, 5], [5, 5]], b1: [-2.5, -7.5], W2: [5, -5], b2: -2.5)
        let t = try LessonTranscript(Self.id)
        try #require(t.predictionTables.count == 3)
        let table = t.predictionTables[1]
        let outputs = Self.inputs.map { net.forward($0).y }
        expectClose(Plain.column(table.rows.map { $0.output[0] }), Plain.column(outputs))
        #expect(net.correct == 4)
        #expect(table.rows.allSatisfy { $0.predictedClass == $0.trueClass })
    }

    @Test("the twin start: equal rows of W̄1 (q7), twins for ever, loss above 1/12")
    func stuckStart() throws {
        let h = try LessonHarness(Self.id)
        let g = Self.stuckStart.gradients([0, 1], 1)
        #expect(g.W1[0] == g.W1[1])
        expectClose(try h.exercise("q7").expected, Plain.matrix(g.W1))

        var trained = Self.stuckStart
        trained.train(epochs: 5000, eta: 2)
        let t = try LessonTranscript(Self.id)
        let shownW1 = t.shown("W1"), shownB1 = t.shown("b1"), shownW2 = t.shown("W2")
        // W1 and W2 are shown after the threshold network's backward, after each training;
        // b1 after each training.
        try #require(shownW1.count == 3 && shownB1.count == 2 && shownW2.count == 3)
        expectNear(shownW1[1], Plain.matrix(trained.W1), tol: 1e-6)
        expectNear(shownB1[0], Plain.column(trained.b1), tol: 1e-6)
        expectNear(shownW2[1], Plain.matrix([trained.W2]), tol: 1e-6)
        // The engine's twins are exact twins.
        #expect(shownW1[1].rowArrays[0] == shownW1[1].rowArrays[1])
        #expect(shownB1[0].storage[0] == shownB1[0].storage[1])
        #expect(shownW2[1].storage[0] == shownW2[1].storage[1])
        let result = try #require(t.trainings.first).result
        #expect(abs(result.loss - trained.meanLoss) < 1e-6)
        #expect(result.loss > 1.0 / 12 && result.correct == 3 && trained.correct == 3)
    }

    @Test("what the lesson says of the twins holds for other η and more epochs",
          arguments: [0.5, 1, 4, 8])
    func twinsNeverPart(eta: Double) {
        var net = Self.stuckStart
        net.train(epochs: 20000, eta: eta)
        #expect(net.W1[0] == net.W1[1] && net.b1[0] == net.b1[1] && net.W2[0] == net.W2[1])
        #expect(net.meanLoss > 1.0 / 12 && net.correct < 4)
    }

    @Test("the start that learns: all four right, loss near 0; also for η = 1 and 4")
    func learningStart() throws {
        var trained = Self.learningStart
        trained.train(epochs: 5000, eta: 2)
        #expect(trained.correct == 4 && trained.meanLoss < 1e-3)
        let h = try LessonHarness(Self.id)
        expectNear(try h.value("W1"), Plain.matrix(trained.W1), tol: 1e-6)
        expectNear(try h.value("b1"), Plain.column(trained.b1), tol: 1e-6)
        expectNear(try h.value("W2"), Plain.matrix([trained.W2]), tol: 1e-6)
        expectNear(try h.value("b2"), Tensor(scalar: trained.b2), tol: 1e-6)
        let t = try LessonTranscript(Self.id)
        try #require(t.trainings.count == 2)
        let result = t.trainings[1].result
        #expect(abs(result.loss - trained.meanLoss) < 1e-6 && result.correct == 4)
        let table = t.predictionTables[2]
        expectNear(Plain.column(table.rows.map { $0.output[0] }),
                   Plain.column(Self.inputs.map { trained.forward($0).y }), tol: 1e-6)
        // Not a knife edge: the same start learns with another η.
        for eta in [1.0, 4] {
            var other = Self.learningStart
            other.train(epochs: 5000, eta: eta)
            #expect(other.correct == 4 && other.meanLoss < 0.01, "η = \(eta)")
        }
    }

    @Test("check: the right answers pass, typical slips get their hint", arguments: students)
    func checkRoundTrip(student: String?) throws {
        let h = try LessonHarness(Self.id, student: student)
        let t = try LessonTranscript(Self.id, student: student)
        let w = try h.value("w_r").storage, b = try h.value("b_r").scalar, x0 = try h.value("x0").scalar
        let q7 = Plain.matrix(Self.stuckStart.gradients([0, 1], 1).W1)
        let right: [String: Tensor] = [
            "q1": Tensor(scalar: w[1] + b + w[0] + b),
            "q2": Tensor(scalar: -3),
            "q3": Plain.column([-1, 1, 1, -2]),
            "q4": Tensor(scalar: 0.5),
            "q5": Tensor(scalar: 0),
            "q6": Tensor(scalar: 5 * Plain.sigmoidPrime(5 * x0)),
            "q7": q7,
        ]
        let results = try t.check(right)
        #expect(results.count == 7)
        for (id, r) in results { #expect(r.correct, "\(id): \(r.hint ?? "")") }

        // Slips: the q7 answer transposed; σ'(5x₀) without the chain rule's factor 5;
        // z̄2 as if step' were 1 (ȳ = y − t = −1).
        let slips = try t.check([
            "q5": Tensor(scalar: -1),
            "q6": Tensor(scalar: Plain.sigmoidPrime(5 * x0)),
            "q7": q7.transposed,
        ])
        #expect(slips["q5"]?.hint?.hasPrefix("forgot step'(z⁽²⁾)") == true, "\(slips["q5"]?.hint ?? "")")
        // The factor 5 left out: named by the engine, or else by the lesson's own hint.
        #expect(slips["q6"]?.hint.map { $0.hasPrefix("left out the factor 5") || $0.hasPrefix("chain rule: 5") } == true,
                "\(slips["q6"]?.hint ?? "")")
        #expect(slips["q7"]?.hint?.hasPrefix("transposed") == true, "\(slips["q7"]?.hint ?? "")")
        #expect(slips.values.allSatisfy { !$0.correct })
    }
}
