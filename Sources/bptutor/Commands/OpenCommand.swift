import ArgumentParser
import ScriptSyntax
import Terminal
import TutorScript
import TutorUI
import TutorStore

struct OpenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Step through a lesson full screen.",
        discussion: """
        Keys: n, → or space: next step; p or ←: previous step; Home/End: first/last; r: run or \
        pause training; ↑/↓ or Tab: select a quantity; e: explain it; ':' the command bar (any \
        command, or an answer); ?: help; m: presentation mode; b: blank; q: quit (progress is saved). \
        Without a capable terminal (not a tty, TERM=dumb) the lesson runs in the REPL's lesson mode.
        """)

    @Argument(help: "A lesson id (see 'bptutor lessons') or a path to a .lesson file.",
              completion: LessonCompletion.kind)
    var lesson: String

    @Option(name: .long, help: "A student id: that student's variant of the lesson's numbers.",
            transform: StudentIDOption.transform)
    var seed: String?

    @Flag(name: .long, help: "Presentation mode for a projector: no command bar, one quantity at a time.")
    var present = false

    func run() throws {
        let console = Console()
        let lesson = try LessonLoading.load(self.lesson, console: console, validatingWith: .some(seed))
        console.flush()
        guard TerminalInfo.current().isInteractive else {
            try LessonReplCommand.run(lesson: self.lesson, seed: seed)
            return
        }
        try FullScreenTutor.run(initial: .lesson(lesson), seed: seed, present: present)
    }
}

/// Runs the full-screen tutor on a picker or a lesson, saving progress as it goes.
enum FullScreenTutor {
    enum Start {
        case picker
        case lesson(Lesson)
    }

    static func run(initial: Start, seed: String?, present: Bool) throws {
        let store = ProgressStore.standard()
        func session(for lesson: Lesson) -> (LessonSession, Int) {
            var session = LessonSession(lesson: lesson, seed: lesson.variantSeed(for: seed), hooks: hooks())
            let saved = store.load(lessonID: lesson.id, variant: seed)
            if let saved { session.restore(answers: ProgressRecording.answers(saved)) }
            let start = saved.map { $0.completed ? 0 : max(0, $0.step) } ?? 0
            return (session, start)
        }
        let state: AppState
        switch initial {
        case .picker:
            state = AppState(picker: pickerEntries(store: store, seed: seed), presentation: present)
        case .lesson(let lesson):
            let (s, start) = session(for: lesson)
            state = AppState(session: s, startAt: start, presentation: present)
        }
        guard let screen = FullScreen.start() else {
            // newterm refused the terminal: fall back to the REPL's lesson mode.
            if case .lesson(let lesson) = initial { try LessonReplCommand.run(lesson: lesson.path, seed: seed) }
            else { try LessonList.print(console: Console(), json: false) }
            return
        }
        func save(_ state: AppState) {
            if let s = state.lesson?.session, s.step >= 0 {
                _ = store.save(ProgressRecording.record(s, variant: seed))
            }
        }
        var failure: String?
        /// The effects the terminal does not run: their results come back as messages.
        func perform(_ effect: Effect, on state: AppState) -> [Message] {
            switch effect {
            case .saveProgress:
                save(state)
            case .openLesson(let path):
                switch LessonCatalog.resolve(path) {
                case .path(let p):
                    if let source = try? SourceLoading.load(path: p), case .success(let lesson) = Lesson.parse(source, path: p),
                       lesson.runtimeProblems(seeds: [0, lesson.variantSeed(for: seed)]).isEmpty {
                        let (s, start) = session(for: lesson)
                        return [.lessonLoaded(s, startAt: start)]
                    }
                    failure = "the lesson \(path) has errors: run 'bptutor run \(path)' to see them"
                case .notFound(let message):
                    failure = message
                }
            case .openCommandBar, .closeCommandBar, .startTicks, .stopTicks, .quit:
                break
            }
            return []
        }
        var app = TutorApp(state: state, perform: perform)
        let exit = screen.run(&app, options: FullScreenOptions(history: HistoryStore.standard()))
        save(app.state)
        screen.stop()
        if let failure { Console().error("bptutor: \(failure)\n") }
        switch exit {
        case .quit: return
        case .hangUp: throw ExitCode(129)
        case .terminated(let signal): throw ExitCode(128 + signal)
        }
    }

    static func hooks() -> InterpreterHooks {
        InterpreterHooks()
    }

    /// The lessons with this student's progress, for the picker.
    static func pickerEntries(store: ProgressStore, seed: String?) -> [PickerEntry] {
        LessonCatalog.lessonPaths(in: LessonCatalog.directory()).compactMap { path in
            guard let source = try? SourceLoading.load(path: path),
                  case .success(let lesson) = Lesson.parse(source, path: path) else { return nil }
            let progress: String
            if let p = store.load(lessonID: lesson.id, variant: seed) {
                progress = p.completed ? "done, \(p.correctCount) of \(lesson.exerciseIDs.count) right"
                    : "step \(max(1, p.step + 1))/\(lesson.steps.count), \(p.correctCount) of \(lesson.exerciseIDs.count) right"
            } else {
                progress = "not started"
            }
            return PickerEntry(id: lesson.id, path: path, title: lesson.title, steps: lesson.steps.count, progress: progress)
        }
    }
}
