import TermCore
import ArgumentParser
import ScriptSyntax
import TutorScript
import TutorStore

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a lesson without a screen and print its transcript.",
        discussion: """
        Prints each step's narration and results, and at the end of each step the \
        quantities it defined or changed (values and gradients). Exercises are shown \
        with their answers: this is the instructor's view. A lesson with an error fails \
        before anything runs (exit 2).
        """)

    @Argument(help: "A lesson id (see 'bptutor lessons') or a path to a .lesson file.",
              completion: LessonCompletion.kind)
    var lesson: String

    @Option(name: .long, help: "A student id: that student's variant of the lesson's random numbers.",
            transform: StudentIDOption.transform)
    var seed: String?

    @Flag(name: .long, help: "One JSON object per line for each result.")
    var json = false

    func run() throws {
        let console = Console()
        defer { console.flush() }
        let lesson = try LessonLoading.load(self.lesson, console: console, validatingWith: .some(seed))
        let printer = ResultPrinter(console: console, json: json, interactive: false)
        var settings = Settings()
        if !json {
            console.line("\(lesson.title)  (lesson \(lesson.id), \(lesson.steps.count) steps"
                         + (seed.map { ", variant \($0)" } ?? "") + ")")
        }
        let result = LessonRunner.run(lesson, seed: lesson.variantSeed(for: seed)) { event in
            switch event {
            case let .stepStarted(index, label):
                if json {
                    console.line(JSONValue.object([("lesson_step", .object([("index", .number(Double(index + 1))),
                                                                            ("label", .string(label))]))]).serialized)
                } else {
                    console.line("")
                    console.line("── Step \(index + 1)/\(lesson.steps.count): \(label) "
                                 + String(repeating: "─", count: max(4, 50 - DisplayWidth.of(label))))
                }
            case .output(.stepBoundary), .output(.lessonTitle):
                break
            case .output(let output):
                printer.print(.output(output), source: lesson.source, settings: settings)
            case .error(let diagnostic):
                printer.print(.error(diagnostic), source: lesson.source, settings: settings)
            case .quantities(let quantities) where !quantities.isEmpty:
                if json {
                    printer.print(.output(.show(quantities)), source: lesson.source, settings: settings)
                } else {
                    console.line("  quantities after this step:")
                    let text = TextOutput(settings: settings, interactive: false).render(.show(quantities)) ?? ""
                    for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                        console.line("    " + line)
                    }
                }
            case .quantities:
                break
            }
        }
        settings = result.interpreter.settings
        console.flush()
        if result.failures > 0 { throw ExitCode(1) }
    }
}
