import BackpropCore

/// `bptutor lint`: a lesson run for many student ids, and per `ask` what would make
/// its grading untrustworthy for some of them. A variant is what a student gets
/// (`Lesson.variantSeed`, re-drawn past unfit numbers), so a finding here is one a
/// student would meet: numbers where a slip reproduces the answer or lies too close
/// to it, a zero or tiny answer, or an answer an earlier step already showed.
public enum LessonLint {
    public enum Problem: String, Sendable, CaseIterable {
        case slipAccepted = "slip-accepted"
        case slipTooClose = "slip-too-close"
        case zeroAnswer = "zero-answer"
        case tinyAnswer = "tiny-answer"
        case shownEarlier = "shown-earlier"
        case failsToRun = "fails-to-run"

        public var summary: String {
            switch self {
            case .slipAccepted: "a diagnosed slip gives the right answer"
            case .slipTooClose: "a diagnosed slip lies so close that more digits than a student writes are needed"
            case .zeroAnswer: "the answer is 0"
            case .tinyAnswer: "an entry is so small that the 1e-4 floor widens the tolerance"
            case .shownEarlier: "an earlier step already shows the answer"
            case .failsToRun: "the lesson stops with an error here"
            }
        }
    }

    /// One problem of one ask, over the variants checked.
    public struct Finding: Sendable, Equatable {
        /// The ask's id; empty for a line that fails to run.
        public var exercise: String
        public var line: Int
        /// The column of a failing line's error; nil for an ask (its id's column).
        public var column: Int? = nil
        public var problem: Problem
        /// The student ids that meet it ("(default)" for the default numbers), in order.
        public var students: [String]
        /// What it is, for the first of them: the slip, the entry, the earlier step.
        public var detail: String
    }

    /// The ids `lint` checks: the default numbers, then s1…sN.
    public static func studentIDs(_ n: Int) -> [String?] { [nil] + (0..<n).map { "s\($0 + 1)" } }

    /// Findings for the variants of `students` (nil: the default numbers), in ask order.
    public static func lint(_ lesson: Lesson, students: [String?]) -> [Finding] {
        var findings: [String: Finding] = [:]
        var order: [String] = []
        let chooser = VariantChooser(lesson)
        // A zero answer of the default numbers is the lesson's design (step′(z) = 0), not a finding.
        let designedZeros = Set(problems(lesson, seed: 0).filter { $0.problem == .zeroAnswer }.map(\.exercise))
        let perStudent = Parallel.map(students) { student in
            problems(lesson, seed: student.map(chooser.seed(for:)) ?? 0)
        }
        for (student, found) in zip(students, perStudent) {
            for found in found {
                if found.problem == .zeroAnswer, designedZeros.contains(found.exercise) { continue }
                let key = found.exercise + "|\(found.line):\(found.column ?? 0)|" + found.problem.rawValue
                let who = student ?? "(default)"
                if findings[key] == nil {
                    findings[key] = found
                    findings[key]!.students = []
                    order.append(key)
                }
                if findings[key]!.students.last != who { findings[key]!.students.append(who) }
            }
        }
        return order.map { findings[$0]! }.sorted { ($0.line, $0.problem.rawValue) < ($1.line, $1.problem.rawValue) }
    }

    /// The problems of one variant (each finding's `students` empty).
    static func problems(_ lesson: Lesson, seed: UInt64) -> [Finding] {
        var out: [Finding] = []
        func add(_ e: Exercise, _ problem: Problem, _ detail: String) {
            out.append(Finding(exercise: e.id, line: e.line, problem: problem, students: [], detail: detail))
        }
        var shown: [[Double]] = []          // the numbers each earlier step printed
        var stepNumbers: [Double] = []
        var asked: [Exercise] = []
        let text = TextOutput(settings: Settings(), interactive: false)
        _ = LessonRunner.run(lesson, seed: seed) { event in
            switch event {
            case .stepStarted:
                if !stepNumbers.isEmpty { shown.append(stepNumbers) }
                stepNumbers = []
            case .output(.exercise(let e)):
                for f in e.findings {
                    switch f.kind {
                    case let .slipTooClose(slip, bands):
                        add(e, bands <= 1e-9 ? .slipAccepted : .slipTooClose, slip)
                    case .zeroAnswer: add(e, .zeroAnswer, "0")
                    case let .tinyEntry(value, widened):
                        add(e, .tinyAnswer, "\(value) (a tolerance of \(Int((widened * 100).rounded())) %)")
                    }
                }
                if let step = shownIn(shown, e, asked: asked) {
                    add(e, .shownEarlier, "step \(step + 1) prints it")
                }
                asked.append(e)
            case .output(let output):
                stepNumbers += numbers(in: text.render(output) ?? "")
            case .error(let d):
                // Some ids only: the default numbers' failures stopped `lint` before it began.
                out.append(Finding(exercise: "", line: d.span.start.line, column: d.span.start.column,
                                   problem: .failsToRun, students: [], detail: d.message))
            case .quantities:
                // The list of what a step changed is the instructor's transcript; a student's
                // views hide an answer until its question is over.
                break
            }
        }
        return out
    }

    /// The earlier step whose printed numbers hold every entry of `e`'s answer (to the
    /// digits printed), unless earlier asks already had those numbers (then it is the
    /// lesson's point, as b̄ = z̄, or an entry of a matrix asked before), or the answer
    /// is only numbers too plain to tell a coincidence from a reveal (0.5, 2).
    static func shownIn(_ steps: [[Double]], _ e: Exercise, asked: [Exercise]) -> Int? {
        let entries = e.expected.storage
        guard entries.allSatisfy(\.isFinite), entries.contains(where: { !isPlain($0) }) else { return nil }
        let before = asked.flatMap(\.expected.storage)
        if entries.allSatisfy({ x in isPlain(x) || before.contains { printed($0, x) } }) { return nil }
        return steps.firstIndex { numbers in
            entries.allSatisfy { x in isPlain(x) || numbers.contains { printed($0, x) } }
        }
    }

    /// A number with at most two significant digits (0, 0.5, −0.25, 3).
    static func isPlain(_ x: Double) -> Bool {
        var m = abs(x)
        guard m != 0 else { return true }
        while m >= 100 { m /= 10 }
        while m < 10 { m *= 10 }
        return abs(m - m.rounded()) < 1e-9 * m
    }

    /// Whether `shown` is `x` as 5 significant digits print it.
    static func printed(_ shown: Double, _ x: Double) -> Bool {
        abs(shown - x) <= 5e-5 * abs(x) + 1e-300
    }

    /// The decimal numbers in a text (`-0.39719`, `1.2e-05`, `−0.5` with a minus sign).
    static func numbers(in text: String) -> [Double] {
        var out: [Double] = []
        var current = ""
        func flush() {
            if let x = Double(current), current.contains(where: \.isNumber) { out.append(x) }
            current = ""
        }
        var previous: Character = " "
        for c in text {
            if c.isASCII && (c.isNumber || c == ".") {
                current.append(c)
            } else if (c == "e" || c == "E"), !current.isEmpty, !current.contains("e") {
                current.append("e")
            } else if (c == "-" || c == "−"), current.isEmpty || current.last == "e" {
                if current.isEmpty, previous.isLetter { flush() } else { current.append("-") }
            } else {
                flush()
            }
            previous = c
        }
        flush()
        return out
    }
}
