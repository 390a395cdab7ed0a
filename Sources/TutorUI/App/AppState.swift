import BackpropCore
import TutorScript

/// One lesson of the picker, as the caller (which knows the catalog and the
/// progress store) describes it.
public struct PickerEntry: Sendable, Equatable {
    public var id: String
    public var path: String
    public var title: String
    public var steps: Int
    /// The student's progress, e.g. "step 3/9, 2 of 5 answered" or "not started".
    public var progress: String

    public init(id: String, path: String, title: String, steps: Int, progress: String) {
        self.id = id
        self.path = path
        self.title = title
        self.steps = steps
        self.progress = progress
    }
}

/// The picker: the lessons and the one under the cursor.
public struct PickerState: Sendable, Equatable {
    public var entries: [PickerEntry]
    public var selected: Int

    public init(entries: [PickerEntry], selected: Int = 0) {
        self.entries = entries
        self.selected = entries.isEmpty ? 0 : min(max(0, selected), entries.count - 1)
    }
}

/// The command bar: the line editor (readline, in the terminal layer) owns the
/// text; the state mirrors it so the view can draw it.
public struct CommandBarState: Sendable, Equatable {
    public var isOpen = false
    public var prompt = "bptutor> "
    public var text = ""
    /// Display column of the cursor within `text`.
    public var cursor = 0

    public init() {}
}

/// A line under the panes: what just happened (an answer's verdict, an error, a note).
public struct StatusMessage: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case info, good, bad }
    public var text: String
    public var kind: Kind

    public init(_ text: String, kind: Kind = .info) {
        self.text = text
        self.kind = kind
    }
}

/// What the lower right pane shows: the formula of the selected quantity, or
/// the text output of the last command typed.
public enum PaneContent: Sendable, Equatable {
    case formula
    case output(title: String, lines: [String])
}

/// The phase of the step, for the status line: the kind of the last thing the step did.
public enum Phase: String, Sendable, Equatable {
    case reading, forward, backward, update
}

/// What the current step said and did (from its events): the view draws from this and the interpreter.
public struct StepRecord: Sendable, Equatable {
    public var narration: [String] = []
    /// Text of results the step printed (show, train, explain, …) and its errors.
    public var results: [String] = []
    public var phase = Phase.reading
    /// The plot the step's own results call for, the last one winning; nil: the step
    /// made none, and no plot from an earlier step is shown.
    public var plot: StepPlot?

    public init() {}
}

/// What a step's results plot.
public enum StepPlot: Sendable, Equatable {
    /// The last training run's loss curve (`train`, `losses`, `r`).
    case loss
    /// A 2-input network's decision regions (`grid`).
    case decision
    /// A whole perceptron run: its k against 4R²/γ².
    case perceptron(PerceptronReport)
    /// The perceptron being stepped through (`perceptron step`, `perceptron reset`).
    case perceptronStepping
    /// `plot`'s curves of one variable.
    case curves(CurvePlot)
}

/// The state of a lesson on screen.
public struct LessonState: Sendable {
    public internal(set) var session: LessonSession
    public internal(set) var record = StepRecord()
    /// The name of the selected quantity.
    public internal(set) var selected: String?
    /// nil: the formula pane explains the value or the gradient as the phase suggests; else as chosen with `e`.
    public internal(set) var explainGradient: Bool?
    public internal(set) var pane = PaneContent.formula
    public internal(set) var paneScroll = 0
    /// Presentation mode: how many of the step's quantities are shown.
    public internal(set) var revealed = 0
    public internal(set) var message: StatusMessage?
    /// Whether the ticks advance the interpreter's run in progress (`r` pauses it).
    public internal(set) var trainingRunning = false
    /// Samples a tick advances the run by; nil: the pace's (`TrainingPace`), at most
    /// `LessonState.slice(for:)`.
    var samplesPerTick: Int?
    /// How fast the ticks train (`+`, `-`).
    var pace = TrainingPace()
    /// What the view draws, prepared by `update` (`AppState.prepareDisplay`).
    var display = LessonDisplay()

    /// The session on screen: its steps' `train` runs advance on ticks.
    init(session: LessonSession) {
        self.session = session
        self.session.trainsInSlices = true
    }
}

/// The whole app as a value: the screen is a pure function of it (`view`),
/// and it changes only through `update(message)` (its fields are read-only outside
/// TutorUI, so what `update` prepares for the view never goes stale).
public struct AppState: Sendable {
    public enum Screen: Sendable, Equatable { case picker, lesson }

    public internal(set) var screen: Screen
    public internal(set) var picker: PickerState
    public internal(set) var lesson: LessonState?
    public internal(set) var showingHelp = false
    public internal(set) var presentation: Bool
    public internal(set) var blanked = false
    public internal(set) var commandBar = CommandBarState()
    /// The terminal size from the last resize (the view is drawn at the size it is given).
    public internal(set) var width = 80
    public internal(set) var height = 24
    /// Whether the effects asked the terminal for ticks (they follow `LessonState.trainingRunning`).
    var ticking = false

    /// The lesson picker.
    public init(picker entries: [PickerEntry], presentation: Bool = false) {
        screen = .picker
        picker = PickerState(entries: entries)
        self.presentation = presentation
    }

    /// A lesson screen. A session not yet started is run up to step `startAt`
    /// (0-based; the steps before it run quietly, their questions skipped).
    public init(session: LessonSession, startAt: Int = 0, presentation: Bool = false) {
        screen = .lesson
        picker = PickerState(entries: [])
        self.presentation = presentation
        lesson = LessonState(session: session)
        lesson?.goTo(step: max(0, startAt))
        prepareDisplay()
    }

    /// Opens a lesson from the picker (`.lessonLoaded`, the answer to `.openLesson`).
    mutating func open(_ session: LessonSession, startAt: Int = 0) {
        var state = LessonState(session: session)
        state.goTo(step: max(0, startAt))
        lesson = state
        screen = .lesson
        showingHelp = false
        blanked = false
        prepareDisplay()
    }
}
