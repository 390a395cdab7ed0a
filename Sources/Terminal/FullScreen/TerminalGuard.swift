import TermCore
import Glibc
import Synchronization

/// Guaranteed restore of the terminal around a full-screen session.
///
/// - Before the screen starts: the terminal modes (`termios`) are saved, flag-only
///   handlers for SIGINT, SIGTERM and SIGHUP are installed (no `SA_RESTART`, so a
///   wait for input returns at once), and handlers for the fatal signals (SIGSEGV,
///   SIGBUS, SIGILL — a Swift trap —, SIGFPE, SIGABRT).
/// - Standard error, when it is the terminal, is diverted into an anonymous file:
///   anything written there (a Swift trap's "Fatal error: ..." message is written
///   *before* the trap) would land on the alternate screen and vanish with it.
///   It is written to the real standard error once the terminal is restored.
/// - A fatal signal restores the terminal with async-signal-safe calls only
///   (`write` of the terminfo strings captured at start, `tcsetattr`), replays
///   what was written to standard error, then hands the signal on to whatever
///   handled it before (the Swift runtime's backtracer, or the default action),
///   so the crash message and exit status still appear.
///
/// One session at a time; every member is used from the thread that runs the
/// screen, except the signal handlers, which only touch the preallocated state
/// below and atomics.
enum TerminalGuard {
    /// Which signals arrived since they were last taken.
    struct Pending: Equatable {
        var interrupts = 0
        var terminations = 0
        var hangUps = 0
        var isEmpty: Bool { interrupts == 0 && terminations == 0 && hangUps == 0 }
    }

    static let flagSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    static let fatalSignals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT]

    /// Saves the terminal modes of `descriptor`, diverts standard error and
    /// installs the signal handlers. `restoreSequence`: the bytes that take the
    /// terminal out of full-screen mode (filled in later by `setRestoreSequence`).
    static func engage(terminal descriptor: Int32) {
        precondition(!active.load(ordering: .acquiring), "one full-screen session at a time")
        prepareStorage()
        state.pointee.terminal = descriptor
        state.pointee.hasModes = tcgetattr(descriptor, &state.pointee.modes) == 0
        state.pointee.restoreCount = 0
        divertStandardError()
        for (i, signal) in flagSignals.enumerated() {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = recordSignal
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0  // no SA_RESTART: poll/read return EINTR
            sigaction(signal, &action, state.pointee.savedFlagActions! + i)
        }
        installAlternateStack()
        for (i, signal) in fatalSignals.enumerated() {
            var action = sigaction()
            action.__sigaction_handler.sa_sigaction = fatalSignalHandler
            sigemptyset(&action.sa_mask)
            action.sa_flags = SA_SIGINFO | SA_ONSTACK
            sigaction(signal, &action, state.pointee.savedFatalActions! + i)
        }
        _ = take()
        active.store(true, ordering: .releasing)
    }

    /// The bytes a crash handler writes to leave full-screen mode: reset
    /// attributes, show the cursor, keypad off, leave the alternate screen.
    /// Call after the terminal is known (terminfo loaded).
    static func setRestoreSequence(_ bytes: [UInt8]) {
        let count = min(bytes.count, RestoreState.restoreCapacity)
        withUnsafeMutableBytes(of: &state.pointee.restoreBytes) { buffer in
            for i in 0..<count { buffer[i] = bytes[i] }
        }
        state.pointee.restoreCount = count
    }

    /// Normal end of a session, after ncurses has left the screen (endwin): puts
    /// back the saved terminal modes exactly, standard error and the signal
    /// handlers. Returns false when the session had already been ended (by a
    /// fatal signal).
    @discardableResult
    static func disengage() -> Bool {
        guard active.exchange(false, ordering: .acquiringAndReleasing) else { return false }
        restoreModes()
        restoreStandardError()
        for (i, signal) in fatalSignals.enumerated() {
            sigaction(signal, state.pointee.savedFatalActions! + i, nil)
        }
        for (i, signal) in flagSignals.enumerated() {
            sigaction(signal, state.pointee.savedFlagActions! + i, nil)
        }
        return true
    }

    static var isEngaged: Bool { active.load(ordering: .acquiring) }

    /// The signals that arrived since the last call (and clears them).
    static func take() -> Pending {
        Pending(interrupts: interrupts.exchange(0, ordering: .acquiringAndReleasing),
                terminations: terminations.exchange(0, ordering: .acquiringAndReleasing),
                hangUps: hangUps.exchange(0, ordering: .acquiringAndReleasing))
    }

    // MARK: - state reachable from signal handlers

    struct RestoreState {
        static let restoreCapacity = 256
        var terminal: Int32 = -1
        var modes = termios()
        var hasModes = false
        var restoreBytes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                           UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                           UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                           UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
            = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var restoreCount = 0
        /// The real standard error while it is diverted, else -1.
        var savedStandardError: Int32 = -1
        /// The file standard error is diverted into, else -1.
        var capture: Int32 = -1
        var savedFlagActions: UnsafeMutablePointer<sigaction>?
        var savedFatalActions: UnsafeMutablePointer<sigaction>?
        var copyBuffer: UnsafeMutableRawPointer?
    }

    /// Allocated once and never freed: signal handlers must not allocate or
    /// touch reference counts, so they only read this memory.
    nonisolated(unsafe) static let state: UnsafeMutablePointer<RestoreState> = {
        let pointer = UnsafeMutablePointer<RestoreState>.allocate(capacity: 1)
        pointer.initialize(to: RestoreState())
        pointer.pointee.copyBuffer = UnsafeMutableRawPointer.allocate(byteCount: 4096, alignment: 16)
        let flags = UnsafeMutablePointer<sigaction>.allocate(capacity: 3)
        flags.initialize(repeating: sigaction(), count: 3)
        let fatal = UnsafeMutablePointer<sigaction>.allocate(capacity: 5)
        fatal.initialize(repeating: sigaction(), count: 5)
        pointer.pointee.savedFlagActions = flags
        pointer.pointee.savedFatalActions = fatal
        return pointer
    }()

    static let active = Atomic<Bool>(false)
    static let interrupts = Atomic<Int>(0)
    static let terminations = Atomic<Int>(0)
    static let hangUps = Atomic<Int>(0)
    nonisolated(unsafe) static var alternateStack: UnsafeMutableRawPointer?

    /// Touches every global once outside any signal handler (lazy initialisation).
    private static func prepareStorage() {
        _ = state
        _ = active.load(ordering: .relaxed)
        _ = interrupts.load(ordering: .relaxed)
        _ = terminations.load(ordering: .relaxed)
        _ = hangUps.load(ordering: .relaxed)
    }

    /// A stack for the fatal handlers, so a stack overflow (SIGSEGV on the guard
    /// page) can still restore the terminal. Kept if one is already set up.
    private static func installAlternateStack() {
        var current = stack_t()
        guard sigaltstack(nil, &current) == 0, current.ss_flags & Int32(SS_DISABLE) != 0 else { return }
        let size = 64 * 1024
        if alternateStack == nil {
            alternateStack = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        }
        var stack = stack_t(ss_sp: alternateStack, ss_flags: 0, ss_size: size)
        sigaltstack(&stack, nil)
    }

    // MARK: - standard error

    private static func divertStandardError() {
        state.pointee.savedStandardError = -1
        state.pointee.capture = -1
        guard isatty(STDERR_FILENO) == 1 else { return }
        var template = Array((tempDirectory() + "/bptutor-stderr-XXXXXX").utf8CString)
        let capture = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard capture >= 0 else { return }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        let saved = dup(STDERR_FILENO)
        guard saved >= 0, dup2(capture, STDERR_FILENO) >= 0 else {
            if saved >= 0 { close(saved) }
            close(capture)
            return
        }
        state.pointee.savedStandardError = saved
        state.pointee.capture = capture
    }

    private static func tempDirectory() -> String {
        if let dir = Environment.value("TMPDIR"), dir.hasPrefix("/") { return dir }
        return "/tmp"
    }
}

// MARK: - async-signal-safe pieces (no allocation, no Swift runtime calls)

extension TerminalGuard {
    static func restoreModes() {
        let s = state
        if s.pointee.hasModes {
            _ = tcsetattr(s.pointee.terminal, TCSADRAIN, &s.pointee.modes)
        }
    }

    /// Puts standard error back and writes to it what was captured meanwhile.
    static func restoreStandardError() {
        let s = state
        let saved = s.pointee.savedStandardError
        let capture = s.pointee.capture
        guard saved >= 0 else { return }
        _ = dup2(saved, STDERR_FILENO)
        close(saved)
        s.pointee.savedStandardError = -1
        s.pointee.capture = -1
        guard capture >= 0, let buffer = s.pointee.copyBuffer else { return }
        _ = lseek(capture, 0, SEEK_SET)
        while true {
            let count = read(capture, buffer, 4096)
            if count <= 0 { break }
            Descriptor.writeAll(STDERR_FILENO, buffer, count)
        }
        close(capture)
    }

    /// Leaves full-screen mode without ncurses: only for a crash.
    static func emergencyRestore() {
        guard active.exchange(false, ordering: .acquiringAndReleasing) else { return }
        let s = state
        let count = s.pointee.restoreCount
        if count > 0 {
            withUnsafeBytes(of: &s.pointee.restoreBytes) { buffer in
                _ = Descriptor.writeAll(s.pointee.terminal, buffer.baseAddress!, count)
            }
        }
        restoreModes()
        restoreStandardError()
    }
}

private func recordSignal(_ signal: Int32) {
    switch signal {
    case SIGINT: TerminalGuard.interrupts.add(1, ordering: .releasing)
    case SIGTERM: TerminalGuard.terminations.add(1, ordering: .releasing)
    default: TerminalGuard.hangUps.add(1, ordering: .releasing)
    }
}

/// Restores the terminal, then gives the signal to its previous handler (the
/// Swift runtime's backtracer) or its default action (core dump / exit status).
private func fatalSignalHandler(_ signal: Int32, _ info: UnsafeMutablePointer<siginfo_t>?,
                                _ context: UnsafeMutableRawPointer?) {
    let errnoSaved = errno
    TerminalGuard.emergencyRestore()
    let s = TerminalGuard.state
    var index = 0
    while index < TerminalGuard.fatalSignalCount && TerminalGuard.fatalSignal(at: index) != signal { index += 1 }
    if index < TerminalGuard.fatalSignalCount, let saved = s.pointee.savedFatalActions {
        _ = sigaction(signal, saved + index, nil)
    } else {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = nil
        _ = sigaction(signal, &action, nil)
    }
    errno = errnoSaved
    // A fault (si_code > 0) happens again when the handler returns, now going to
    // the previous handler. A signal sent by kill/raise/abort must be sent again;
    // it is blocked until this handler returns.
    if let info, info.pointee.si_code <= 0 {
        _ = raise(signal)
    }
}

extension TerminalGuard {
    static let fatalSignalCount = 5
    @inline(__always) static func fatalSignal(at index: Int) -> Int32 {
        switch index {
        case 0: SIGSEGV
        case 1: SIGBUS
        case 2: SIGILL
        case 3: SIGFPE
        default: SIGABRT
        }
    }
}
