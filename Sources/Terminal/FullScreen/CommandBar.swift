import CReadline
import Glibc

/// The full screen's command line: GNU readline through its callback interface,
/// drawing nothing itself. Keys read by ncurses are re-encoded as the bytes
/// readline expects and fed through `rl_getc_function`; readline's redisplay only
/// records the line and the cursor, which become `.commandLineChanged` messages
/// for the view to draw. Enter gives `.commandEntered` (and a history entry, in
/// the same history file as the REPL), Escape / Ctrl-G / Ctrl-D on an empty line
/// give `.commandCancelled`; after either the bar is closed.
///
/// readline is process-wide state: while the bar is open its hooks are
/// installed; `close()` puts every setting back, so a `LineEditor` (the REPL)
/// works as before. Never read with a `LineEditor` while a bar is open.
final class CommandBar {
    let history: (any LineHistory)?
    var completer: LineEditor.Completer?
    private(set) var isOpen = false
    private var prompt = ""
    private var saved: bprl_saved_settings?
    private var savedBellStyle: String?
    private var session: ReadlineSession?

    init(history: (any LineHistory)?, completer: LineEditor.Completer?) {
        self.history = history
        self.completer = completer
    }

    /// Opens the bar (an open one is first closed) and returns the first
    /// `.commandLineChanged` (an empty line).
    func open(prompt: String) -> [TerminalEvent] {
        if isOpen { close() }
        saved = bprl_save_settings()
        ReadlineBridge.configure()  // name, word breaks, Swift completion
        bprl_set_embedded(commandBarGetc, commandBarInputAvailable, commandBarRedisplay, CommandBarBridge.nullStream)
        savedBellStyle = rl_variable_value("bell-style").map { String(cString: $0) }
        rl_variable_bind("bell-style", "none")  // readline rings on stderr, which is diverted

        let session = ReadlineSession(completer: completer)
        self.session = session
        ReadlineBridge.active = session
        CommandBarBridge.reset()
        self.prompt = prompt

        clear_history()
        if let history {
            stifle_history(Int32(clamping: history.capacity))
            for entry in history.entries { add_history(entry) }
        }
        using_history()
        isOpen = true
        rl_callback_handler_install(prompt, readlineLineHandler)  // reads inputrc the first time
        bprl_bind_cursor_keys()
        return changes()
    }

    /// Feeds one key; returns the messages it caused.
    func feed(_ event: InputEvent) -> [TerminalEvent] {
        guard isOpen else { return [] }
        let bytes: [UInt8]
        switch event {
        case .key(.escape), .key(.control("g")):
            close()
            return [.commandCancelled]
        case .key(let key):
            guard let encoded = KeyMapping.readlineBytes(for: key) else { return [] }
            bytes = encoded
        case .alt(let character):
            bytes = KeyMapping.readlineBytes(alt: character)
        case .resize:
            return []
        }
        CommandBarBridge.queue.append(contentsOf: bytes)
        while isOpen, !CommandBarBridge.queue.isEmpty, let session, session.result == nil {
            rl_callback_read_char()
        }
        CommandBarBridge.queue.removeAll()
        guard let result = session?.result else { return changes() }
        close()
        switch result {
        case .line(let text):
            history?.record(text)
            return [.commandEntered(text)]
        case .endOfInput, .interrupted:
            return [.commandCancelled]
        }
    }

    /// Closes the bar without a message and gives readline its settings back.
    func close() {
        guard isOpen else { return }
        isOpen = false
        if session?.result == nil {
            rl_free_line_state()
            rl_callback_handler_remove()
        }
        // Leave no half-typed line for the next reader.
        rl_replace_line("", 0)
        ReadlineBridge.active = nil
        session = nil
        if let savedBellStyle { rl_variable_bind("bell-style", savedBellStyle) }
        if let saved { bprl_restore_settings(saved) }
        saved = nil
    }

    /// The `.commandLineChanged` for the last redisplay, if it differs from the
    /// last one reported.
    private func changes() -> [TerminalEvent] {
        guard let line = CommandBarBridge.takeChange() else { return [] }
        var text = line.text
        var cursor = line.cursor
        if line.prompt != prompt {
            // Incremental search: readline shows its own prompt; show it in the line.
            text = line.prompt + text
            cursor += DisplayColumns.column(ofByteOffset: Int.max, in: Array(line.prompt.utf8))
        }
        return [.commandLineChanged(text: text, cursor: cursor)]
    }
}

/// Where readline's C callbacks (getc, input-available, redisplay) find the
/// command bar's state. Same reasoning as `ReadlineBridge`: readline calls them
/// only synchronously inside `rl_callback_read_char` / `rl_callback_handler_install`
/// on the thread that runs the screen.
enum CommandBarBridge {
    nonisolated(unsafe) static var queue: [UInt8] = []
    nonisolated(unsafe) static var line: (text: String, cursor: Int, prompt: String)?
    nonisolated(unsafe) static var reported: (text: String, cursor: Int, prompt: String)?
    nonisolated(unsafe) static let nullStream: UnsafeMutablePointer<FILE>? = fopen("/dev/null", "w")

    static func reset() {
        queue = []
        line = nil
        reported = nil
    }

    static func takeChange() -> (text: String, cursor: Int, prompt: String)? {
        guard let line else { return nil }
        if let reported, reported == line { return nil }
        reported = line
        return line
    }
}

private func commandBarGetc(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
    guard !CommandBarBridge.queue.isEmpty else { return EOF }
    return Int32(CommandBarBridge.queue.removeFirst())
}

private func commandBarInputAvailable() -> Int32 {
    CommandBarBridge.queue.isEmpty ? 0 : 1
}

private func commandBarRedisplay() {
    var bytes: [UInt8] = []
    if let buffer = bprl_line_buffer() {
        let count = Int(bprl_end())
        bytes = Array(UnsafeRawBufferPointer(start: buffer, count: max(0, count)))
    }
    let text = String(decoding: bytes, as: UTF8.self)
    let cursor = DisplayColumns.column(ofByteOffset: Int(bprl_point()), in: bytes)
    let prompt = bprl_display_prompt().map { String(cString: $0) } ?? ""
    CommandBarBridge.line = (text, cursor, prompt)
}
