import ArgumentParser
import ScriptSyntax
import Terminal
import TutorScript
import TutorStore

/// `bptutor repl LESSON`: the lesson mode of the REPL.
enum LessonReplCommand {
    static func run(lesson argument: String, seed: String?) throws {
        let console = Console()
        defer { console.flush() }
        let lesson = try LessonLoading.load(argument, console: console, validatingWith: .some(seed))
        let terminal = TerminalInfo.current()
        let printer = ResultPrinter(console: console, json: false, interactive: terminal.stdinIsTerminal)
        var hooks = InterpreterHooks()
        hooks.shouldCancel = Interrupts.poll
        var session = LessonSession(lesson: lesson, seed: lesson.variantSeed(for: seed), hooks: hooks)
        // Progress: resume where this student left off, and save after every step and answer.
        let store = ProgressStore.standard()
        let saved = store.load(lessonID: lesson.id, variant: seed)
        if let saved { session.restore(answers: ProgressRecording.answers(saved)) }
        let repl = LessonRepl(session: session, output: LessonReplConsole(console: console, printer: printer)) { session in
            _ = store.save(ProgressRecording.record(session, variant: seed))
        }
        let driver = ReplDriver.standard(terminal: terminal, history: HistoryStore.standard(), completer: { word, before in
            repl.session.interpreter.completions(for: word, lineBefore: before, extra: LessonRepl.words)
        })
        driver.skipsBlankLines = false
        let resumeAt = saved.map { $0.completed ? 0 : max(0, $0.step) } ?? 0
        repl.start(resumingAt: resumeAt)
        driver.prompts = ReplPrompts(primary: repl.prompt, continuation: "    ...> ")
        console.flush()
        _ = driver.run { chunk in
            guard let chunks = ReplContinuation.chunks(for: chunk) else { return .needMore }
            let saved = Interrupts.begin()
            defer { saved.restore() }
            for piece in chunks {
                guard repl.handle(piece.text) else { return .quit }
                driver.prompts = ReplPrompts(primary: repl.prompt, continuation: "    ...> ")
            }
            return .done
        }
        console.flush()
    }
}
