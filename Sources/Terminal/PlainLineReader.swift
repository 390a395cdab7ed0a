import Glibc

/// Reads plain lines from a file descriptor: the REPL's input when standard
/// input is not a terminal (a pipe or a file), or when the terminal is `dumb`.
///
/// No readline and no escape sequences. Lines may end in LF or CRLF; a last line
/// without a newline is still a line; a UTF-8 byte-order mark at the very start is
/// dropped; invalid UTF-8 is replaced with U+FFFD.
public final class PlainLineReader: LineSource {
    /// Where prompts go.
    public enum PromptDestination: Sendable, Equatable {
        /// No prompts (input from a pipe or file: the output stays clean).
        case none
        /// On standard output, for a person at a `dumb` terminal.
        case standardOutput
        /// On standard error, for a person at a terminal whose standard output is
        /// redirected, so the prompts do not end up in the output.
        case standardError
    }

    private let fileDescriptor: Int32
    private let prompts: PromptDestination
    private let catchesInterrupt: Bool
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false
    private var atStart = true

    /// - Parameters:
    ///   - fileDescriptor: where to read; standard input by default.
    ///   - prompts: where to show prompts; none by default.
    ///   - catchesInterrupt: a person is typing: Ctrl-C makes `read` return
    ///     `.interrupted` instead of ending the process.
    public init(fileDescriptor: Int32 = STDIN_FILENO, prompts: PromptDestination = .none, catchesInterrupt: Bool = false) {
        self.fileDescriptor = fileDescriptor
        self.prompts = prompts
        self.catchesInterrupt = catchesInterrupt
    }

    /// The next line without its line ending, or nil at end of input.
    public func readLine() -> String? {
        while true {
            switch read(prompt: "") {
            case .line(let text): return text
            case .interrupted: continue
            case .endOfInput: return nil
            }
        }
    }

    public func read(prompt: String) -> LineInput {
        show(prompt)
        var savedInterrupt: SavedSignalAction?
        if catchesInterrupt {
            savedInterrupt = InterruptFlag.install()
            InterruptFlag.clear()
        }
        defer { savedInterrupt?.restore() }

        while true {
            if let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = takeLine(upTo: newline)
                start = newline + 1
                return .line(line)
            }
            if atEnd {
                guard start < buffer.count else {
                    showNewline()  // Ctrl-D at a terminal: leave the shell on a fresh line
                    return .endOfInput
                }
                let line = takeLine(upTo: buffer.count)
                start = buffer.count
                return .line(line)
            }
            switch fill() {
            case .data: continue
            case .end: atEnd = true
            case .interrupted:
                // Ctrl-C at a cooked terminal: the kernel already dropped the
                // half-typed line; drop anything of it we hold too.
                buffer.removeSubrange(start...)
                showNewline()
                return .interrupted
            }
        }
    }

    /// Shows text where prompts go, if prompts are shown.
    private func show(_ text: String) {
        switch prompts {
        case .none: break
        case .standardOutput: TerminalOutput.write(text, to: STDOUT_FILENO)
        case .standardError: TerminalOutput.write(text, to: STDERR_FILENO)
        }
    }

    /// Ends the prompt's line (after Ctrl-C or Ctrl-D at a terminal).
    private func showNewline() { show("\n") }

    private enum FillResult { case data, end, interrupted }

    /// Reads more bytes into the buffer.
    private func fill() -> FillResult {
        if start > 0 && start >= buffer.count / 2 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return .data
            }
            if count == 0 { return .end }
            guard errno == EINTR else { return .end }  // a read error ends the input
            if catchesInterrupt && InterruptFlag.take() { return .interrupted }
        }
    }

    /// Bytes `start..<end` as a line: CR of a CRLF and a leading BOM removed.
    private func takeLine(upTo end: Int) -> String {
        var slice = buffer[start..<end]
        if slice.last == UInt8(ascii: "\r") { slice = slice.dropLast() }
        if atStart {
            atStart = false
            if slice.starts(with: [0xEF, 0xBB, 0xBF]) { slice = slice.dropFirst(3) }
        }
        return String(decoding: slice, as: UTF8.self)
    }
}
