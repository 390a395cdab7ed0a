#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered standard output and unbuffered standard error, written with
/// write(2) so the two interleave in order (stdout is flushed before stderr).
final class Console {
    private var pending: [UInt8] = []
    let stdoutIsTerminal = isatty(STDOUT_FILENO) == 1
    let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    /// Whether diagnostics on stderr may use colour (a terminal, and NO_COLOR unset).
    var colorDiagnostics: Bool {
        let term = getenv("TERM").map { String(cString: $0) } ?? ""
        return stderrIsTerminal && getenv("NO_COLOR") == nil && term != "dumb"
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
        Self.writeAll(STDERR_FILENO, Array(text.utf8))
    }

    func flush() {
        guard !pending.isEmpty else { return }
        Self.writeAll(STDOUT_FILENO, pending)
        pending.removeAll(keepingCapacity: true)
    }

    deinit { flush() }

    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
            }
        }
    }
}
