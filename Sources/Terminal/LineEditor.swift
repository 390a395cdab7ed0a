import CReadline
import Glibc

/// Line editing with GNU readline: editing keys, history (kept in a file between
/// sessions), tab completion and bracketed paste. Use it only when standard input
/// and output are both a capable terminal (`TerminalInfo.isInteractive`).
///
/// - Ctrl-C while typing throws the line away and `read` returns `.interrupted`
///   (the terminal shows `^C`); `readLine` instead just shows a fresh prompt.
/// - Ctrl-D on an empty line is end of input.
/// - Every non-blank line entered is added to the history (each line of a pasted
///   block separately, a repeat of the newest entry is skipped) and appended to the
///   history file at once.
/// - Users can configure it in `~/.inputrc` under `$if bptutor ... $endif`.
///
/// readline is process-wide state: use one `LineEditor` at a time, from one thread.
///
/// Implementation: readline's callback interface (`rl_callback_handler_install` +
/// `rl_callback_read_char` fed after `poll`), not the blocking `readline()`, so
/// that Ctrl-C can end a read cleanly without `longjmp`. readline keeps its signal
/// handlers for the whole read (`rl_persistent_signal_handlers`): a signal that
/// arrives while we wait in `poll` interrupts it, and `rl_check_signals()` lets
/// readline restore the terminal before the signal reaches the program (Ctrl-Z
/// suspends with a sane terminal, SIGTERM/SIGHUP end the process with it restored).
public final class LineEditor: LineSource {
    /// Candidates for completing `word` (the text before the cursor back to the
    /// previous word-break character); `lineBefore` is everything before `word`.
    /// Candidates that do not start with `word` are ignored, duplicates are removed
    /// and the rest are sorted. A unique completion gets a space after it, unless it
    /// ends with `(`, `[` or `.` (so a completer may offer `sigmoid(` and the cursor
    /// lands inside the parenthesis).
    public typealias Completer = (_ word: String, _ lineBefore: String) -> [String]

    /// Characters that separate words for completion: whitespace and the operators
    /// and brackets of the command language. `.` is not one (`W1.grad` is a word).
    public static let wordBreakCharacters = " \t\n()[],=+-*/@^"

    /// Called on Tab. Nil: Tab completes nothing (it only beeps).
    public var completer: Completer?
    /// The history, already loaded into readline.
    public let history: any LineHistory

    private let inputDescriptor: Int32
    private let outputDescriptor: Int32
    private let streams: (input: UnsafeMutablePointer<FILE>, output: UnsafeMutablePointer<FILE>)?

    /// An editor on the process's standard input and output.
    /// - Parameters:
    ///   - history: the history to load now and to add lines to; use
    ///     the user's history file (TutorStore's `HistoryStore.standard()`).
    ///   - completer: candidates for Tab; see `Completer`.
    public convenience init(history: any LineHistory, completer: Completer? = nil) {
        self.init(history: history, completer: completer, input: STDIN_FILENO, output: STDOUT_FILENO)
    }

    /// An editor on other descriptors (a pseudo-terminal in tests). The editor uses
    /// duplicates of them; the caller keeps ownership of `input` and `output`.
    public init(history: any LineHistory, completer: Completer? = nil, input: Int32, output: Int32) {
        self.history = history
        self.completer = completer
        self.inputDescriptor = input
        self.outputDescriptor = output
        if input == STDIN_FILENO && output == STDOUT_FILENO {
            streams = nil  // readline defaults to the C library's stdin and stdout
        } else {
            // Private duplicates, so closing the FILEs in deinit leaves the caller's
            // descriptors open.
            let inFile = fdopen(dup(input), "r")
            let outFile = fdopen(dup(output), "w")
            if let inFile, let outFile {
                streams = (inFile, outFile)
            } else {
                if let inFile { fclose(inFile) }
                if let outFile { fclose(outFile) }
                streams = nil
            }
        }
        TerminalLocale.configure()
        clear_history()
        stifle_history(Int32(clamping: history.capacity))
        for entry in history.load() { add_history(entry) }
    }

    deinit {
        if let streams {
            bprl_set_streams(nil, nil)
            fclose(streams.input)
            fclose(streams.output)
        }
    }

    /// Reads a line; nil at end of input. Ctrl-C discards the line being typed and
    /// shows a fresh prompt.
    public func readLine(prompt: String) -> String? {
        while true {
            switch read(prompt: prompt) {
            case .line(let text): return text
            case .interrupted: continue
            case .endOfInput: return nil
            }
        }
    }

    /// Reads a line, reporting Ctrl-C as `.interrupted` (so a REPL can also drop
    /// an unfinished multi-line command).
    public func read(prompt: String) -> LineInput {
        ReadlineBridge.configure()
        bprl_set_streams(streams?.input, streams?.output)
        fflush(nil)  // what the program printed must appear before the prompt

        let session = ReadlineSession(completer: completer)
        ReadlineBridge.active = session
        defer { ReadlineBridge.active = nil }

        // readline passes Ctrl-C on to the program's own handler after cleaning up;
        // ours only sets a flag. Put back whatever was there before when done.
        let savedInterrupt = InterruptFlag.install()
        defer { savedInterrupt.restore() }
        InterruptFlag.clear()

        using_history()         // Up starts from the newest entry again
        rl_reset_screen_size()  // the window may have been resized while we were away
        rl_callback_handler_install(prompt, readlineLineHandler)

        while session.result == nil {
            if InterruptFlag.take() {
                return abandonLine()
            }
            var descriptor = pollfd(fd: inputDescriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, -1)
            if ready < 0 {
                guard errno == EINTR else {
                    rl_callback_handler_remove()
                    return .endOfInput
                }
                handleSignalDuringWait()
                continue
            }
            let hungUp = descriptor.revents & Int16(POLLHUP | POLLERR | POLLNVAL) != 0
            if hungUp && descriptor.revents & Int16(POLLIN) == 0 {
                // The terminal went away with nothing left to read: readline would
                // only be woken again and again.
                rl_callback_handler_remove()
                return .endOfInput
            }
            rl_callback_read_char()
        }
        InterruptFlag.clear()
        let result = session.result ?? .endOfInput
        switch result {
        case .line(let text):
            for line in InputLines.split(text) where history.record(line) {
                add_history(line)
            }
        case .endOfInput:
            // Leave the shell on a fresh line. readline 8.1+ already does so when
            // it switches bracketed paste off at end of input.
            if !LineEditor.readlineSetting("enable-bracketed-paste", is: "on") {
                TerminalOutput.write("\n", to: outputDescriptor)
            }
        case .interrupted:
            break
        }
        return result
    }

    /// A signal interrupted `poll`: readline caught it (its handlers are installed
    /// for the whole read); let it act now. For Ctrl-C that means: forget the line
    /// state, echo `^C`, restore the terminal, call our flag handler, prepare the
    /// terminal again. For a resize: recompute the width and redraw.
    private func handleSignalDuringWait() {
        let signal = rl_pending_signal()
        rl_check_signals()
        if signal == SIGTSTP || signal == SIGTTIN || signal == SIGTTOU {
            // Back from Ctrl-Z / fg: the shell has printed over our line; redraw it.
            rl_on_new_line()
            _ = rl_forced_update_display()
        }
    }

    /// Ctrl-C: throw the edit buffer away and give the terminal back.
    private func abandonLine() -> LineInput {
        rl_free_line_state()
        rl_callback_sigcleanup()
        rl_callback_handler_remove()
        TerminalOutput.write("\n", to: outputDescriptor)
        return .interrupted
    }

    /// Whether a readline variable (`set NAME VALUE` in inputrc) has this value.
    static func readlineSetting(_ name: String, is expected: String) -> Bool {
        guard let value = rl_variable_value(name) else { return false }
        return String(cString: value) == expected
    }

    // MARK: - completion rules (pure, used by the readline callback)

    /// The candidates that complete `word`: those starting with it, without
    /// duplicates, sorted.
    public static func completionMatches(for word: String, from candidates: [String]) -> [String] {
        Array(Set(candidates.filter { $0.hasPrefix(word) && !$0.isEmpty })).sorted()
    }

    /// A unique completion ending like this gets no space after it.
    public static func completionKeepsCursorAttached(_ completion: String) -> Bool {
        guard let last = completion.last else { return false }
        return last == "(" || last == "[" || last == "."
    }
}
