#if canImport(Glibc)
import Glibc
#endif
import BackpropCore
import Testing
@testable import TutorScript

/// Lesson 01 (lecture 004, 3.1): every quantity, exercise and perceptron
/// report against computations written here: Boolean truth tables, an
/// independent perceptron (`Plain.PerceptronRun`), the margins derived by hand.
@Suite("Lesson 01: threshold units and the perceptron")
struct PerceptronLessonTests {
    static let id = "01-perceptron"
    static let andInputs: [[Double]] = [[0, 0], [0, 1], [1, 0], [1, 1]]
    static let andTargets: [Double] = [0, 0, 0, 1]
    static let students: [String?] = [nil, "ada.lovelace", "s1234567"]

    /// The four rows (u, v) of a truth table.
    static let rows: [(u: Bool, v: Bool)] = [(false, false), (false, true), (true, false), (true, true)]
    static func table(_ f: (Bool, Bool) -> Bool) -> Tensor { Plain.column(rows.map { f($0.u, $0.v) ? 1 : 0 }) }

    @Test("OR, AND, NOT and NAND are the Boolean functions (q1)")
    func thresholdUnits() throws {
        let h = try LessonHarness(Self.id)
        expectClose(try h.value("or_uv"), Self.table { $0 || $1 })
        expectClose(try h.value("and_uv"), Self.table { $0 && $1 })
        expectClose(try h.value("not_u"), Self.table { u, _ in !u })
        expectClose(try h.value("nand_uv"), Self.table { !($0 && $1) })
        expectClose(try h.exercise("q1").expected, Self.table { !($0 && $1) })
    }

    @Test("the one-unit network predicts AND, then OR after moving b")
    func thresholdNetwork() throws {
        let t = try LessonTranscript(Self.id)
        let tables = t.predictionTables
        try #require(tables.count == 2)
        for (table, f) in zip(tables, [{ (u: Bool, v: Bool) in u && v }, { (u: Bool, v: Bool) in u || v }]) {
            #expect(table.rows.map(\.input) == Self.andInputs)
            #expect(table.rows.map(\.output) == Self.rows.map { [f($0.u, $0.v) ? 1.0 : 0.0] })
            #expect(table.rows.allSatisfy { $0.predictedClass == $0.trueClass })
        }
    }

    @Test("the first eight visits on AND, by the engine and in the graph (q2–q4)")
    func visitByVisit() throws {
        let run = Plain.PerceptronRun(inputs: Self.andInputs, targets: Self.andTargets, keepVisits: 8)
        let t = try LessonTranscript(Self.id)
        let visits = t.perceptronVisits
        try #require(visits.count == 8)
        for (k, (engine, plain)) in zip(visits, run.visits).enumerated() {
            #expect(engine.updated == plain.updated, "visit \(k + 1)")
            #expect(engine.w == plain.w, "visit \(k + 1)")
            #expect(engine.b == plain.b, "visit \(k + 1)")
            #expect(engine.margin == plain.margin, "visit \(k + 1)")
        }
        // Epoch 2 in the graph starts from the state after visit 4.
        let h = try LessonHarness(Self.id)
        expectClose(try h.value("w"), Plain.column(run.visits[3].w))
        expectClose(try h.value("b"), run.visits[3].b)
        for k in 5...8 {
            let v = run.visits[k - 1]
            expectClose(try h.value("m\(k)"), v.margin, "visit \(k)")
            expectClose(try h.value("w\(k)"), Plain.column(v.w), "visit \(k)")
            expectClose(try h.value("b\(k)"), v.b, "visit \(k)")
        }
        // By hand: visit 6 sees w = (1, 1), b = −1, x = (0, 1), y = −1: y(w·x + b) = −(1 − 1) = 0,
        // an update to w = (1, 0), b = −2; visit 7 no update; visit 8 (y = +1) b = −1.
        expectClose(try h.exercise("q2").expected, 0)
        expectClose(try h.exercise("q3").expected, Plain.column([1, 0]))
        expectClose(try h.exercise("q4").expected, -1)
        #expect(run.visits[5].margin == 0 && run.visits[5].updated)
    }

    @Test("your own visit: misclassified for every student (q5, q6)", arguments: students)
    func ownVisit(student: String?) throws {
        let h = try LessonHarness(Self.id, student: student)
        let w = try h.value("w_s").storage, b = try h.value("b_s").scalar, x = try h.value("x_s").storage
        #expect(w.allSatisfy { (-1 ... -0.1).contains($0) })
        #expect((-0.5...0).contains(b))
        #expect(x.allSatisfy { (0.5...2).contains($0) })
        let m = 1 * (Plain.dot(w, x) + b)
        #expect(m < 0, "the lesson says this sample is misclassified")
        expectClose(try h.exercise("q5").expected, m)
        expectClose(try h.exercise("q6").expected, Plain.column(zip(w, x).map { $0 + 1 * $1 }))
    }

    @Test("the whole run on AND: 18 updates to w = (3, 2), b = −4, within 4R²/γ² = 51 (q7)")
    func wholeRun() throws {
        let run = Plain.PerceptronRun(inputs: Self.andInputs, targets: Self.andTargets)
        #expect(run.converged && run.updates == 18 && run.epochs == 9)
        #expect(run.w == [3, 2] && run.b == -4)
        let t = try LessonTranscript(Self.id)
        let report = try #require(t.perceptronReports.first)
        #expect(report.updates == run.updates && report.epochs == run.epochs && report.converged)
        #expect(report.w == run.w && report.b == run.b)
        #expect(report.epochLog.map(\.updates) == run.updatesPerEpoch)
        #expect(report.epochLog.map(\.errors) == run.errorsAfterEpoch)
        // R = ‖(1, 1, 1)‖ = √3. The best margin, by hand: with w* = (a, a, c) (symmetry), the
        // constraints −c ≥ 1, −(a + c) ≥ 1, 2a + c ≥ 1 are tightest at a = 2, c = −3,
        // so the hard-margin separator is (2, 2, −3) with ‖·‖² = 17: γ/2 = 1/√17.
        let gamma = 2 / 17.0.squareRoot()
        #expect(abs(report.radius - 3.0.squareRoot()) < 1e-12)
        #expect(abs(try #require(report.gamma) - gamma) < 1e-9)
        #expect(abs(try #require(report.bound) - 51) < 1e-6)

        let h = try LessonHarness(Self.id)
        let scores = Self.andInputs.map { Plain.dot(run.w, $0) + run.b }
        let ys = Self.andTargets.map { $0 == 1 ? 1.0 : -1.0 }
        expectClose(try h.value("s_final"), Plain.column(scores))
        expectClose(try h.value("f_final"), Plain.column(ys))
        expectClose(try h.value("R"), 3.0.squareRoot())
        let wStar = [2.0, 2, -3].map { $0 / 17.0.squareRoot() }
        let margins = zip(Self.andInputs, ys).map { x, y in y * Plain.dot(wStar, x + [1]) }
        expectClose(try h.value("margins"), Plain.column(margins))
        #expect(abs(margins.min()! - gamma / 2) < 1e-12)
        expectClose(try h.value("gamma"), gamma)
        expectClose(try h.exercise("q7").expected, 4 * 3 / (gamma * gamma))
        expectClose(try h.exercise("q7").expected, 51)
        let wTilde = run.w + [run.b]
        let own = zip(Self.andInputs, ys).map { x, y in y * Plain.dot(wTilde, x + [1]) / Plain.norm(wTilde) }
        expectClose(try h.value("margins_perceptron"), Plain.column(own))
        #expect(own.min()! < gamma / 2, "the perceptron stops short of the best margin")
        #expect(abs(own.min()! - 1 / 29.0.squareRoot()) < 1e-12)
    }

    /// digits01.csv read here: header, then 64 pixels and a 0/1 label per row.
    static func digits01() throws -> (inputs: [[Double]], targets: [Double]) {
        let path = LessonHarness.lessonsDirectory + "/data/digits01.csv"
        let text = try #require(LessonHarness.read(path))
        let lines = text.split(separator: "\n").dropFirst()
        let rows = lines.map { $0.split(separator: ",").map { Double(String($0))! } }
        return (rows.map { Array($0.dropLast()) }, rows.map { $0.last! })
    }

    @Test("digits 0 vs 1: 11 updates in 3 epochs, R ≈ 76.9, k within the bound")
    func digits() throws {
        let (inputs, targets) = try Self.digits01()
        #expect(inputs.count == 360 && inputs.allSatisfy { $0.count == 64 })
        let run = Plain.PerceptronRun(inputs: inputs, targets: targets)
        // What the lesson's narration says.
        #expect(run.converged && run.updates == 11 && run.epochs == 3)
        #expect(run.updatesPerEpoch == [6, 5, 0])
        let radius = inputs.map { Plain.norm($0 + [1]) }.max()!
        #expect(abs(radius - 76.9) < 0.05)

        let t = try LessonTranscript(Self.id)
        try #require(t.perceptronReports.count == 2)
        let report = t.perceptronReports[1]
        #expect(report.updates == run.updates && report.epochs == run.epochs && report.converged)
        #expect(report.w == run.w && report.b == run.b)
        #expect(report.epochLog.map(\.updates) == run.updatesPerEpoch)
        #expect(report.epochLog.map(\.errors) == run.errorsAfterEpoch)
        #expect(abs(report.radius - radius) < 1e-9)
        // γ/2 is at least the margin of the perceptron's own separator, and at most half the
        // distance between any "0" and any "1" (the constant input 1 cancels in the difference).
        let ys = targets.map { $0 == 1 ? 1.0 : -1.0 }
        let wTilde = run.w + [run.b]
        let own = zip(inputs, ys).map { x, y in y * Plain.dot(wTilde, x + [1]) }.min()! / Plain.norm(wTilde)
        let ones = inputs.indices.filter { ys[$0] > 0 }, zeros = inputs.indices.filter { ys[$0] < 0 }
        var closest2 = Double.infinity
        let flat = inputs.flatMap { $0 }
        flat.withUnsafeBufferPointer { x in
            for i in ones {
                for j in zeros {
                    var d2 = 0.0
                    for k in 0..<64 { let d = x[64 * i + k] - x[64 * j + k]; d2 += d * d }
                    closest2 = min(closest2, d2)
                }
            }
        }
        let closest = closest2.squareRoot()
        let gamma = try #require(report.gamma)
        #expect(own <= gamma / 2 + 1e-9 && gamma / 2 <= closest / 2 + 1e-9)
        #expect(Double(report.updates) <= (try #require(report.bound)))
    }

    @Test("check: the right answers pass, typical slips get their hint", arguments: students)
    func checkRoundTrip(student: String?) throws {
        let h = try LessonHarness(Self.id, student: student)
        let t = try LessonTranscript(Self.id, student: student)
        let w = try h.value("w_s").storage, b = try h.value("b_s").scalar, x = try h.value("x_s").storage
        let nand = Self.table { !($0 && $1) }
        let right: [String: Tensor] = [
            "q1": nand,
            "q2": Tensor(scalar: 0),
            "q3": Plain.column([1, 0]),
            "q4": Tensor(scalar: -1),
            "q5": Tensor(scalar: Plain.dot(w, x) + b),
            "q6": Plain.column(zip(w, x).map { $0 + $1 }),
            "q7": Tensor(scalar: 51),
        ]
        let results = try t.check(right)
        #expect(results.count == 7)
        for (id, r) in results { #expect(r.correct, "\(id): \(r.hint ?? "")") }

        let slips = try t.check([
            "q1": Self.table { $0 && $1 },                       // forgot the not
            "q3": Plain.column([1, 1]),                          // no update at y(w·x + b) = 0
            "q6": Plain.column(w),                               // no update
            "q7": Tensor(scalar: 102),
        ])
        #expect(slips["q1"]?.hint?.hasPrefix("apply not to and(u, v)") == true)
        #expect(slips["q3"]?.hint?.hasPrefix("left out the term step(−m6)") == true, "\(slips["q3"]?.hint ?? "")")
        #expect(slips["q6"]?.hint?.hasPrefix("left out the term step(−m_s)") == true, "\(slips["q6"]?.hint ?? "")")
        #expect(slips["q7"]?.hint?.hasPrefix("a factor of 2 too large") == true)
        #expect(slips.values.allSatisfy { !$0.correct })
    }
}
