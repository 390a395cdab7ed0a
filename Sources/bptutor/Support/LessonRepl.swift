import BackpropCore
import ScriptSyntax
import Terminal
import TutorScript

/// The REPL's lesson mode: steps through a lesson, prompts at each `ask`, and
/// runs anything else the student types on the lesson's own state.
final class LessonRepl {
    private(set) var session: LessonSession
    private let console: Console
    private let printer: ResultPrinter
    private let onChange: (LessonSession) -> Void

    init(session: LessonSession, console: Console, printer: ResultPrinter,
         onChange: @escaping (LessonSession) -> Void = { _ in }) {
        self.session = session
        self.console = console
        self.printer = printer
        self.onChange = onChange
    }

    /// The lesson mode's own words (completed like commands).
    static let words = ["next", "back", "reveal", "skip", "restart", "where", "quit"]

    static let help = "Enter or 'next': the next step · 'back': the step before · 'restart' · 'where' · "
        + "at a question: an answer, 'reveal' or 'skip' · any command of the language · 'quit'"

    /// The prompt for the next line: the question's id while one is waiting.
    var prompt: String {
        if let e = session.pending { return "\(e.id)? " }
        return "bptutor> "
    }

    func start(resumingAt step: Int) {
        console.line("\(session.lesson.title)  (\(session.stepCount) steps)")
        console.line(Self.help)
        if step > 0 {
            session.fastForward(to: step - 1)
            console.line("(resuming at step \(step + 1) of \(session.stepCount))")
        }
        show(session.nextStep())
        onChange(session)
    }

    /// Handles one line; returns false when the student asked to quit.
    func handle(_ line: String) -> Bool {
        let word = line.trimmingWhitespace
        switch word {
        case "quit", "exit":
            return false
        case "", "next":
            if session.pending != nil, word.isEmpty {
                console.line("type an answer, or 'reveal' / 'skip'")
            } else if session.isFinished || (session.step == session.stepCount - 1 && session.isStepDone) {
                console.line("that was the last step ('back' or 'restart' to go again, 'quit' to leave)")
            } else {
                show(session.nextStep())
            }
        case "back":
            if session.step >= 1 { show(session.back()) } else { console.line("this is the first step") }
        case "restart":
            session = LessonSession(lesson: session.lesson, seed: session.interpreter.variantSeed,
                                    hooks: session.interpreter.hooks)
            console.line("(restarted: answers and position are cleared)")
            show(session.nextStep())
        case "where":
            console.line("step \(session.step + 1) of \(session.stepCount): \(session.currentLabel ?? "")")
        case "reveal" where session.pending != nil:
            if let e = session.reveal() {
                console.out(TextOutput(settings: session.interpreter.settings, interactive: true)
                    .labelled("  \(e.id)", e.expected).joined(separator: "\n") + "\n")
                if let rule = e.rule { console.line("  rule: \(rule)") }
                show(session.resume())
            }
        case "skip" where session.pending != nil:
            session.skip()
            show(session.resume())
        default:
            if session.pending != nil, let value = session.interpreter.answerValue(line) {
                answer(value)
            } else {
                runCommand(line)
            }
        }
        onChange(session)
        console.flush()
        return true
    }

    private func answer(_ value: Tensor) {
        guard let result = session.answer(value) else { return }
        if result.correct {
            console.line("  ✓ right")
            show(session.resume())
        } else {
            console.line("  ✗ not yet" + (result.hint.map { ": \($0)" } ?? ""))
            console.line("  try again, or 'reveal' / 'skip'")
        }
    }


    private func runCommand(_ line: String) {
        let source = SourceFile(name: "<repl>", text: line)
        _ = ScriptRunner.run(source, interpreter: &session.interpreter) { event, settings in
            printer.print(event, source: source, settings: settings)
        }
    }

    private func show(_ events: [LessonRunner.Event]) {
        let settings = session.interpreter.settings
        for event in events {
            switch event {
            case let .stepStarted(index, label):
                console.line("")
                console.line("── Step \(index + 1)/\(session.stepCount): \(label) "
                             + String(repeating: "─", count: max(4, 50 - DisplayWidth.of(label))))
            case .output(.stepBoundary), .output(.lessonTitle):
                break
            case .output(.exercise(let e)):
                if session.answers[e.id]?.correct == true {
                    console.line("? \(e.id): \(e.question)  (answered)")
                } else {
                    console.line("? \(e.id): \(e.question)")
                    console.line("  (a number, [vector] or [[matrix]]; or 'reveal' / 'skip')")
                }
            case .output(let output):
                printer.print(.output(output), source: session.lesson.source, settings: settings)
            case .error(let d):
                printer.print(.error(d), source: session.lesson.source, settings: settings)
            case .quantities(let quantities) where !quantities.isEmpty:
                console.line("  after this step:")
                let text = TextOutput(settings: settings, interactive: false).render(.show(quantities)) ?? ""
                for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                    console.line("    " + line)
                }
                let last = session.step == session.stepCount - 1
                console.line(last ? "(the end of the lesson)" : "(Enter for the next step)")
            case .quantities:
                let last = session.step == session.stepCount - 1
                console.line(last ? "(the end of the lesson)" : "(Enter for the next step)")
            }
        }
    }
}
