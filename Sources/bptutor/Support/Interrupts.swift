import Synchronization
import Terminal

/// Ctrl-C while commands run: the flag handler (no SA_RESTART) records it, long
/// work (training, the perceptron) polls it and stops keeping what it reached,
/// and the runner stops between statements.
enum Interrupts {
    private static let seen = Atomic<Bool>(false)

    /// Installs the flag handler; call `restore()` on the result when done.
    static func begin() -> SavedSignalAction {
        InterruptFlag.clear()
        seen.store(false, ordering: .releasing)
        return InterruptFlag.install()
    }

    /// Whether Ctrl-C was pressed since `begin()` (stays true once seen).
    @Sendable static func poll() -> Bool {
        if InterruptFlag.take() { seen.store(true, ordering: .releasing) }
        return seen.load(ordering: .acquiring)
    }
}
