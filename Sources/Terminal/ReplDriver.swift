import Glibc

/// What the REPL's `execute` closure tells the driver after a chunk of input.
public enum ReplStatus: Sendable, Equatable {
    /// The chunk was a complete command (or several) and has been dealt with,
    /// successfully or not. The next line starts a new chunk.
    case done
    /// The chunk is incomplete (an unclosed `[` or `"""`, ...): read another line
    /// with the continuation prompt and call `execute` again with the chunk so far
    /// plus that line.
    case needMore
    /// Stop the REPL (the user typed `quit`).
    case quit
}

/// The text the driver asks the REPL to execute.
public struct ReplChunk: Sendable, Equatable {
    /// One or more lines joined with "\n", without a final newline. After
    /// `.needMore` the next chunk repeats the earlier lines and adds one more.
    public let text: String
    /// The session-wide number (from 1) of the chunk's first line, for messages
    /// such as `<repl>:3:5: error: ...`.
    public let firstLine: Int

    public init(text: String, firstLine: Int) {
        self.text = text
        self.firstLine = firstLine
    }
}

/// Why `ReplDriver.run` returned.
public enum ReplEnd: Sendable, Equatable {
    /// `execute` returned `.quit`.
    case quit
    /// End of input. `incomplete` holds a chunk still waiting for more lines
    /// (`execute` last said `.needMore`), so the REPL can report it as unfinished.
    case endOfInput(incomplete: ReplChunk?)
}

/// The prompts, equally wide so continued lines line up.
public struct ReplPrompts: Sendable, Equatable {
    public var primary: String
    public var continuation: String

    public init(primary: String, continuation: String) {
        self.primary = primary
        self.continuation = continuation
    }

    public static let standard = ReplPrompts(primary: "bptutor> ", continuation: "    ...> ")
}

/// How to read the REPL's input.
public enum ReplInputMode: Sendable, Equatable {
    /// GNU readline: standard input and output are both a capable terminal.
    case lineEditor
    /// Plain lines, prompts shown (standard input is a terminal, but standard output
    /// is redirected or the terminal is `dumb`).
    case plainInteractive(PlainLineReader.PromptDestination)
    /// Plain lines from a pipe or file: no prompts, nothing but results on stdout.
    case plainScript

    public static func choose(for terminal: TerminalInfo) -> ReplInputMode {
        if terminal.isInteractive { return .lineEditor }
        if terminal.stdinIsTerminal {
            return .plainInteractive(terminal.stdoutIsTerminal ? .standardOutput : .standardError)
        }
        return .plainScript
    }
}

/// The read–execute loop, independent of what it executes.
///
/// ```swift
/// let driver = ReplDriver.standard(completer: { word, before in interpreter.completions(word, before) })
/// let end = driver.run { chunk in
///     switch interpreter.run(chunk.text, firstLine: chunk.firstLine) {
///     case .incomplete: return .needMore
///     case .quit: return .quit
///     default: return .done
///     }
/// }
/// if case .endOfInput(let incomplete?) = end { report "unexpected end of input" for it }
/// ```
///
/// Every read is split into lines (`InputLines.split`: a bracketed paste comes back
/// from readline as one string) and each line is run in turn. A blank line where a
/// new command would start is skipped without calling `execute`. Ctrl-C drops the
/// line being typed and any unfinished chunk, and shows the primary prompt again.
public final class ReplDriver {
    public let source: any LineSource
    public var prompts: ReplPrompts
    /// Physical lines read so far in this session.
    public private(set) var linesRead = 0
    /// Whether a blank line where a command would start is skipped (the REPL) or
    /// handed to `execute` (the lesson mode, where Enter means "next step").
    public var skipsBlankLines = true

    public init(source: any LineSource, prompts: ReplPrompts = .standard) {
        self.source = source
        self.prompts = prompts
    }

    /// A driver on standard input in the mode `ReplInputMode.choose` picks: readline
    /// with the history `history` (the executable passes the user's file)
    /// and `completer` on a terminal, plain lines otherwise (the history file is not
    /// touched then).
    public static func standard(
        terminal: TerminalInfo = .current(),
        history: @autoclosure () -> any LineHistory,
        completer: LineEditor.Completer? = nil,
        prompts: ReplPrompts = .standard
    ) -> ReplDriver {
        let source: any LineSource
        switch ReplInputMode.choose(for: terminal) {
        case .lineEditor:
            source = LineEditor(history: history(), completer: completer)
        case .plainInteractive(let destination):
            source = PlainLineReader(prompts: destination, catchesInterrupt: true)
        case .plainScript:
            source = PlainLineReader()
        }
        return ReplDriver(source: source, prompts: prompts)
    }

    /// Reads and executes until end of input or until `execute` returns `.quit`.
    public func run(_ execute: (ReplChunk) -> ReplStatus) -> ReplEnd {
        var pending: [String] = []
        var pendingFirstLine = 0
        while true {
            let prompt = pending.isEmpty ? prompts.primary : prompts.continuation
            switch source.read(prompt: prompt) {
            case .endOfInput:
                guard !pending.isEmpty else { return .endOfInput(incomplete: nil) }
                return .endOfInput(incomplete: ReplChunk(text: pending.joined(separator: "\n"), firstLine: pendingFirstLine))
            case .interrupted:
                pending.removeAll()
            case .line(let text):
                for line in InputLines.split(text) {
                    linesRead += 1
                    if pending.isEmpty {
                        if skipsBlankLines, line.allSatisfy(\.isWhitespace) { continue }
                        pendingFirstLine = linesRead
                    }
                    pending.append(line)
                    switch execute(ReplChunk(text: pending.joined(separator: "\n"), firstLine: pendingFirstLine)) {
                    case .done: pending.removeAll()
                    case .needMore: break
                    case .quit: return .quit
                    }
                }
            }
        }
    }
}
