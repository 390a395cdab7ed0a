import ArgumentParser
import BackpropCore
import ScriptSyntax
import TutorScript
import TutorStore

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a student's answers to a lesson's exercises.",
        discussion: """
        ANSWERS has one 'ID = VALUE' per line (a number, vector or matrix; '#' comments). \
        Each answer is right within the exercise's tolerance (0.5 % relative, or 1e-4 \
        absolute near 0, unless the lesson says tol=). A wrong answer gets a hint that \
        names the likely mistake. Exit 0: all correct; 1: some wrong or missing; \
        2: the lesson or the answers cannot be read.
        """)

    @Argument(help: "A lesson id (see 'bptutor lessons') or a path to a .lesson file.",
              completion: LessonCompletion.kind)
    var lesson: String

    @Argument(help: "The answers file ('-' for standard input).")
    var answers: String

    @Option(name: .long, help: "The student id whose variant of the lesson's numbers to check against.",
            transform: StudentIDOption.transform)
    var seed: String?

    @Flag(name: .long, help: "Print the verdict as one JSON object.")
    var json = false

    @Flag(name: .long, help: "Also show the expected value of wrong or missing answers.")
    var reveal = false

    func run() throws {
        let console = Console()
        defer { console.flush() }
        let lesson = try LessonLoading.load(self.lesson, console: console, validatingWith: .some(seed), json: json)
        let answerSource: SourceFile
        do {
            answerSource = try SourceLoading.load(path: answers)
        } catch {
            console.error(SourceLoading.message(error))
            throw ExitCode(2)
        }
        let sheet = AnswerSheet.parse(answerSource, exerciseIDs: lesson.exerciseIDs)
        if !json {
            // Each line that cannot be graded, located; every other answer is still graded.
            LessonLoading.report(LessonError(source: answerSource, diagnostics: sheet.problems), console: console)
        }
        let run = LessonRunner.run(lesson, seed: lesson.variantSeed(for: seed)) { event in
            if case .error(let d) = event {
                console.error(DiagnosticRenderer.render(d, in: lesson.source, color: console.colorDiagnostics))
            }
        }
        if run.failures > 0 {
            console.error("bptutor: the lesson itself failed; its answers cannot be checked\n")
            throw ExitCode(2)
        }
        let results = Grading.grade(run.exercises, sheet)
        let score = results.filter(\.correct).count
        if json {
            console.line(CheckReport.json(results, score: score, problems: sheet.problems).serialized)
        } else {
            for line in CheckReport.text(results, exercises: run.exercises, lesson: lesson, seed: seed, reveal: reveal) {
                console.line(line)
            }
        }
        console.flush()
        if score < results.count { throw ExitCode(1) }
    }
}

enum CheckReport {
    /// The contract's object, and `"problems"`: each line of the answers file that could
    /// not be graded, as `{"message", "line", "column", "code"}` (empty when none).
    static func json(_ results: [ExerciseResult], score: Int, problems: [Diagnostic]) -> JSONValue {
        .object([("check", .object([
            ("score", .number(Double(score))),
            ("total", .number(Double(results.count))),
            ("results", .array(results.map { r in
                .object([("id", .string(r.id)), ("correct", .bool(r.correct)), ("expected", .tensor(r.expected)),
                         ("given", r.given.map(JSONValue.tensor) ?? .null), ("hint", r.hint.map(JSONValue.string) ?? .null)])
            })),
            ("problems", .array(problems.map { JSONOutput.problem($0) })),
        ]))])
    }

    static func text(_ results: [ExerciseResult], exercises: [Exercise], lesson: Lesson, seed: String?,
                     reveal: Bool) -> [String] {
        let f = NumberFormat(digits: 5)
        let score = results.filter(\.correct).count
        var lines = ["check \(lesson.id)" + (seed.map { " (variant \($0))" } ?? "")
                     + ": \(score) of \(results.count) correct"]
        let idWidth = results.map(\.id.count).max() ?? 0
        for (r, e) in zip(results, exercises) {
            let mark = r.correct ? "✓" : "✗"
            var line = "  \(mark) \(r.id.padding(toLength: idWidth))  \(e.question)"
            if let given = r.given { line += "   given " + MatrixText.inline(given, numbers: f) } else { line += "   (no answer)" }
            lines.append(line)
            if !r.correct {
                if let hint = r.hint { lines.append("      hint: \(hint)") }
                if reveal { lines.append("      expected " + MatrixText.inline(r.expected, numbers: f)) }
            }
        }
        return lines
    }
}

extension String {
    func padding(toLength width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
