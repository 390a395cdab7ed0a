import CReadline
import Glibc

/// Where readline's C callbacks find the Swift state of the line being read.
///
/// Why a `nonisolated(unsafe)` global is safe here: GNU readline is a
/// single-threaded C library with process-wide state. Its callbacks (the line
/// handler, attempted completion and the match generator) run only
/// synchronously, inside `rl_callback_read_char()`, on the thread that is
/// executing `LineEditor.read(prompt:)`. That method sets `active` before it
/// installs the handler and clears it before returning, and nothing else touches
/// it, so every access happens on that one thread, one at a time. Reading lines
/// from two threads at once would be wrong regardless of Swift, since readline
/// itself has one edit buffer and one terminal.
enum ReadlineBridge {
    nonisolated(unsafe) static var active: ReadlineSession?

    /// Strings readline keeps pointers to for the life of the process.
    nonisolated(unsafe) private static let readlineName = strdup("bptutor")
    nonisolated(unsafe) private static let wordBreaks = strdup(LineEditor.wordBreakCharacters)

    /// Readline's global settings. Cheap, so it is done before every line
    /// (another library could have changed them in between).
    static func configure() {
        bprl_set_readline_name(readlineName)
        bprl_set_word_break_characters(wordBreaks)
        bprl_set_attempted_completion_function(attemptCompletion)
        bprl_set_signal_policy()
    }
}

/// The state of one `LineEditor.read(prompt:)` call, shared with the callbacks.
final class ReadlineSession {
    let completer: LineEditor.Completer?
    var result: LineInput?
    var matches: [String] = []
    var nextMatch = 0

    init(completer: LineEditor.Completer?) {
        self.completer = completer
    }
}

/// Called by readline with the finished line (malloc'd, ours to free) or NULL at
/// end of input. Removing the handler here stops readline from printing the
/// prompt again for a next line; `LineEditor` installs it anew for each line.
func readlineLineHandler(_ line: UnsafeMutablePointer<CChar>?) {
    rl_callback_handler_remove()
    let session = ReadlineBridge.active
    if let line {
        session?.result = .line(String(cString: line))
        free(line)
    } else {
        session?.result = .endOfInput
    }
}

/// readline's `rl_attempted_completion_function`: asks the Swift completer for
/// candidates and hands them to `rl_completion_matches`, which works out the
/// common prefix. Never falls back to readline's file-name completion.
private func attemptCompletion(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    bprl_set_attempted_completion_over(1)
    guard let text, let session = ReadlineBridge.active, let completer = session.completer else {
        return nil
    }
    let word = String(cString: text)
    var lineBefore = ""
    if start > 0, let buffer = bprl_line_buffer() {
        let bytes = UnsafeRawBufferPointer(start: buffer, count: Int(start))
        lineBefore = String(decoding: bytes, as: UTF8.self)
    }
    let matches = LineEditor.completionMatches(for: word, from: completer(word, lineBefore))
    guard !matches.isEmpty else { return nil }
    if matches.count == 1, LineEditor.completionKeepsCursorAttached(matches[0]) {
        bprl_set_completion_suppress_append(1)
    }
    session.matches = matches
    session.nextMatch = 0
    return rl_completion_matches(text, nextCompletionMatch)
}

/// The generator `rl_completion_matches` calls with state 0, 1, 2, ... until NULL.
/// Each match is returned malloc'd; readline frees it.
private func nextCompletionMatch(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    guard let session = ReadlineBridge.active else { return nil }
    if state == 0 { session.nextMatch = 0 }
    guard session.nextMatch < session.matches.count else { return nil }
    defer { session.nextMatch += 1 }
    return strdup(session.matches[session.nextMatch])
}
