@preconcurrency import CNcurses
import Glibc
import TermCore

/// The terminal as a full screen, with ncurses: draws `ScreenBuffer`s (only the
/// cells that changed since the last frame) and reads keys.
///
/// Start it with `FullScreen.start()`; nil means no full screen is possible
/// (not a terminal, `TERM` unset or `dumb`, or unknown to terminfo) and the
/// caller should fall back to plain line mode. `stop()` gives the terminal back
/// exactly as it was (also done on a crash; see `TerminalGuard`).
///
/// One screen at a time, used from one thread.
public final class FullScreen {
    /// Colours may be used (the terminal has them and `NO_COLOR` is not set).
    public let colors: Bool
    /// The locale is UTF-8: box drawing, braille and Greek letters can be drawn.
    /// When false the view should use ASCII.
    public let unicode: Bool

    private var screen: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var input: UnsafeMutablePointer<FILE>?
    private var output: UnsafeMutablePointer<FILE>?
    private var previous: ScreenBuffer?
    private var pairs: [UInt16: Int16] = [:]
    private var nextPair: Int16 = 1
    private let colorCount: Int32
    private let pairLimit: Int32
    private var cursorVisible: Int32 = -1

    /// Starts full-screen mode on standard input and output, or returns nil
    /// (nothing changed) when that is not possible.
    /// Nil too while another `FullScreen` is running.
    /// - Parameter info: what `TerminalInfo.current()` reports; tests pass their own.
    public static func start(info: TerminalInfo = .current()) -> FullScreen? {
        guard info.isInteractive, let term = info.term, !TerminalGuard.isEngaged else { return nil }
        let locale = TerminalLocale.configure()
        return FullScreen(term: term, noColor: info.noColor, unicode: locale.isUTF8)
    }

    private init?(term: String, noColor: Bool, unicode: Bool) {
        TerminalGuard.engage(terminal: STDOUT_FILENO)
        // Private streams on duplicates, so ncurses never shares stdio's buffers.
        let output = fdopen(dup(STDOUT_FILENO), "w")
        let input = fdopen(dup(STDIN_FILENO), "r")
        guard let output, let input, let screen = newterm(term, output, input) else {
            if let output { fclose(output) }
            if let input { fclose(input) }
            TerminalGuard.disengage()
            return nil
        }
        self.screen = screen
        self.input = input
        self.output = output
        self.unicode = unicode
        set_term(screen)
        TerminalGuard.setRestoreSequence(FullScreen.restoreSequence())

        raw()  // Ctrl-C, Ctrl-Z, Ctrl-S, Ctrl-Q arrive as keys (the loop handles them)
        noecho()
        nonl()
        set_escdelay(25)
        var useColors = false
        if !noColor && has_colors() {
            useColors = start_color() == OK
            if useColors { _ = use_default_colors() }
        }
        self.colors = useColors
        colorCount = useColors ? bpnc_colors() : 0
        pairLimit = useColors ? bpnc_color_pairs() : 0

        let window = newwin(0, 0, 0, 0)
        self.window = window
        keypad(window, true)
        meta(window, true)
        wtimeout(window, 50)
        leaveok(window, false)
        _ = curs_set(0)
        cursorVisible = 0
    }

    deinit { stop() }

    /// The terminal's size now (columns, rows).
    public var size: (width: Int, height: Int) {
        var rows: Int32 = 0, cols: Int32 = 0
        if let window { bpnc_getmaxyx(window, &rows, &cols) }
        return (Int(cols), Int(rows))
    }

    /// True until `stop()`.
    public var isRunning: Bool { screen != nil }

    /// Ends full-screen mode: blanks the screen (so no frame is left behind on
    /// terminals without an alternate screen), leaves curses mode, puts back the
    /// terminal modes saved at start, standard error (with anything written to it
    /// meanwhile) and the signal handlers. Safe to call more than once.
    public func stop() {
        guard let screen else { return }
        if TerminalGuard.isEngaged {
            _ = curs_set(1)
            if let window { delwin(window) }
            clear()
            refresh()
            endwin()
        }
        TerminalGuard.disengage()
        delscreen(screen)
        self.screen = nil
        window = nil
        if let output { fclose(output) }
        if let input { fclose(input) }
        output = nil
        input = nil
    }

    // MARK: - drawing

    /// Shows `buffer`: draws the cells that differ from the last frame, then
    /// places (or hides) the cursor. A buffer of another size than the screen is
    /// clipped / padded.
    public func draw(_ buffer: ScreenBuffer) {
        guard let window, isRunning else { return }
        let (width, height) = size
        var frame = buffer
        if buffer.width != width || buffer.height != height {
            frame = ScreenBuffer(width: width, height: height)
            for y in 0..<min(height, buffer.height) {
                for x in 0..<min(width, buffer.width) { frame[x, y] = buffer[x, y] }
            }
            frame.cursor = buffer.cursor
        }
        if previous == nil || previous!.width != width || previous!.height != height {
            werase(window)
            clearok(window, true)
        }
        for run in CellDiff.runs(from: previous, to: frame) {
            var x = run.x
            while x < run.x + run.count {
                let cell = frame[x, run.y]
                if cell != .continuation { put(cell, x: x, y: run.y) }
                x += 1
            }
        }
        previous = frame
        if let cursor = frame.cursor, cursor.x >= 0, cursor.y >= 0, cursor.x < width, cursor.y < height {
            setCursor(visible: true)
            wmove(window, Int32(cursor.y), Int32(cursor.x))
        } else {
            setCursor(visible: false)
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// Forgets the last frame: the next `draw` repaints everything (after a
    /// resize, or when something else wrote to the terminal).
    public func invalidate() {
        previous = nil
    }

    private func setCursor(visible: Bool) {
        let wanted: Int32 = visible ? 1 : 0
        guard wanted != cursorVisible else { return }
        _ = curs_set(wanted)
        cursorVisible = wanted
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        guard let window else { return }
        var attributes = bpnc_A_NORMAL()
        if cell.style.contains(.bold) { attributes |= bpnc_A_BOLD() }
        if cell.style.contains(.dim) { attributes |= bpnc_A_DIM() }
        if cell.style.contains(.reverse) { attributes |= bpnc_A_REVERSE() }
        if cell.style.contains(.underline) { attributes |= bpnc_A_UNDERLINE() }
        var pair: Int16 = 0
        if colors {
            let (p, extra) = colorPair(foreground: cell.foreground, background: cell.background)
            pair = p
            attributes |= extra
        } else if cell.foreground == .gray {
            attributes |= bpnc_A_DIM()
        }
        var characters = [wchar_t](repeating: 0, count: Int(CCHARW_MAX) + 1)
        var count = 0
        for scalar in cell.text.unicodeScalars where count < Int(CCHARW_MAX) {
            // Control characters would move the cursor: never draw them.
            characters[count] = scalar.value < 0x20 || scalar.value == 0x7F ? 0x20 : wchar_t(scalar.value)
            count += 1
        }
        if count == 0 { characters[0] = 0x20 }
        var glyph = cchar_t()
        setcchar(&glyph, characters, attributes, pair, nil)
        mvwadd_wch(window, Int32(y), Int32(x), &glyph)
    }

    /// The colour pair for these colours, made on first use. When the terminal
    /// has run out of pairs, the foreground alone is kept (or nothing).
    private func colorPair(foreground: CellColor, background: CellColor) -> (Int16, attr_t) {
        if foreground == .standard && background == .standard { return (0, 0) }
        var extra: attr_t = 0
        if foreground == .gray && colorCount < 16 { extra |= bpnc_A_DIM() }
        let key = UInt16(foreground.rawValue) << 8 | UInt16(background.rawValue)
        if let pair = pairs[key] { return (pair, extra) }
        guard Int32(nextPair) < pairLimit else {
            return background == .standard ? (0, extra) : colorPair(foreground: foreground, background: .standard)
        }
        let pair = nextPair
        init_pair(pair, cursesColor(foreground), cursesColor(background))
        pairs[key] = pair
        nextPair += 1
        return (pair, extra)
    }

    private func cursesColor(_ color: CellColor) -> Int16 {
        switch color {
        case .standard: return -1
        case .red: return Int16(COLOR_RED)
        case .green: return Int16(COLOR_GREEN)
        case .yellow: return Int16(COLOR_YELLOW)
        case .blue: return Int16(COLOR_BLUE)
        case .magenta: return Int16(COLOR_MAGENTA)
        case .cyan: return Int16(COLOR_CYAN)
        case .white: return Int16(COLOR_WHITE)
        case .gray: return colorCount >= 16 ? 8 : Int16(COLOR_WHITE)
        }
    }

    // MARK: - input

    /// Waits up to `timeout` milliseconds for a key. Nil on timeout or when a
    /// signal interrupted the wait.
    func readEvent(timeout milliseconds: Int32) -> InputEvent? {
        guard let window else { return nil }
        wtimeout(window, milliseconds)
        var value: wint_t = 0
        let status = wget_wch(window, &value)
        if status == KEY_CODE_YES {
            let event = KeyMapping.event(keyCode: Int32(value))
            if event == .resize { handleResize() }
            return event
        }
        guard status == OK else { return nil }
        if value == 27 {
            // Escape: alone, or the first half of Alt+key when a key follows at once.
            wtimeout(window, 0)
            var next: wint_t = 0
            let nextStatus = wget_wch(window, &next)
            if nextStatus == OK, next >= 0x20, next != 0x7F, let scalar = Unicode.Scalar(UInt32(next)) {
                return .alt(Character(scalar))
            }
            if nextStatus == OK {
                unget_wch(wchar_t(next))
            } else if nextStatus == KEY_CODE_YES {
                ungetch(Int32(next))
            }
            return .key(.escape)
        }
        return KeyMapping.key(character: UInt32(value)).map { .key($0) }
    }

    private func handleResize() {
        guard let window else { return }
        let lines = bpnc_lines(), cols = bpnc_cols()
        wresize(window, lines, cols)
        invalidate()
    }

    /// Ctrl-Z: gives the terminal back, stops the process, and takes the screen
    /// again when the shell continues it.
    func suspend() {
        guard isRunning else { return }
        def_prog_mode()
        endwin()
        TerminalGuard.restoreModes()
        kill(getpid(), SIGSTOP)
        reset_prog_mode()
        invalidate()
        refresh()
    }

    // MARK: - restore bytes

    /// What a crash handler writes to leave full-screen mode without ncurses.
    private static func restoreSequence() -> [UInt8] {
        var bytes: [UInt8] = [0x18]  // CAN: abandons an escape sequence cut off by the crash
        for name in ["sgr0", "cnorm", "rmkx", "rmcup"] {
            guard let value = bpnc_tigetstr(name) else { continue }
            bytes += Array(String(cString: value).utf8)
        }
        return bytes
    }
}
