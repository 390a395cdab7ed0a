#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import ScriptSyntax
import Terminal
import TutorScript
import TutorStore

struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "The interactive REPL (GNU readline: history, editing, tab completion).",
        discussion: """
        Type commands one per line; 'help' lists them, 'quit' or Ctrl-D leaves. With a LESSON, \
        step through it: Enter for the next step, 'back', answers at each question. History is kept \
        in $XDG_DATA_HOME/bptutor/history (~/.local/share/bptutor/history). When standard input \
        is not a terminal, plain lines are read and only results are printed.
        """)

    @Argument(help: "A lesson to step through (an id from 'bptutor lessons' or a path); none: a free session.",
              completion: LessonCompletion.kind)
    var lesson: String?

    @Option(name: .long, help: "A student id: that student's variant of the lesson's numbers.",
            transform: StudentIDOption.transform)
    var seed: String?

    func run() throws {
        if let lesson {
            try LessonReplCommand.run(lesson: lesson, seed: seed)
            return
        }
        let console = Console()
        defer { console.flush() }
        let session = ReplSession()
        let terminal = TerminalInfo.current()
        let progress = ProgressLine()
        session.interpreter.hooks.shouldCancel = Interrupts.poll
        if terminal.stdinIsTerminal && isatty(STDERR_FILENO) == 1 {
            session.interpreter.hooks.progress = { progress.update($0) }
        }
        let interactive = terminal.stdinIsTerminal
        let printer = ResultPrinter(console: console, json: false, interactive: interactive)
        let driver = ReplDriver.standard(terminal: terminal, history: HistoryStore.standard(), completer: { word, before in
            session.completions(for: word, lineBefore: before)
        })
        if terminal.isInteractive {
            console.line("bptutor \(BPTutorVersion.string.split(separator: " ").last ?? "") — 'help' lists the commands, 'quit' or Ctrl-D leaves.")
            console.flush()
        }
        let end = driver.run { chunk in
            let trimmed = chunk.text.trimmingWhitespace
            if trimmed == "quit" || trimmed == "exit" { return .quit }
            guard let chunks = ReplContinuation.chunks(for: chunk) else { return .needMore }
            for piece in chunks {
                if piece.text.trimmingWhitespace == "quit" || piece.text.trimmingWhitespace == "exit" { return .quit }
                let source = SourceFile(name: "<repl>", text: piece.text)
                // Ctrl-C while a command runs stops it (training keeps its weights) and
                // returns to the prompt; readline handles Ctrl-C while a line is typed.
                let saved = Interrupts.begin()
                defer { saved.restore() }
                let outcome = ScriptRunner.run(source, interpreter: &session.interpreter,
                                               interrupted: Interrupts.poll) { event, settings in
                    progress.finish()
                    printer.print(event, source: source, settings: settings, firstLine: piece.firstLine)
                }
                if outcome == .interrupted {
                    console.line("interrupted")
                } else if outcome.exitCode != 0 {
                    session.failures += 1
                }
                console.flush()
            }
            return .done
        }
        if case .endOfInput(let incomplete?) = end {
            // Let the parser say what is unfinished (an unclosed bracket or string).
            let source = SourceFile(name: "<repl>", text: incomplete.text)
            _ = ScriptRunner.run(source, interpreter: &session.interpreter) { event, settings in
                printer.print(event, source: source, settings: settings, firstLine: incomplete.firstLine)
            }
            session.failures += 1
        }
        console.flush()
        // Piped input behaves like a script: exit 1 if any command failed.
        if !interactive && session.failures > 0 { throw ExitCode(1) }
    }
}

/// The REPL's state, shared with readline's completion callback.
final class ReplSession {
    var interpreter = Interpreter()
    var failures = 0

    func completions(for word: String, lineBefore: String) -> [String] {
        interpreter.completions(for: word, lineBefore: lineBefore, extra: ["quit"])
    }
}


