import TermCore
import Glibc

/// The few file operations bptutor needs, on Glibc (no Foundation).
/// Every function reports failure by its result and never traps.
public enum FileSystem {
    /// The names in a directory (without "." and ".."); empty when it cannot be read.
    public static func entries(of directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    /// `mkdir -p`: creates `path` and any missing parents with `mode`.
    /// True when the directory exists afterwards.
    @discardableResult
    public static func makeDirectories(_ path: String, mode: mode_t = 0o700) -> Bool {
        guard !path.isEmpty else { return false }
        if isDirectory(path) { return true }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for component in path.split(separator: "/", omittingEmptySubsequences: true) {
            prefix += component
            if mkdir(prefix, mode) != 0 && errno != EEXIST { return false }
            prefix += "/"
        }
        return isDirectory(path)
    }

    public static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The parent directory of `path` ("." for a bare name).
    public static func parentDirectory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        if slash == path.startIndex { return "/" }
        return String(path[..<slash])
    }

    /// The whole file, or nil when it cannot be read.
    public static func readAll(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return readAll(fileDescriptor: fd)
    }

    /// Everything up to end of file from an open descriptor, or nil on a read error.
    static func readAll(fileDescriptor fd: Int32) -> [UInt8]? {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: chunk[0..<count])
            } else if count == 0 {
                return bytes
            } else if errno != EINTR {
                return nil
            }
        }
    }

    /// Appends a line (`text` plus a newline) to a text file, creating it with
    /// `mode` if needed. If the file does not end with a newline (edited by hand,
    /// or cut short), one is added first so the new line stays a line of its own.
    @discardableResult
    public static func appendLine(_ text: String, to path: String, mode: mode_t = 0o600) -> Bool {
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, mode)
        guard fd >= 0 else { return false }
        var bytes = Array(text.utf8)
        bytes.append(UInt8(ascii: "\n"))
        var info = stat()
        if fstat(fd, &info) == 0 && info.st_size > 0 {
            var last: UInt8 = 0
            if pread(fd, &last, 1, info.st_size - 1) == 1 && last != UInt8(ascii: "\n") {
                bytes.insert(UInt8(ascii: "\n"), at: 0)
            }
        }
        let written = Descriptor.writeAll(bytes, to: fd)
        return close(fd) == 0 && written
    }

    /// Replaces the file's contents atomically: writes a temporary file beside it,
    /// then renames it over the old one, so a crash never leaves half a file.
    @discardableResult
    public static func replace(_ path: String, with bytes: [UInt8], mode: mode_t = 0o600) -> Bool {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
        guard fd >= 0 else { return false }
        let written = Descriptor.writeAll(bytes, to: fd)
        guard close(fd) == 0, written, rename(temporary, path) == 0 else {
            unlink(temporary)
            return false
        }
        return true
    }
}
