#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import TermCore

/// Buffered standard output and unbuffered standard error, written with
/// write(2) so the two interleave in order (stdout is flushed before stderr).
final class Console {
    private var pending: [UInt8] = []
    let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
    let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    /// Whether diagnostics on stderr may use colour (a terminal, and NO_COLOR unset).
    var colorDiagnostics: Bool {
        let term = Environment.value("TERM") ?? ""
        return stderrIsTerminal && Environment.value("NO_COLOR") == nil && term != "dumb"
    }

    func out(_ text: String) {
        pending.append(contentsOf: text.utf8)
        if pending.count >= 1 << 16 { flush() }
    }

    func line(_ text: String) {
        out(text)
        out("\n")
    }

    func error(_ text: String) {
        flush()
        Descriptor.writeAll(Array(text.utf8), to: STDERR_FILENO)
    }

    func flush() {
        guard !pending.isEmpty else { return }
        Descriptor.writeAll(pending, to: STDOUT_FILENO)
        pending.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}
