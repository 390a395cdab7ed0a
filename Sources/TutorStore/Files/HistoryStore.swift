/// The REPL's command history: the entries in memory and, optionally, a file
/// that keeps them between sessions.
///
/// File format: one entry per line, oldest first, UTF-8 (the same plain format
/// GNU readline's `write_history` uses without timestamps). Entries never
/// contain a newline: the REPL records each line of a pasted block separately.
///
/// Writing is best effort. If the directory cannot be created or the file cannot
/// be written, the history still works in memory and nothing is reported.
/// Each new entry is appended (so several sessions at once interleave instead of
/// overwriting each other); when the file has grown past `capacity` plus a
/// quarter, it is rewritten atomically with its newest `capacity` entries.
public final class HistoryStore {
    /// The file, or nil for a history that lives only in memory.
    public let path: String?
    /// At most this many entries are kept, in memory and in the file.
    public let capacity: Int
    /// The entries, oldest first.
    public private(set) var entries: [String] = []

    private var linesInFile = 0

    /// A history kept in `path` (nil: memory only). Call `load()` to read the file.
    public init(path: String?, capacity: Int = 1000) {
        self.path = path
        self.capacity = max(1, capacity)
    }

    /// The user's history file, `$XDG_DATA_HOME/bptutor/history`, or a memory-only
    /// history when no home directory can be found.
    public static func standard(capacity: Int = 1000) -> HistoryStore {
        HistoryStore(path: XDGPaths.historyFile, capacity: capacity)
    }

    /// Reads the file (a missing or unreadable file is an empty history) and keeps
    /// its newest `capacity` entries. Returns the entries.
    @discardableResult
    public func load() -> [String] {
        guard let path, let bytes = FileSystem.readAll(path) else {
            entries = []
            linesInFile = 0
            return entries
        }
        let lines = HistoryStore.parse(bytes)
        linesInFile = lines.count
        entries = HistoryStore.withoutConsecutiveDuplicates(lines).suffix(capacity).map { $0 }
        if lines.count > capacity { compact() }
        return entries
    }

    /// Records one line typed by the user. Blank lines, lines with a newline, and
    /// a repeat of the newest entry are skipped. Returns true when it was added.
    @discardableResult
    public func record(_ line: String) -> Bool {
        guard !line.allSatisfy(\.isWhitespace),
              !line.contains(where: \.isNewline),
              line != entries.last
        else { return false }
        entries.append(line)
        if entries.count > capacity { entries.removeFirst(entries.count - capacity) }
        persist(line)
        return true
    }

    // MARK: - file

    private func persist(_ line: String) {
        guard let path else { return }
        FileSystem.makeDirectories(FileSystem.parentDirectory(of: path))
        guard FileSystem.appendLine(line, to: path) else { return }
        linesInFile += 1
        if linesInFile > capacity + capacity / 4 { compact() }
    }

    /// Rewrites the file with its newest `capacity` entries. Re-reads it first so
    /// entries appended by another session running at the same time are kept.
    private func compact() {
        guard let path else { return }
        let current = FileSystem.readAll(path).map(HistoryStore.parse) ?? entries
        let kept = Array(HistoryStore.withoutConsecutiveDuplicates(current).suffix(capacity))
        let text = kept.map { $0 + "\n" }.joined()
        if FileSystem.replace(path, with: Array(text.utf8)) {
            linesInFile = kept.count
        }
    }

    static func parse(_ bytes: [UInt8]) -> [String] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).compactMap { slice in
            var line = String(decoding: slice, as: UTF8.self)
            if line.hasSuffix("\r") { line.removeLast() }
            return line.allSatisfy(\.isWhitespace) ? nil : line
        }
    }

    static func withoutConsecutiveDuplicates(_ lines: [String]) -> [String] {
        var result: [String] = []
        result.reserveCapacity(lines.count)
        for line in lines where line != result.last { result.append(line) }
        return result
    }
}
