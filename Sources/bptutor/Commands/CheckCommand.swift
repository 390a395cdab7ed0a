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

    @Flag(name: .long, help: "Print the verdict as one JSON object (the same as --format json).")
    var json = false

    @Option(name: .long, help: "text, json, or gradescope (Gradescope's results.json).")
    var format: CheckFormat = .text

    @Flag(name: .long, help: "Also show the expected value of wrong or missing answers.")
    var reveal = false

    @Flag(name: .long, help: "Leave the expected values out of what is printed (for students' eyes).")
    var hideExpected = false

    func validate() throws {
        if json && format == .gradescope { throw ValidationError("--json and --format gradescope: choose one") }
        if reveal && hideExpected { throw ValidationError("--reveal and --hide-expected: choose one") }
    }

    func run() throws {
        let format = json ? .json : self.format
        let json = format != .text
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
        let graded = GradedSubmission(student: seed ?? "", results: Grading.grade(run.exercises, sheet),
                                      problems: sheet.problems, source: answerSource)
        switch format {
        case .json:
            console.line(CheckReport.json(graded, hideExpected: hideExpected).serialized)
        case .gradescope:
            console.line(CheckReport.gradescope(graded, exercises: run.exercises, hideExpected: hideExpected).serialized)
        case .text:
            for line in CheckReport.text(graded, exercises: run.exercises, lesson: lesson, seed: seed, reveal: reveal) {
                console.line(line)
            }
        }
        console.flush()
        if graded.correct < graded.results.count { throw ExitCode(1) }
    }
}

/// How `check` prints its verdict.
enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, gradescope
}

extension String {
    func padding(toLength width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
