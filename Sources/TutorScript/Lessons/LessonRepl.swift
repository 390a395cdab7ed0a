import TermCore
import BackpropCore
import ScriptSyntax

/// Where the REPL's lesson mode writes: the executable prints to the console,
/// tests record.
public protocol LessonReplOutput {
    /// One line of the mode's own text.
    func line(_ text: String)
    /// Text as it is (it ends with its own newline).
    func text(_ text: String)
    /// An interpreter result or error, as the REPL prints them.
    func print(_ event: ScriptRunner.Event, source: SourceFile, settings: Settings)
    /// The line is handled: write out what is buffered.
    func flush()
}

/// The REPL's lesson mode: steps through a lesson, prompts at each `ask`, and
/// runs anything else the student types on the lesson's own state. The session
/// walks the steps and replies to questions; this reads the student's words and
/// says what happened.
public final class LessonRepl {
    public private(set) var session: LessonSession
    private let output: any LessonReplOutput
    private let onChange: (LessonSession) -> Void

    /// `onChange` is called after the start and after every line (to save progress).
    public init(session: LessonSession, output: any LessonReplOutput,
                onChange: @escaping (LessonSession) -> Void = { _ in }) {
        self.session = session
        self.output = output
        self.onChange = onChange
    }

    /// The lesson mode's own words (completed like commands).
    public static let words = ["next", "back", "reveal", "skip", "restart", "where", "quit"]

    public static let help = "Enter or 'next': the next step · 'back': the step before · 'restart' · 'where' · "
        + "at a question: an answer, 'reveal' or 'skip' · any command of the language · 'quit'"

    /// The prompt for the next line: the question's id while one is waiting.
    public var prompt: String {
        if let e = session.pending { return "\(e.id)? " }
        return "bptutor> "
    }

    /// Shows the title and the first step, or resumes at `step` (0-based): the
    /// steps before it run quietly.
    public func start(resumingAt step: Int) {
        output.line("\(session.lesson.title)  (\(session.stepCount) steps)")
        output.line(Self.help)
        if step > 0 {
            session.fastForward(to: step - 1)
            output.line("(resuming at step \(step + 1) of \(session.stepCount))")
        }
        show(session.nextStep())
        onChange(session)
    }

    /// Handles one line; returns false when the student asked to quit.
    public func handle(_ line: String) -> Bool {
        let word = line.trimmingWhitespace
        switch word {
        case "quit", "exit":
            return false
        case "", "next":
            if session.pending != nil, word.isEmpty {
                output.line("type an answer, or 'reveal' / 'skip'")
            } else if session.isFinished || (session.step == session.stepCount - 1 && session.isStepDone) {
                output.line("that was the last step ('back' or 'restart' to go again, 'quit' to leave)")
            } else {
                show(session.nextStep())
            }
        case "back":
            if session.step >= 1 { show(session.back()) } else { output.line("this is the first step") }
        case "restart":
            session = LessonSession(lesson: session.lesson, seed: session.interpreter.variantSeed,
                                    hooks: session.interpreter.hooks)
            output.line("(restarted: answers and position are cleared)")
            show(session.nextStep())
        case "where":
            output.line("step \(session.step + 1) of \(session.stepCount): \(session.currentLabel ?? "")")
        default:
            if let reply = session.reply(to: line) {
                show(reply)
            } else {
                runCommand(line)
            }
        }
        onChange(session)
        output.flush()
        return true
    }

    /// What a reply to the question says, then the rest of the step.
    private func show(_ reply: LessonSession.Reply) {
        switch reply {
        case .revealed(let e):
            output.text(TextOutput(settings: session.interpreter.settings, interactive: true)
                .labelled("  \(e.id)", e.expected).joined(separator: "\n") + "\n")
            if let rule = e.rule { output.line("  rule: \(rule)") }
        case .skipped:
            break
        case .answered(_, let result) where result.correct:
            output.line("  ✓ right")
        case .answered(_, let result):
            output.line("  ✗ not yet" + (result.hint.map { ": \($0)" } ?? ""))
            output.line("  try again, or 'reveal' / 'skip'")
        }
        if reply.continues { show(session.resume()) }
    }

    private func runCommand(_ line: String) {
        let source = SourceFile(name: "<repl>", text: line)
        _ = ScriptRunner.run(source, interpreter: &session.interpreter) { event, settings in
            output.print(event, source: source, settings: settings)
        }
    }

    private func show(_ events: [LessonRunner.Event]) {
        let settings = session.interpreter.settings
        for event in events {
            switch event {
            case let .stepStarted(index, label):
                output.line("")
                output.line("── Step \(index + 1)/\(session.stepCount): \(label) "
                             + String(repeating: "─", count: max(4, 50 - DisplayWidth.of(label))))
            case .output(.stepBoundary), .output(.lessonTitle):
                break
            case .output(.exercise(let e)):
                if session.answers[e.id]?.correct == true {
                    output.line("? \(e.id): \(e.question)  (answered)")
                } else {
                    output.line("? \(e.id): \(e.question)")
                    output.line("  (a number, [vector] or [[matrix]]; or 'reveal' / 'skip')")
                }
            case .output(let result):
                output.print(.output(result), source: session.lesson.source, settings: settings)
            case .error(let d):
                output.print(.error(d), source: session.lesson.source, settings: settings)
            case .quantities(let quantities) where !quantities.isEmpty:
                output.line("  after this step:")
                let text = TextOutput(settings: settings, interactive: false).render(.show(quantities)) ?? ""
                for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                    output.line("    " + line)
                }
                let last = session.step == session.stepCount - 1
                output.line(last ? "(the end of the lesson)" : "(Enter for the next step)")
            case .quantities:
                let last = session.step == session.stepCount - 1
                output.line(last ? "(the end of the lesson)" : "(Enter for the next step)")
            }
        }
    }
}
