/// What one attempt to read a line produced.
public enum LineInput: Sendable, Equatable {
    /// What the user entered, without the final newline. May contain newlines
    /// (a bracketed paste): split it with `InputLines.split`.
    case line(String)
    /// Ctrl-C: the line being typed was thrown away. Read again for a fresh prompt.
    case interrupted
    /// End of input: Ctrl-D on an empty line, end of file, or a read error.
    case endOfInput
}

/// Something the REPL can read lines from: GNU readline on a terminal
/// (`LineEditor`), plain lines otherwise (`PlainLineReader`), or a script in tests.
public protocol LineSource: AnyObject {
    /// Reads one line, showing `prompt` first if this source shows prompts.
    func read(prompt: String) -> LineInput
}
