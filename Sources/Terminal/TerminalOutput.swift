import Glibc
import TermCore

/// Raw writes to the terminal's descriptors.
enum TerminalOutput {
    /// Writes text to a descriptor after flushing C stdio (which Swift's `print`
    /// uses), so raw writes never overtake earlier printed output.
    static func write(_ text: String, to fd: Int32) {
        fflush(nil)
        Descriptor.writeAll(Array(text.utf8), to: fd)
    }
}
