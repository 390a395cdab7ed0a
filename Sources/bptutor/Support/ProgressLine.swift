#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropCore
import Synchronization

/// The progress line a long training run shows on a terminal's stderr:
/// `epoch 1200/20000  loss 0.012345  8,000 epochs/s  (Ctrl-C stops, keeping the weights)`,
/// only after the run has lasted a moment, at most ten times a second, erased at the end.
final class ProgressLine: Sendable {
    private struct State {
        var start: Double?
        var lastDraw = 0.0
        var drawn = false
    }

    private let state = Mutex(State())

    /// Draws (or skips) a progress update.
    func update(_ p: TrainingProgress) {
        let now = Self.now()
        let text: String? = state.withLock { s in
            if s.start == nil || p.epoch == 0 { s.start = now }
            guard now - s.start! > 0.3, now - s.lastDraw >= 0.1 else { return nil }
            s.lastDraw = now
            s.drawn = true
            let rate = Double(p.epoch) / max(now - s.start!, 1e-9)
            return "\r\u{1B}[K  epoch \(p.epoch)/\(p.epochs)  loss \(NumberFormat().format(p.loss))  "
                + "\(Int(rate)) epochs/s  (Ctrl-C stops, keeping the weights)"
        }
        if let text { Self.write(text) }
    }

    /// Erases the line if one was drawn, and forgets the run.
    func finish() {
        let drawn = state.withLock { s in
            defer { s = State() }
            return s.drawn
        }
        if drawn { Self.write("\r\u{1B}[K") }
    }

    private static func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBufferPointer { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }

    private static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
