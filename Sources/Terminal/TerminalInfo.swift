import TermCore
import Glibc

/// What kind of terminal (if any) the process is attached to.
///
/// Read once at start-up with `TerminalInfo.current()`; tests build one by hand.
public struct TerminalInfo: Sendable, Equatable {
    /// Standard input is a terminal (a person may be typing).
    public var stdinIsTerminal: Bool
    /// Standard output is a terminal (escape sequences and prompts would be seen).
    public var stdoutIsTerminal: Bool
    /// The value of `TERM`, or nil when it is unset or empty.
    public var term: String?
    /// `NO_COLOR` is set to a non-empty value (https://no-color.org).
    public var noColor: Bool

    public init(stdinIsTerminal: Bool, stdoutIsTerminal: Bool, term: String?, noColor: Bool) {
        self.stdinIsTerminal = stdinIsTerminal
        self.stdoutIsTerminal = stdoutIsTerminal
        self.term = term
        self.noColor = noColor
    }

    /// The terminal of this process, from `isatty(0)`, `isatty(1)`, `TERM` and `NO_COLOR`.
    public static func current() -> TerminalInfo {
        TerminalInfo(
            stdinIsTerminal: isatty(STDIN_FILENO) == 1,
            stdoutIsTerminal: isatty(STDOUT_FILENO) == 1,
            term: Environment.value("TERM"),
            noColor: Environment.value("NO_COLOR") != nil)
    }

    /// `TERM` is unset, empty or `dumb`: the terminal cannot move the cursor, so no
    /// line editing and no full screen (Emacs shell buffers, some CI consoles).
    public var isDumb: Bool {
        guard let term else { return true }
        return term == "dumb"
    }

    /// Both ends are a capable terminal: GNU readline for the REPL, ncurses for full screen.
    public var isInteractive: Bool {
        stdinIsTerminal && stdoutIsTerminal && !isDumb
    }

    /// Colour and other attributes may be written to standard output.
    public var allowsColor: Bool {
        stdoutIsTerminal && !isDumb && !noColor
    }
}
