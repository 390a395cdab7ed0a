import TermCore

/// What the full-screen loop reports to its app: keys, resizes, timer ticks,
/// the command bar's lines, and Ctrl-C / SIGTERM. The app maps them to its own
/// messages; Terminal knows nothing else about it.
public enum TerminalEvent: Sendable, Equatable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// Every `FullScreenOptions.tickInterval` ms while ticks are on.
    case tick
    /// The command bar's line editor finished a line (Enter).
    case commandEntered(String)
    /// The command bar was closed without a line (Escape, Ctrl-G).
    case commandCancelled
    /// The command bar's text or cursor changed (readline's redisplay): the app draws it.
    /// `cursor` is a display column within `text`.
    case commandLineChanged(text: String, cursor: Int)
    /// Ctrl-C or SIGTERM.
    case interrupt
}

/// What an app asks the full-screen loop to do after an event.
public enum TerminalRequest: Sendable, Equatable {
    /// Open the command bar (readline) with this prompt.
    case openCommandBar(prompt: String)
    case closeCommandBar
    /// Keep sending ticks until told otherwise.
    case startTicks
    case stopTicks
    /// End the loop (`FullScreenExit.quit`).
    case quit
}
