import TermCore
import Glibc

/// Each student's saved progress per lesson: one file per (lesson, variant) in a
/// directory, by default `$XDG_DATA_HOME/bptutor/progress`.
///
/// File names: see `ProgressFileName`; contents: see `ProgressFormat`.
///
/// **Atomic saves.** `save` writes the whole record to a new temporary file in the
/// same directory (`.tmp-<pid>-<random>`, created exclusively with mode 0600), flushes
/// it to the disk (`fsync`), and renames it over the record's file; then it flushes the
/// directory so the rename itself is durable. rename(2) within one file system replaces
/// the name in one step: every reader, and the file system after a crash, sees either
/// the old complete file or the new complete file, never a mixture or a short file. If
/// anything fails (the disk is full, the directory is read-only), the temporary file is
/// removed and the old record stays as it was. A process killed mid-save leaves at most a
/// hidden temporary file, which no read ever looks at; later saves remove such leftovers
/// once their process is gone (or after an hour).
///
/// **Damaged files.** A file that cannot be read or parsed is never half used: `load`
/// returns nil for it (as if nothing were saved, so the lesson starts over and the next
/// save replaces it) and `scan` reports it in `problems`. Nothing here traps.
///
/// **Variants.** A lesson's records are kept apart by variant: nil (the default numbers)
/// and every `--seed` student id have their own file. `reset(lessonID:variant:)` removes
/// exactly one of them (nil: the default numbers' record only, as in `load` and `save`);
/// `resetAllVariants(lessonID:)` removes all of a lesson's records.
///
/// A store made with a nil directory (no home directory could be found) saves nothing:
/// `save` and `reset` return false, `load` nil, `all` nothing.
///
/// Not thread-safe (`lastError`); use one store per thread. Several stores, threads or
/// processes saving at once are safe for the files: the last rename wins, whole.
public final class ProgressStore {
    /// The directory holding the records (created on the first save), or nil.
    public let directory: String?
    /// Why the last `save` or `reset` failed (nil after one that succeeded).
    public private(set) var lastError: String?

    /// Temporary files older than this are removed whoever made them.
    static let staleTemporaryAge: Int = 3600
    /// Larger files are not progress files.
    static let maximumFileSize = 16 << 20

    public init(directory: String?) {
        self.directory = directory
    }

    /// The user's store, `$XDG_DATA_HOME/bptutor/progress` (see `standardDirectory`).
    public static func standard() -> ProgressStore {
        ProgressStore(directory: standardDirectory)
    }

    /// `<XDG data home>/bptutor/progress`, or nil when no home directory can be found.
    public static var standardDirectory: String? {
        XDGPaths.applicationDataDirectory.map { XDGPaths.join($0, "progress") }
    }

    /// The file that holds (or would hold) a record; nil without a directory or for an empty lesson id.
    public func path(lessonID: String, variant: String?) -> String? {
        guard let directory, !lessonID.isEmpty else { return nil }
        return XDGPaths.join(directory, ProgressFileName.name(lessonID: lessonID, variant: variant))
    }

    // MARK: - reading

    /// The saved progress of one lesson and variant; nil when there is none or its
    /// file is damaged (see `scan` for why).
    public func load(lessonID: String, variant: String?) -> LessonProgress? {
        guard let path = path(lessonID: lessonID, variant: variant),
              case .success(let p) = Self.readRecord(path),
              p.lessonID == lessonID, p.variant == variant
        else { return nil }
        return p
    }

    /// Every saved record, sorted by lesson id, then variant (the default numbers first).
    public func all() -> [LessonProgress] { scan().records }

    /// What `scan` found: the records, and the files that were ignored.
    public struct Scan: Sendable, Equatable {
        /// Sorted by lesson id, then variant (nil first).
        public var records: [LessonProgress]
        /// Files named like records that could not be used, sorted by path.
        public var problems: [ProgressFileProblem]
    }

    /// Reads every record in the directory. Damaged files are left out of `records`
    /// and reported in `problems`; hidden files (temporary files) and files not named
    /// `*.json` are not looked at.
    public func scan() -> Scan {
        guard let directory else { return Scan(records: [], problems: []) }
        var records: [LessonProgress] = []
        var problems: [ProgressFileProblem] = []
        for name in FileSystem.entries(of: directory).sorted() where Self.isRecordName(name) {
            let path = XDGPaths.join(directory, name)
            switch Self.readRecord(path) {
            case .success(let p):
                if ProgressFileName.name(lessonID: p.lessonID, variant: p.variant) == name {
                    records.append(p)
                } else {
                    problems.append(ProgressFileProblem(path: path, reason: .misnamed))
                }
            case .failure(let reason):
                problems.append(ProgressFileProblem(path: path, reason: reason))
            }
        }
        records.sort { a, b in
            if a.lessonID != b.lessonID { return a.lessonID < b.lessonID }
            switch (a.variant, b.variant) {
            case (nil, nil): return false
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x < y
            }
        }
        return Scan(records: records, problems: problems)
    }

    // MARK: - writing

    /// Saves a record atomically, replacing the lesson and variant's previous one.
    /// False (and `lastError` says why) when it could not be saved; the previous
    /// record is then untouched.
    @discardableResult
    public func save(_ p: LessonProgress) -> Bool {
        guard let directory else { return fail("no data directory (neither XDG_DATA_HOME nor HOME is set)") }
        guard let target = path(lessonID: p.lessonID, variant: p.variant) else {
            return fail("a lesson id cannot be empty")
        }
        guard FileSystem.makeDirectories(directory) else {
            return fail("cannot create \(directory): \(Self.errnoMessage())")
        }
        removeStaleTemporaries(in: directory)
        guard let (temporary, fd) = Self.createTemporary(in: directory) else {
            return fail("cannot write in \(directory): \(Self.errnoMessage())")
        }
        let bytes = Array(ProgressFormat.encode(p).utf8)
        var problem: String?
        if !Descriptor.writeAll(bytes, to: fd) {
            problem = "cannot write \(temporary): \(Self.errnoMessage())"
        } else if fsync(fd) != 0 {
            problem = "cannot flush \(temporary): \(Self.errnoMessage())"
        }
        if close(fd) != 0 && problem == nil {
            problem = "cannot write \(temporary): \(Self.errnoMessage())"
        }
        if problem == nil && rename(temporary, target) != 0 {
            problem = "cannot replace \(target): \(Self.errnoMessage())"
        }
        if let problem {
            unlink(temporary)
            return fail(problem)
        }
        Self.syncDirectory(directory)
        lastError = nil
        return true
    }

    /// Removes the record of one lesson and variant (nil: the default numbers' record
    /// only). True when a record was removed; false when there was none (`lastError`
    /// nil) or it could not be removed (`lastError` says why). A damaged file under
    /// that name is removed too.
    @discardableResult
    public func reset(lessonID: String, variant: String?) -> Bool {
        guard let directory, let path = path(lessonID: lessonID, variant: variant) else {
            return fail(self.directory == nil ? "no data directory (neither XDG_DATA_HOME nor HOME is set)"
                                              : "a lesson id cannot be empty")
        }
        if unlink(path) == 0 {
            Self.syncDirectory(directory)
            lastError = nil
            return true
        }
        if errno == ENOENT {
            lastError = nil
            return false
        }
        return fail("cannot remove \(path): \(Self.errnoMessage())")
    }

    /// Removes every record of a lesson, whatever its variant (damaged files named
    /// for the lesson included). Returns the variants removed, the default numbers
    /// (nil) first; `lastError` says why when some could not be removed.
    @discardableResult
    public func resetAllVariants(lessonID: String) -> [String?] {
        lastError = nil
        guard let directory, !lessonID.isEmpty else { return [] }
        var removed: [String?] = []
        for name in FileSystem.entries(of: directory).sorted() where Self.isRecordName(name) {
            let path = XDGPaths.join(directory, name)
            let key: (lessonID: String, variant: String?)
            if let decoded = ProgressFileName.key(of: name) {
                key = decoded
            } else if case .success(let p) = Self.readRecord(path),
                      ProgressFileName.name(lessonID: p.lessonID, variant: p.variant) == name {
                key = (p.lessonID, p.variant)  // a hashed name: the file says whose it is
            } else {
                continue
            }
            guard key.lessonID == lessonID else { continue }
            if unlink(path) == 0 {
                removed.append(key.variant)
            } else if errno != ENOENT {
                _ = fail("cannot remove \(path): \(Self.errnoMessage())")
            }
        }
        if !removed.isEmpty { Self.syncDirectory(directory) }
        return removed.sorted { a, b in
            switch (a, b) {
            case (nil, _): b != nil
            case (_, nil): false
            case let (x?, y?): x < y
            }
        }
    }

    // MARK: - files

    private func fail(_ message: String) -> Bool {
        lastError = message
        return false
    }

    static func isRecordName(_ name: String) -> Bool {
        !name.hasPrefix(".") && name.hasSuffix(ProgressFileName.suffix)
    }

    /// The record in a file, or why it cannot be used.
    static func readRecord(_ path: String) -> Result<LessonProgress, ProgressFileProblem.Reason> {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return .failure(.unreadable(errnoMessage())) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { return .failure(.unreadable(errnoMessage())) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { return .failure(.unreadable("not a regular file")) }
        guard info.st_size <= maximumFileSize else { return .failure(.unreadable("larger than 16 MiB")) }
        guard let bytes = FileSystem.readAll(fileDescriptor: fd) else { return .failure(.unreadable(errnoMessage())) }
        return ProgressFormat.decode(bytes)
    }

    /// A new temporary file in `directory`, open for writing, mode 0600.
    static func createTemporary(in directory: String) -> (path: String, fd: Int32)? {
        for _ in 0..<16 {
            let random = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            let path = XDGPaths.join(directory, ProgressFileName.temporaryPrefix + "\(getpid())-" + random)
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
            if fd >= 0 { return (path, fd) }
            if errno != EEXIST { return nil }
        }
        return nil
    }

    /// Removes temporary files left by saves that never finished: those of processes
    /// that no longer exist, and any older than `staleTemporaryAge`.
    func removeStaleTemporaries(in directory: String) {
        let now = Int(time(nil))
        for name in FileSystem.entries(of: directory) {
            guard let owner = ProgressFileName.temporaryOwner(name) else { continue }
            let path = XDGPaths.join(directory, name)
            var info = stat()
            guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            let ownerGone = owner > 0 && owner != getpid() && kill(owner, 0) != 0 && errno == ESRCH
            if ownerGone || now - Int(info.st_mtim.tv_sec) > Self.staleTemporaryAge {
                unlink(path)
            }
        }
    }

    /// Makes a rename or unlink in `directory` durable (best effort).
    static func syncDirectory(_ directory: String) {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    static func errnoMessage() -> String {
        String(cString: strerror(errno))
    }
}
