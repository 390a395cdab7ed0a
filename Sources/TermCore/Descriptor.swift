import Glibc

/// Raw writes to a file descriptor, shared by the terminal (its crash and signal
/// handlers among them) and the files the tutor keeps.
public enum Descriptor {
    /// Writes `count` bytes, retrying short writes and EINTR. Async-signal-safe: no
    /// allocation, no locks, only `write(2)`. Returns false when a write fails.
    @discardableResult
    public static func writeAll(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Bool {
        var offset = 0
        while offset < count {
            let written = write(fd, bytes + offset, count - offset)
            if written > 0 {
                offset += written
            } else if written < 0 && errno == EINTR {
                continue
            } else {
                return false
            }
        }
        return true
    }

    /// Writes every byte of `bytes` (see the pointer form).
    @discardableResult
    public static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Bool {
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return true }
            return writeAll(fd, base, buffer.count)
        }
    }
}
