import TermCore
import TutorScript

/// Everything that can happen to the app: the Elm/bubbletea model. Keys,
/// resizes, timer ticks (animation, training slices) and signals are all messages.
public enum Message: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// About every 50 ms while something animates or trains.
    case tick
    /// The command bar's line editor finished a line (Enter).
    case commandEntered(String)
    /// The command bar was closed without a line (Escape, Ctrl-G).
    case commandCancelled
    /// The command bar's text or cursor changed (readline's redisplay): the view draws it.
    /// `cursor` is a display column within `text`.
    case commandLineChanged(text: String, cursor: Int)
    /// Ctrl-C.
    case interrupt
    /// The lesson `.openLesson` asked for, parsed and started by the caller: show it from
    /// step `startAt` (0-based; the steps before it run quietly, their questions skipped).
    case lessonLoaded(LessonSession, startAt: Int)
}

/// What the app asks the terminal layer to do after an update.
public enum Effect: Sendable, Equatable {
    /// Open the command bar (readline) with this prompt.
    case openCommandBar(prompt: String)
    case closeCommandBar
    /// Keep sending ticks (training runs, animation) until told otherwise.
    case startTicks
    case stopTicks
    /// Save the student's progress now.
    case saveProgress
    /// The picker chose a lesson: parse it, start a session and send `.lessonLoaded`.
    case openLesson(path: String)
    case quit
}
