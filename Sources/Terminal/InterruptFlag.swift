import Glibc
import Synchronization

/// Flag-only SIGINT handling: the handler just records that Ctrl-C was pressed,
/// and the code that waits for input (or does long work) polls the flag.
///
/// The handler is installed without `SA_RESTART`, so a blocking `read` or `poll`
/// returns `EINTR` and the caller gets to look at the flag at once.
public enum InterruptFlag {
    /// Installs the flag handler for SIGINT and returns what was there before.
    public static func install() -> SavedSignalAction {
        _ = pending.load(ordering: .relaxed)  // initialise the global outside the handler
        var action = sigaction()
        action.__sigaction_handler.sa_handler = recordInterrupt
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        var previous = sigaction()
        sigaction(SIGINT, &action, &previous)
        return SavedSignalAction(signal: SIGINT, action: previous)
    }

    /// True if Ctrl-C was pressed since the last call; clears the flag.
    public static func take() -> Bool {
        pending.exchange(false, ordering: .acquiringAndReleasing)
    }

    /// Forgets an earlier Ctrl-C.
    public static func clear() {
        pending.store(false, ordering: .releasing)
    }
}

/// A signal's previous disposition, to be put back with `restore()`.
public struct SavedSignalAction: @unchecked Sendable {
    // @unchecked: `sigaction` holds a C function pointer and a sigset_t, plain
    // values that are safe to move between threads but are not marked Sendable.
    let signal: Int32
    let action: sigaction

    public func restore() {
        var action = self.action
        sigaction(signal, &action, nil)
    }
}

/// Lock-free, so it may be written from a signal handler.
private let pending = Atomic<Bool>(false)

private func recordInterrupt(_ signal: Int32) {
    pending.store(true, ordering: .releasing)
}
