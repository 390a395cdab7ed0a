#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streams a text file line by line (without its line terminator), so a large
/// data file is read once and never held whole in memory.
public enum TextFileLines {
    public enum Failure: Error {
        case cannotOpen(reason: String)
    }

    /// Calls `body` with each line's UTF-8 bytes. `body` may throw to stop.
    public static func forEach<E: Error>(path: String,
                                  _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> Void) throws(E) -> Failure? {
        guard let file = fopen(path, "r") else {
            return .cannotOpen(reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var isDirectory = stat()
        if fstat(fileno(file), &isDirectory) == 0, (isDirectory.st_mode & S_IFMT) == S_IFDIR {
            return .cannotOpen(reason: "it is a directory")
        }
        var buffer: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(buffer) }
        while true {
            let n = getline(&buffer, &capacity, file)
            if n < 0 { break }
            var length = n
            while length > 0, buffer![length - 1] == 10 || buffer![length - 1] == 13 { length -= 1 }
            let bytes = UnsafeRawPointer(buffer!).assumingMemoryBound(to: UInt8.self)
            try body(UnsafeBufferPointer(start: bytes, count: length))
        }
        // getline's -1 is also how a read error ends: never take a cut-off file for a whole one.
        if ferror(file) != 0 { return .cannotOpen(reason: "a read error: " + String(cString: strerror(errno))) }
        return nil
    }

    /// `path` as given when absolute, else relative to `base` (a directory) when there is one.
    public static func resolve(_ path: String, relativeTo base: String?) -> String {
        guard !path.hasPrefix("/"), let base, !base.isEmpty else { return path }
        return base.hasSuffix("/") ? base + path : base + "/" + path
    }
}
