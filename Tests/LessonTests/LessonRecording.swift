#if canImport(Glibc)
import Glibc
#endif
import BackpropCore
import ScriptSyntax
import Testing
@testable import TutorScript

/// Plain Double arithmetic for the lectures' formulas (vectors as [Double],
/// matrices as rows), so that the lesson tests compute every expected number
/// without going through the engine.
enum PlainMath {
    typealias Matrix = [[Double]]

    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
    static func sigmoid(_ z: [Double]) -> [Double] { z.map { sigmoid($0) } }

    /// M v.
    static func times(_ m: Matrix, _ v: [Double]) -> [Double] {
        m.map { row in zip(row, v).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    static func transpose(_ m: Matrix) -> Matrix {
        guard let first = m.first else { return [] }
        return (0..<first.count).map { j in m.map { $0[j] } }
    }

    /// a bᵀ.
    static func outer(_ a: [Double], _ b: [Double]) -> Matrix {
        a.map { ai in b.map { ai * $0 } }
    }

    static func plus(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 + $1 } }
    static func minus(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 - $1 } }
    /// a ∘ b.
    static func hadamard(_ a: [Double], _ b: [Double]) -> [Double] { zip(a, b).map { $0 * $1 } }
    static func scaled(_ a: [Double], _ s: Double) -> [Double] { a.map { $0 * s } }
    static func minus(_ a: Matrix, _ b: Matrix) -> Matrix { zip(a, b).map { minus($0, $1) } }
    static func scaled(_ m: Matrix, _ s: Double) -> Matrix { m.map { scaled($0, s) } }
    static func mean(_ a: [Double]) -> Double { a.reduce(0, +) / Double(a.count) }

    static func column(_ v: [Double]) -> Tensor { Tensor(column: v) }
    static func matrix(_ m: Matrix) -> Tensor { Tensor(rowsOf: m) }
}

/// A lesson run again headless with every event kept: the quantities as they
/// stand at the end of each step (the harness only has the end of the lesson,
/// and a later `net` rebinds x, W1, …), and every output in order.
struct RecordedLesson {
    /// After step k (0-based): every quantity defined so far, by its language name.
    var afterStep: [[String: ShownQuantity]] = []
    var labels: [String] = []
    var outputs: [Output] = []
    var errors: [Diagnostic] = []

    init(_ harness: LessonHarness, student: String?) {
        var current: [String: ShownQuantity] = [:]
        var afterStep: [[String: ShownQuantity]] = []
        var labels: [String] = []
        var outputs: [Output] = []
        var errors: [Diagnostic] = []
        _ = LessonRunner.run(harness.lesson, seed: student.map(StudentSeed.seed(for:)) ?? 0) { event in
            switch event {
            case .stepStarted(_, let label): labels.append(label)
            case .output(let output): outputs.append(output)
            case .error(let d): errors.append(d)
            case .quantities(let changed):
                for q in changed { current[q.name] = q }
                afterStep.append(current)
            }
        }
        self.afterStep = afterStep
        self.labels = labels
        self.outputs = outputs
        self.errors = errors
    }

    /// The quantities at the end of the step with this label.
    func step(_ label: String) throws -> [String: ShownQuantity] {
        let k = try #require(labels.firstIndex(of: label), "no step \"\(label)\"")
        return afterStep[k]
    }

    /// The summaries of every `train`, in order.
    var trainings: [TrainingSummary] {
        outputs.compactMap { if case .training(let t) = $0 { t } else { nil } }
    }

    /// The reports of every `step` (one gradient step), in order.
    var gradientSteps: [StepReport] {
        outputs.compactMap { if case .step(let s) = $0 { s } else { nil } }
    }
}

extension [String: ShownQuantity] {
    func number(_ name: String) throws -> Double {
        let q = try #require(self[name], "no quantity \(name)")
        #expect(q.value.isScalar, "\(name) is \(q.value.shape)")
        return q.value.scalar
    }

    func vector(_ name: String) throws -> [Double] {
        let q = try #require(self[name], "no quantity \(name)")
        #expect(q.value.columns == 1, "\(name) is \(q.value.shape)")
        return q.value.storage
    }

    func rows(_ name: String) throws -> PlainMath.Matrix {
        try #require(self[name], "no quantity \(name)").value.rowArrays
    }
}

/// Checks shared by the lesson tests.
enum LessonChecks {
    /// An answers file written from `answers` (shortest round-trip numbers), parsed
    /// as `bptutor check` parses one and checked against each exercise.
    static func checkAnswers(_ h: LessonHarness, _ answers: [String: Tensor],
                             sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: ExerciseResult] {
        let text = answers.keys.sorted().map { "\($0) = \(literal(answers[$0]!))" }.joined(separator: "\n") + "\n"
        let sheet = AnswerSheet.parse(SourceFile(name: "answers.txt", text: text), exerciseIDs: h.lesson.exerciseIDs)
        guard sheet.problems.isEmpty else {
            Issue.record("answers do not parse: \(sheet.problems.map(\.message))\n\(text)", sourceLocation: sourceLocation)
            throw LessonHarness.HarnessError.broken
        }
        var results: [String: ExerciseResult] = [:]
        for e in h.result.exercises { results[e.id] = e.check(sheet.answers[e.id]) }
        return results
    }

    /// Every exercise answered with the independent values is right, and every
    /// exercise of the lesson has an independent value.
    static func expectAllCorrect(_ h: LessonHarness, _ answers: [String: Tensor],
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(Set(answers.keys) == Set(h.lesson.exerciseIDs), sourceLocation: sourceLocation)
        let results = try checkAnswers(h, answers, sourceLocation: sourceLocation)
        for id in h.lesson.exerciseIDs {
            #expect(results[id]?.correct == true, "\(id): \(results[id]?.hint ?? "no result")",
                    sourceLocation: sourceLocation)
        }
    }

    /// The hint that a wrong answer to exercise `id` gets.
    static func hint(_ h: LessonHarness, _ id: String, given: Tensor) throws -> String {
        let result = try h.exercise(id).check(given)
        #expect(!result.correct, "\(id): the slip \(given.storage) is accepted as correct")
        return result.hint ?? ""
    }

    /// Student A's answers are wrong for student B, exercise by exercise.
    static func expectVariantsDiffer(_ a: LessonHarness, _ b: LessonHarness, ids: [String],
                                     sourceLocation: SourceLocation = #_sourceLocation) throws {
        // One student's answer sheet fails for the other: most answers are wrong for
        // the other student (two random draws may land within tolerance now and then).
        var wrong: [String] = []
        for id in ids where !(try b.exercise(id).check(a.exercise(id).expected)).correct {
            wrong.append(id)
        }
        #expect(2 * wrong.count > ids.count, "only \(wrong) of \(ids) differ between the students",
                sourceLocation: sourceLocation)
    }

    /// The title and every narration line fit a 76-column terminal line.
    static func expectNarrationFits(_ h: LessonHarness, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(h.lesson.steps.count >= 3, sourceLocation: sourceLocation)
        #expect(h.lesson.exerciseIDs.count >= 3, sourceLocation: sourceLocation)
        for statement in h.lesson.statements {
            guard case let .command(_, command) = statement.kind else { continue }
            let text: String
            switch command {
            case .say(let t), .title(let t): text = t
            default: continue
            }
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                #expect(line.count <= 76, "line \(statement.span.start.line): \(line.count) columns: \(line)",
                        sourceLocation: sourceLocation)
            }
        }
    }

    static func literal(_ t: Tensor) -> String {
        if t.isScalar { return "\(t.scalar)" }
        if t.columns == 1 { return "[" + t.storage.map { "\($0)" }.joined(separator: ", ") + "]" }
        return "[" + t.rowArrays.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
    }
}
