#if canImport(Glibc)
import Glibc
#endif
import BackpropCore
import ScriptSyntax
import Testing
@testable import TutorScript

/// Everything a shipped lesson printed, in order, for tests that look at what
/// `LessonHarness` does not keep: the values a `show` printed in the middle of
/// a lesson, perceptron reports and visits, prediction tables. Plus the
/// `check` round trip: an answers file written from a test's own numbers,
/// parsed and checked the way `bptutor check` does.
struct LessonTranscript {
    let lesson: Lesson
    let outputs: [Output]
    let exercises: [Exercise]

    init(_ id: String, student: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = LessonHarness.lessonsDirectory + "/" + id + ".lesson"
        let text = try #require(LessonHarness.read(path), "cannot read \(path)", sourceLocation: sourceLocation)
        guard case .success(let lesson) = Lesson.parse(SourceFile(name: path, text: text), path: path) else {
            Issue.record("lesson \(id) does not parse", sourceLocation: sourceLocation)
            throw LessonHarness.HarnessError.broken
        }
        self.lesson = lesson
        var outputs: [Output] = []
        var failures = 0
        let result = LessonRunner.run(lesson, seed: student.map(StudentSeed.seed(for:)) ?? 0) { event in
            switch event {
            case .output(let o): outputs.append(o)
            case .error: failures += 1
            default: break
            }
        }
        #expect(failures == 0, "lesson \(id) reported errors", sourceLocation: sourceLocation)
        self.outputs = outputs
        exercises = result.exercises
    }

    /// What `show` printed for `name` (value and error signal), in order.
    func shownQuantities(_ name: String) -> [ShownQuantity] {
        outputs.flatMap { output -> [ShownQuantity] in
            guard case .show(let quantities) = output else { return [] }
            return quantities.filter { $0.name == name }
        }
    }

    /// The values `show` printed for `name`, in order.
    func shown(_ name: String) -> [Tensor] { shownQuantities(name).map(\.value) }

    var perceptronReports: [PerceptronReport] {
        outputs.compactMap { if case .perceptron(let r) = $0 { r } else { nil } }
    }

    var perceptronVisits: [Perceptron.Visit] {
        outputs.compactMap { if case .perceptronVisit(let v, _) = $0 { v } else { nil } }
    }

    var predictionTables: [PredictionTable] {
        outputs.compactMap { if case .predictions(let p) = $0 { p } else { nil } }
    }

    var trainings: [TrainingSummary] {
        outputs.compactMap { if case .training(let t) = $0 { t } else { nil } }
    }

    /// Checks `answers` (exercise id → value) as `bptutor check` does: the
    /// answers file is written out as text, parsed, and each exercise checked.
    func check(_ answers: [String: Tensor], sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: ExerciseResult] {
        let text = answers.keys.sorted().map { "\($0) = \(Self.literal(answers[$0]!))" }.joined(separator: "\n") + "\n"
        let sheet = AnswerSheet.parse(SourceFile(name: "answers", text: text), exerciseIDs: lesson.exerciseIDs)
        guard sheet.problems.isEmpty else {
            Issue.record("the answers file does not parse:\n\(text)", sourceLocation: sourceLocation)
            throw LessonHarness.HarnessError.broken
        }
        var results: [String: ExerciseResult] = [:]
        for exercise in exercises { results[exercise.id] = exercise.check(sheet.answers[exercise.id]) }
        return results
    }

    /// A number, vector or matrix literal of the language, at full precision.
    static func literal(_ t: Tensor) -> String {
        func number(_ x: Double) -> String { "\(x)" }
        if t.isScalar { return number(t.scalar) }
        if t.columns == 1 { return "[" + t.storage.map(number).joined(separator: ", ") + "]" }
        return "[" + t.rowArrays.map { "[" + $0.map(number).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
    }
}

/// Plain-Double helpers for the lessons' independent computations.
enum Plain {
    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
    static func sigmoidPrime(_ z: Double) -> Double { sigmoid(z) * (1 - sigmoid(z)) }
    static func step(_ z: Double) -> Double { z >= 0 ? 1 : 0 }
    static func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
    static func norm(_ a: [Double]) -> Double { dot(a, a).squareRoot() }
    static func softmax(_ z: [Double]) -> [Double] {
        let m = z.max()!
        let e = z.map { exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }
    static func matrix(_ rows: [[Double]]) -> Tensor { Tensor(rowsOf: rows) }
    static func column(_ v: [Double]) -> Tensor { Tensor(column: v) }

    /// Rosenblatt's perceptron as lecture 004 states it (targets 0/1 read as
    /// y = −1/+1, w = 0, b = 0, samples in order, update when y(w·x + b) ≤ 0,
    /// stop after an epoch without updates), written out independently.
    struct PerceptronRun {
        struct Visit: Equatable { var updated: Bool; var w: [Double]; var b: Double; var margin: Double }
        var w: [Double]
        var b = 0.0
        var updates = 0
        var epochs = 0
        var converged = false
        var updatesPerEpoch: [Int] = []
        var errorsAfterEpoch: [Int] = []
        var visits: [Visit] = []

        init(inputs: [[Double]], targets: [Double], maxEpochs: Int = 1000, keepVisits: Int = 0) {
            w = Array(repeating: 0, count: inputs[0].count)
            let ys = targets.map { $0 == 1 ? 1.0 : -1.0 }
            while epochs < maxEpochs {
                var changes = 0
                for (x, y) in zip(inputs, ys) {
                    let margin = y * (Plain.dot(w, x) + b)
                    let update = margin <= 0
                    if update {
                        for j in w.indices { w[j] += y * x[j] }
                        b += y
                        changes += 1
                    }
                    if visits.count < keepVisits { visits.append(Visit(updated: update, w: w, b: b, margin: margin)) }
                }
                epochs += 1
                updates += changes
                updatesPerEpoch.append(changes)
                let w = self.w, b = self.b
                errorsAfterEpoch.append(zip(inputs, ys).filter { $0.1 * (Plain.dot(w, $0.0) + b) <= 0 }.count)
                if changes == 0 { converged = true; break }
            }
        }
    }
}

/// A 2-2-1 logistic network with squared loss ½(y − t)², trained by batch
/// gradient descent on the mean loss, written out independently (lecture 002's
/// two-layer backprop, scalar form).
struct PlainXORNet: Equatable {
    var W1: [[Double]]
    var b1: [Double]
    var W2: [Double]
    var b2: Double

    static let inputs: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
    static let targets: [Double] = [0, 1, 1, 0]

    struct Forward { var z1: [Double]; var h: [Double]; var z2: Double; var y: Double }

    func forward(_ x: [Double]) -> Forward {
        let z1 = (0..<2).map { i in W1[i][0] * x[0] + W1[i][1] * x[1] + b1[i] }
        let h = z1.map(Plain.sigmoid)
        let z2 = W2[0] * h[0] + W2[1] * h[1] + b2
        return Forward(z1: z1, h: h, z2: z2, y: Plain.sigmoid(z2))
    }

    /// The gradients of ½(y − t)² at one sample.
    func gradients(_ x: [Double], _ t: Double) -> (W1: [[Double]], b1: [Double], W2: [Double], b2: Double) {
        let f = forward(x)
        let ybar = f.y - t
        let z2bar = ybar * f.y * (1 - f.y)
        let W2bar = f.h.map { z2bar * $0 }
        let hbar = W2.map { $0 * z2bar }
        let z1bar = (0..<2).map { hbar[$0] * f.h[$0] * (1 - f.h[$0]) }
        let W1bar = (0..<2).map { i in [z1bar[i] * x[0], z1bar[i] * x[1]] }
        return (W1bar, z1bar, W2bar, z2bar)
    }

    var meanLoss: Double {
        zip(Self.inputs, Self.targets).map { 0.5 * pow(forward($0.0).y - $0.1, 2) }.reduce(0, +) / 4
    }

    var correct: Int {
        zip(Self.inputs, Self.targets).filter { (forward($0.0).y >= 0.5 ? 1.0 : 0.0) == $0.1 }.count
    }

    /// Batch gradient descent on the mean loss: the same backprop as `gradients`,
    /// with scalars in place of arrays (fast enough for 20,000 epochs in debug).
    mutating func train(epochs: Int, eta: Double) {
        var (w11, w12, w21, w22) = (W1[0][0], W1[0][1], W1[1][0], W1[1][1])
        var (c1, c2, v1, v2, d) = (b1[0], b1[1], W2[0], W2[1], b2)
        for _ in 0..<epochs {
            var (g11, g12, g21, g22, gc1, gc2, gv1, gv2, gd) = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
            for n in 0..<4 {
                let x1 = Self.inputs[n][0], x2 = Self.inputs[n][1], t = Self.targets[n]
                let h1 = Plain.sigmoid(w11 * x1 + w12 * x2 + c1), h2 = Plain.sigmoid(w21 * x1 + w22 * x2 + c2)
                let y = Plain.sigmoid(v1 * h1 + v2 * h2 + d)
                let z2bar = (y - t) * y * (1 - y)
                let z1bar1 = v1 * z2bar * h1 * (1 - h1), z1bar2 = v2 * z2bar * h2 * (1 - h2)
                gv1 += z2bar * h1; gv2 += z2bar * h2; gd += z2bar
                g11 += z1bar1 * x1; g12 += z1bar1 * x2; gc1 += z1bar1
                g21 += z1bar2 * x1; g22 += z1bar2 * x2; gc2 += z1bar2
            }
            let s = eta / 4
            w11 -= s * g11; w12 -= s * g12; w21 -= s * g21; w22 -= s * g22
            c1 -= s * gc1; c2 -= s * gc2; v1 -= s * gv1; v2 -= s * gv2; d -= s * gd
        }
        W1 = [[w11, w12], [w21, w22]]
        b1 = [c1, c2]
        W2 = [v1, v2]
        b2 = d
    }
}

/// |a − b| ≤ tol · max(1, |b|) entry by entry: for values reached by long
/// training runs, where summation order may differ in the last bits.
func expectNear(_ a: Tensor?, _ b: Tensor, tol: Double, _ comment: Comment? = nil,
                sourceLocation: SourceLocation = #_sourceLocation) {
    guard let a else {
        Issue.record("nil instead of \(b.storage)", sourceLocation: sourceLocation)
        return
    }
    #expect(a.shape == b.shape, comment, sourceLocation: sourceLocation)
    guard a.shape == b.shape else { return }
    for k in 0..<a.count {
        #expect(abs(a.storage[k] - b.storage[k]) <= tol * max(1, abs(b.storage[k])),
                "entry \(k): \(a.storage[k]) vs \(b.storage[k]) \(comment?.description ?? "")",
                sourceLocation: sourceLocation)
    }
}
