import Foundation
import Glibc
import Testing
@testable import TutorStore
import TestSupport

/// Saved progress: one atomically replaced JSON file per (lesson, variant), in a
/// temporary directory for every test (never the real data directory).
@Suite struct ProgressStoreTests {
    static func record(_ lessonID: String = "02-xor", variant: String? = nil, step: Int = 2,
                       answers: [String: AnswerRecord] = [:], completed: Bool = false) -> LessonProgress {
        LessonProgress(lessonID: lessonID, lessonPath: "/lessons/\(lessonID).lesson", variant: variant, step: step,
                       steps: 7, answers: answers, completed: completed, updated: 1_714_567_890)
    }

    static let answers: [String: AnswerRecord] = [
        "dz": AnswerRecord(given: [-0.0594], rows: 1, columns: 1, correct: true, attempts: 2),
        "dW": AnswerRecord(given: [0.1, -0.0, 1e-300, 5e20, 1.0 / 3.0, .pi], rows: 2, columns: 3,
                           correct: false, attempts: 1),
        "odd": AnswerRecord(given: [.nan, .infinity, -.infinity, Double.leastNonzeroMagnitude],
                            rows: 4, columns: 1, correct: false, attempts: 5),
        "revealed": AnswerRecord(given: [], rows: 0, columns: 0, correct: false, attempts: 0, revealed: true),
    ]

    /// The names in a directory, hidden ones included.
    static func names(in directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    static func temporaryFiles(in directory: String) -> [String] {
        names(in: directory).filter { $0.hasPrefix(".tmp-") }
    }

    static func mode(of path: String) -> mode_t {
        var info = stat()
        return stat(path, &info) == 0 ? info.st_mode & 0o777 : 0
    }

    // MARK: - round trip

    @Test func savesAndLoadsEveryField() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let directory = dir.file("data/bptutor/progress")  // created on the first save
        let store = ProgressStore(directory: directory)
        #expect(store.load(lessonID: "02-xor", variant: nil) == nil)
        #expect(store.all() == [])

        let p = Self.record(variant: "alice", answers: Self.answers, completed: true)
        #expect(store.save(p))
        #expect(store.lastError == nil)
        let loaded = store.load(lessonID: "02-xor", variant: "alice")
        #expect(loaded == p)
        #expect(loaded?.answers["dW"]?.given[1].sign == .minus, "-0.0 keeps its sign")
        #expect(loaded?.answers["odd"]?.given[0].isNaN == true)
        #expect(loaded?.answeredCount == 3)
        #expect(loaded?.correctCount == 1)
        #expect(store.all() == [p])
        #expect(ProgressStore(directory: directory).load(lessonID: "02-xor", variant: "alice") == p, "a new store reads it")

        #expect(Self.names(in: directory) == ["02-xor@alice.json"])
        #expect(Self.mode(of: directory + "/02-xor@alice.json") == 0o600)
        #expect(Self.mode(of: directory) == 0o700)
    }

    @Test func theFileIsOneLineOfDocumentedJSON() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = ProgressStore(directory: dir.path)
        let p = Self.record(answers: ["dz": AnswerRecord(given: [0.5, .nan], rows: 2, columns: 1, correct: true, attempts: 1)])
        #expect(store.save(p))
        let text = try #require(readFile(dir.file("02-xor.json")))
        #expect(text == """
            {"format": "bptutor-progress", "version": 1, "lesson": "02-xor", "path": "/lessons/02-xor.lesson", \
            "variant": null, "step": 2, "steps": 7, "completed": false, "updated": 1714567890, \
            "answers": {"dz": {"given": [0.5, "NaN"], "rows": 2, "columns": 1, "correct": true, \
            "attempts": 1, "revealed": false}}}

            """)
        // Foundation's parser agrees it is JSON.
        #expect((try? JSONSerialization.jsonObject(with: Data(text.utf8))) != nil)
    }

    @Test func savingAgainReplacesTheRecord() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = ProgressStore(directory: dir.path)
        #expect(store.save(Self.record(step: 1)))
        var p = Self.record(step: 4, answers: Self.answers)
        #expect(store.save(p))
        #expect(store.load(lessonID: "02-xor", variant: nil) == p)
        p.answers = [:]  // fewer answers: nothing of the longer old file may remain
        p.step = 5
        #expect(store.save(p))
        #expect(store.load(lessonID: "02-xor", variant: nil) == p)
        #expect(Self.names(in: dir.path) == ["02-xor.json"], "one file, no temporary files left")
    }

    @Test func variantsAreKeptApartAndSorted() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = ProgressStore(directory: dir.path)
        let records = [
            Self.record("03-mlp", variant: nil, step: 0),
            Self.record("02-xor", variant: "bob", step: 1),
            Self.record("02-xor", variant: nil, step: 2),
            Self.record("02-xor", variant: "", step: 3),
            Self.record("02-xor", variant: "alice", step: 4),
            Self.record("01-single", variant: "zed", step: 5),
        ]
        for r in records { #expect(store.save(r)) }
        #expect(store.all().map { "\($0.lessonID)/\($0.variant ?? "nil")" }
                == ["01-single/zed", "02-xor/nil", "02-xor/", "02-xor/alice", "02-xor/bob", "03-mlp/nil"])
        #expect(store.load(lessonID: "02-xor", variant: nil)?.step == 2)
        #expect(store.load(lessonID: "02-xor", variant: "")?.step == 3)
        #expect(store.load(lessonID: "02-xor", variant: "carol") == nil)
        #expect(store.scan().problems == [])
    }

    // MARK: - file names

    static let oddIDs: [String] = [
        "../../etc/passwd", "a/b", ".hidden", "..", ".", "with space", "tab\there", "new\nline",
        "ünïcödé-世界", "a@b", "a@", "@", "%41", "A", "a#b", "x.json", "-", "emoji 🧠", "quote\"back\\slash",
        String(repeating: "long-", count: 60), String(repeating: "é", count: 120),
    ]

    @Test func anyLessonOrStudentIDIsASafeFileName() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = ProgressStore(directory: dir.path)
        var saved: [LessonProgress] = []
        for (i, id) in Self.oddIDs.enumerated() {
            let asLesson = Self.record(id, variant: nil, step: i)
            let asVariant = Self.record("02-xor", variant: id, step: 100 + i)
            let both = Self.record(id, variant: id, step: 200 + i)
            for p in [asLesson, asVariant, both] {
                #expect(store.save(p), "\(id.debugDescription): \(store.lastError ?? "")")
                saved.append(p)
            }
        }
        for p in saved {
            #expect(store.load(lessonID: p.lessonID, variant: p.variant) == p, "\(p.lessonID.debugDescription)")
        }
        let names = Self.names(in: dir.path)
        #expect(names.count == saved.count, "every record has its own file, all directly in the directory")
        for name in names {
            #expect(!name.hasPrefix("."))
            #expect(name.hasSuffix(".json"))
            #expect(name.utf8.count <= 210)
            #expect(name.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "/") }, "\(name)")
        }
        #expect(store.all().count == saved.count)
        #expect(store.scan().problems == [])
    }

    @Test func fileNamesDecodeBackExceptHashedOnes() {
        for id in Self.oddIDs {
            for variant in [nil, "s", id] as [String?] {
                let name = ProgressFileName.name(lessonID: id, variant: variant)
                if name.contains("#") {
                    #expect(name.utf8.count > 150)
                    #expect(ProgressFileName.key(of: name) == nil)
                } else {
                    let key = ProgressFileName.key(of: name)
                    #expect(key?.lessonID == id && key?.variant == variant, "\(name)")
                }
            }
        }
        #expect(ProgressFileName.name(lessonID: "02-xor", variant: nil) == "02-xor.json")
        #expect(ProgressFileName.name(lessonID: "02-xor", variant: "alice") == "02-xor@alice.json")
        #expect(ProgressFileName.name(lessonID: "a b/c", variant: "@.") == "a%20b%2Fc@%40%2E.json")
        #expect(ProgressFileName.key(of: "%41.json") == nil, "only canonical spellings")
        #expect(ProgressFileName.key(of: "a%2.json") == nil)
        #expect(ProgressFileName.key(of: ".tmp-12-ab") == nil)
        #expect(ProgressFileName.key(of: "notes.txt") == nil)
    }

    // MARK: - damaged files

    @Test func damagedFilesAreIgnoredAndReported() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = ProgressStore(directory: dir.path)
        let good = Self.record("01-single", answers: Self.answers)
        #expect(store.save(good))
        #expect(store.save(Self.record("02-xor", answers: Self.answers)))
        let full = try #require(readFile(dir.file("02-xor.json")))

        let damaged: [(String, [UInt8], ProgressFileProblem.Reason)] = [
            ("02-xor.json", Array(full.utf8.prefix(full.utf8.count / 2)), .notJSON),   // cut short
            ("cut@1.json", Array(full.utf8.dropLast(2)), .notJSON),                   // just the final '}' missing
            ("empty.json", [], .empty),
            ("zeros.json", [UInt8](repeating: 0, count: 4096), .notJSON),            // a crash on some file systems
            ("garbage.json", Array("not json at all".utf8), .notJSON),
            ("badutf8.json", [0x22, 0xFF, 0xFE, 0x22], .notJSON),
            ("array.json", Array("[1, 2, 3]".utf8), .notProgress),
            ("other.json", Array(#"{"format": "something-else", "version": 1}"#.utf8), .notProgress),
            ("future.json", Array(full.replacingOccurrences(of: #""version": 1"#, with: #""version": 2"#).utf8),
             .unsupportedVersion(2)),
            ("stepstring.json", Array(full.replacingOccurrences(of: #""step": 2"#, with: #""step": "2""#).utf8),
             .invalidField("step")),
            ("fraction.json", Array(full.replacingOccurrences(of: #""step": 2"#, with: #""step": 2.5"#).utf8),
             .invalidField("step")),
            ("shape.json", Array(full.replacingOccurrences(of: #""rows": 2"#, with: #""rows": 3"#).utf8),
             .invalidField("answers.dW")),
            ("dup.json", Array(full.replacingOccurrences(of: #""step": 2"#, with: #""step": 2, "step": 3"#).utf8),
             .notJSON),
            ("comma.json", Array(full.replacingOccurrences(of: "}}}", with: "}},}").utf8), .notJSON),
            ("03-misnamed.json", Array(full.utf8), .misnamed),   // a copy of 02-xor's record under another name
        ]
        for (name, bytes, _) in damaged {
            _ = FileManager.default.createFile(atPath: dir.file(name), contents: Data(bytes))
        }
        try FileManager.default.createDirectory(atPath: dir.file("folder.json"), withIntermediateDirectories: false)
        writeFile(dir.file("notes.txt"), "not a record name: never looked at")

        #expect(store.load(lessonID: "02-xor", variant: nil) == nil, "a damaged record is as good as none")
        #expect(store.load(lessonID: "03-misnamed", variant: nil) == nil)
        #expect(store.load(lessonID: "01-single", variant: nil) == good)
        let scan = store.scan()
        #expect(scan.records == [good])
        var expected = damaged.map { ProgressFileProblem(path: dir.file($0.0), reason: $0.2) }
        expected.append(ProgressFileProblem(path: dir.file("folder.json"), reason: .unreadable("not a regular file")))
        #expect(scan.problems == expected.sorted { $0.path < $1.path })
        for problem in scan.problems { #expect(!problem.reason.description.isEmpty) }

        // Saving replaces a damaged record whole.
        let fresh = Self.record("02-xor", step: 0)
        #expect(store.save(fresh))
        #expect(store.load(lessonID: "02-xor", variant: nil) == fresh)
    }

    // MARK: - atomicity

    @Test func aTemporaryFileLeftByACrashHidesAndCorruptsNothing() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = ProgressStore(directory: dir.path)
        let p = Self.record(answers: Self.answers)
        #expect(store.save(p))
        let full = try #require(readFile(dir.file("02-xor.json")))
        // A save killed half way: its temporary file holds part of a newer record.
        let deadPID = "99999999"  // above any pid_max: no such process
        writeFile(dir.file(".tmp-\(deadPID)-1f2e3d"), String(full.prefix(full.count / 2)))
        // A save of this process in progress right now (another store, another thread).
        writeFile(dir.file(".tmp-\(getpid())-abc"), "{")
        // An old one of a process that exists (pid 1), older than an hour.
        writeFile(dir.file(".tmp-1-old"), "{")
        let old = timeval(tv_sec: time(nil) - 7200, tv_usec: 0)
        let times = [old, old]
        #expect(utimes(dir.file(".tmp-1-old"), times) == 0)

        #expect(store.load(lessonID: "02-xor", variant: nil) == p)
        #expect(store.scan() == ProgressStore.Scan(records: [p], problems: []))

        // The next save cleans up what dead or old saves left, and nothing else.
        var q = p
        q.step = 3
        #expect(store.save(q))
        #expect(store.load(lessonID: "02-xor", variant: nil) == q)
        #expect(Self.temporaryFiles(in: dir.path) == [".tmp-\(getpid())-abc"])
    }

    @Test func aFailedRenameLeavesNothingBehind() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = ProgressStore(directory: dir.path)
        // Something that cannot be replaced by a file sits where the record goes.
        try FileManager.default.createDirectory(atPath: dir.file("02-xor.json/inside"), withIntermediateDirectories: true)
        #expect(!store.save(Self.record()))
        #expect(store.lastError?.contains("cannot replace") == true, "\(store.lastError ?? "nil")")
        #expect(Self.temporaryFiles(in: dir.path) == [])
        #expect(FileManager.default.fileExists(atPath: dir.file("02-xor.json/inside")))
        // Other records still save, and the error clears.
        #expect(store.save(Self.record("01-single")))
        #expect(store.lastError == nil)
    }

    @Test func aFailedWriteKeepsTheOldRecord() throws {
        let dir = TemporaryDirectory()
        defer {
            chmod(dir.path, 0o700)
            dir.remove()
        }
        let store = ProgressStore(directory: dir.path)
        let p = Self.record(answers: Self.answers)
        #expect(store.save(p))
        let before = try #require(readFile(dir.file("02-xor.json")))
        // A read-only directory: the temporary file cannot be made. (Root ignores the
        // permission; then the directory's path is made unusable instead.)
        chmod(dir.path, 0o500)
        let failing = geteuid() == 0 ? ProgressStore(directory: dir.file("02-xor.json/sub")) : store
        var q = p
        q.step = 6
        q.answers = [:]
        #expect(!failing.save(q))
        #expect(failing.lastError != nil)
        chmod(dir.path, 0o700)
        #expect(readFile(dir.file("02-xor.json")) == before, "the old file, byte for byte")
        #expect(store.load(lessonID: "02-xor", variant: nil) == p)
        #expect(Self.temporaryFiles(in: dir.path) == [])
    }

    /// Readers never see a half-written record: while one thread saves two large
    /// records in turn, another reads all the time and must always get one of them whole.
    @Test func readersNeverSeeAPartialFile() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let big = (0..<20_000).map { Double($0) * 1.000_000_1 + 0.123_456_789 }
        let a = Self.record(step: 1, answers: ["big": AnswerRecord(given: big, rows: 20_000, columns: 1,
                                                                    correct: true, attempts: 1)])
        let b = Self.record(step: 2, answers: ["big": AnswerRecord(given: big.reversed(), rows: 100, columns: 200,
                                                                    correct: false, attempts: 9)])
        #expect(ProgressStore(directory: dir.path).save(a))
        let state = SharedState()
        let path = dir.path
        let writer = Thread {
            let store = ProgressStore(directory: path)
            for i in 0..<20 where !store.save(i.isMultiple(of: 2) ? b : a) {
                state.note("save failed: \(store.lastError ?? "")")
            }
            state.finish()
        }
        writer.start()
        let store = ProgressStore(directory: path)
        while !state.finished {
            let loaded = store.load(lessonID: "02-xor", variant: nil)
            if loaded != a && loaded != b { state.note("read a record that is neither: step \(loaded?.step ?? -9)") }
            state.countRead()
            if !store.scan().problems.isEmpty { state.note("a damaged file was seen") }
        }
        #expect(state.failures == [])
        #expect(state.reads > 0)
        #expect(Self.temporaryFiles(in: dir.path) == [])
    }

    // MARK: - reset

    @Test func resetRemovesOneVariantOrAllOfALesson() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = ProgressStore(directory: dir.path)
        let longVariant = String(repeating: "student-", count: 40)   // a hashed file name
        for variant in [nil, "alice", "", longVariant] as [String?] {
            #expect(store.save(Self.record("02-xor", variant: variant)))
        }
        #expect(store.save(Self.record("02-xor-extra")))              // a lesson whose id starts the same
        #expect(store.save(Self.record("02-xor-extra", variant: "alice")))
        #expect(store.save(Self.record("01-single")))
        writeFile(dir.file("02-xor@bob.json"), "{\"format\": \"bptutor-progress\", \"vers")  // damaged, named for 02-xor

        // One variant: nil is the default numbers' record only.
        #expect(store.reset(lessonID: "02-xor", variant: nil))
        #expect(store.load(lessonID: "02-xor", variant: nil) == nil)
        #expect(store.load(lessonID: "02-xor", variant: "alice") != nil)
        #expect(!store.reset(lessonID: "02-xor", variant: nil), "nothing left to remove")
        #expect(store.lastError == nil)
        #expect(!store.reset(lessonID: "no-such-lesson", variant: "x"))
        #expect(store.lastError == nil)

        // Every variant, the damaged and the hashed ones included; other lessons stay.
        let removed = store.resetAllVariants(lessonID: "02-xor")
        #expect(removed == ["", "alice", "bob", longVariant])
        #expect(store.lastError == nil)
        #expect(store.all().map { "\($0.lessonID)/\($0.variant ?? "nil")" }
                == ["01-single/nil", "02-xor-extra/nil", "02-xor-extra/alice"])
        #expect(store.scan().problems == [])
        #expect(store.resetAllVariants(lessonID: "02-xor") == [])
    }

    // MARK: - no directory

    @Test func aStoreWithoutADirectoryDoesNothing() {
        let store = ProgressStore(directory: nil)
        #expect(!store.save(Self.record()))
        #expect(store.lastError != nil)
        #expect(store.load(lessonID: "02-xor", variant: nil) == nil)
        #expect(store.all() == [])
        #expect(store.scan() == ProgressStore.Scan(records: [], problems: []))
        #expect(!store.reset(lessonID: "02-xor", variant: nil))
        #expect(store.resetAllVariants(lessonID: "02-xor") == [])
        #expect(store.path(lessonID: "02-xor", variant: nil) == nil)
    }

    @Test func anEmptyLessonIDIsRefused() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let store = ProgressStore(directory: dir.path)
        #expect(!store.save(Self.record("")))
        #expect(store.lastError != nil)
        #expect(Self.names(in: dir.path) == [])
    }

    @Test func theStandardDirectoryIsUnderTheDataHome() {
        // The environment itself is tested in ProcessGlobalStateTests; only the shape here.
        if let directory = ProgressStore.standardDirectory {
            #expect(directory.hasSuffix("/bptutor/progress"))
        }
        #expect(ProgressStore.standard().directory == ProgressStore.standardDirectory
                || ProgressStore.standardDirectory == nil)
    }
}

/// The strict JSON reader behind the progress files.
@Suite struct JSONValueTests {
    @Test("accepts JSON", arguments: [
        "0", "-0", "1.5e-3", "1E+2", "\"\"", "\"\\u00e9\\ud83e\\udde0\\n\\/\"", "[]", "{}", " [1, [2, {\"a\": null}]] ",
        "true", "false", "null", "{\"a\": [], \"b\": {}}",
    ])
    func accepts(_ text: String) {
        #expect(JSONValue.parse(text) != nil, "\(text)")
    }

    @Test("rejects anything else", arguments: [
        "", " ", "01", "1.", ".5", "-", "+1", "1e", "0x10", "NaN", "Infinity", "1e400", "tru", "nul", "[1,]", "[1 2]",
        "{\"a\" 1}", "{\"a\": 1,}", "{a: 1}", "{\"a\": 1, \"a\": 2}", "\"unterminated", "\"bad \\x escape\"",
        "\"lone \\ud800 surrogate\"", "\"\\udc00\"", "\"raw\ttab\"", "[1] 2", "{} {}", "// comment\n1",
        String(repeating: "[", count: 40) + String(repeating: "]", count: 40),
    ])
    func rejects(_ text: String) {
        #expect(JSONValue.parse(text) == nil, "\(text.debugDescription)")
    }

    @Test func stringsAndNumbersRoundTrip() throws {
        let strings = ["", "plain", "quote\" backslash\\ slash/", "controls \u{1}\u{1F}\u{7F}\n\r\t", "ünï 世界 🧠"]
        for s in strings {
            let text = JSONValue.string(s).serialized
            #expect(JSONValue.parse(text)?.string == s, "\(text)")
        }
        let numbers: [Double] = [0, -0.0, 1, -1, 0.1, 1.0 / 3.0, 1e-300, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 123_456_789_012_345,
                                 1e15, 1e16, -2.5e-8]
        for x in numbers {
            let text = JSONValue.number(x).serialized
            let back = try #require(JSONValue.parse(text)?.double, "\(text)")
            #expect(back.bitPattern == x.bitPattern, "\(x) → \(text) → \(back)")
        }
        #expect(JSONValue.number(.nan).serialized == "\"NaN\"")
        #expect(JSONValue.parse("\"-Infinity\"")?.double == -.infinity)
        #expect(JSONValue.parse("2")?.int == 2)
        #expect(JSONValue.parse("2.5")?.int == nil)
        #expect(JSONValue.parse("1e300")?.int == nil)
    }
}

/// What the two threads of `readersNeverSeeAPartialFile` share.
private final class SharedState: @unchecked Sendable {
    private let lock = NSLock()
    private var _failures: [String] = []
    private var _finished = false
    private var _reads = 0

    func note(_ failure: String) { lock.withLock { if _failures.count < 10 { _failures.append(failure) } } }
    func finish() { lock.withLock { _finished = true } }
    func countRead() { lock.withLock { _reads += 1 } }
    var finished: Bool { lock.withLock { _finished } }
    var failures: [String] { lock.withLock { _failures } }
    var reads: Int { lock.withLock { _reads } }
}
