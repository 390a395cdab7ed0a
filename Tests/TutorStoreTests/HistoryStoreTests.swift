import Glibc
import Testing
import TutorStore
import TestSupport

@Suite struct HistoryStoreTests {
    @Test func recordsAndAppendsToTheFile() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("history")
        let history = HistoryStore(path: path, capacity: 10)
        #expect(history.load() == [])
        #expect(history.record("a = 1"))
        #expect(history.record("show a"))
        #expect(history.entries == ["a = 1", "show a"])
        #expect(readFile(path) == "a = 1\nshow a\n")
    }

    @Test func createsMissingDirectories() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("data/bptutor/history")
        let history = HistoryStore(path: path)
        history.record("x = 2")
        #expect(readFile(path) == "x = 2\n")
    }

    @Test func skipsConsecutiveDuplicatesAndBlankLines() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("history")
        let history = HistoryStore(path: path)
        #expect(history.record("a"))
        #expect(!history.record("a"))
        #expect(!history.record("   "))
        #expect(!history.record(""))
        #expect(!history.record("two\nlines"))
        #expect(history.record("b"))
        #expect(history.record("a"))  // not consecutive: kept
        #expect(readFile(path) == "a\nb\na\n")
    }

    @Test func loadsAnExistingFileAndDedupsAgainstIt() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("history")
        writeFile(path, "one\r\n\ntwo\ntwo\nthree")
        let history = HistoryStore(path: path)
        #expect(history.load() == ["one", "two", "three"])
        #expect(!history.record("three"))
        #expect(history.record("four"))
        #expect(HistoryStore(path: path).load() == ["one", "two", "three", "four"])
    }

    @Test func capsEntriesInMemoryAndInTheFile() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("history")
        let history = HistoryStore(path: path, capacity: 4)
        for i in 1...20 { history.record("line \(i)") }
        #expect(history.entries == ["line 17", "line 18", "line 19", "line 20"])
        // The file is compacted once it passes capacity + a quarter, so it never
        // holds more than 5 lines, and reloading keeps the newest 4.
        let lines = readFile(path)!.split(separator: "\n")
        #expect(lines.count <= 5)
        #expect(lines.last == "line 20")
        #expect(HistoryStore(path: path, capacity: 4).load() == ["line 17", "line 18", "line 19", "line 20"])
    }

    @Test func loadingAnOversizedFileTrimsIt() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("history")
        writeFile(path, (1...50).map { "e\($0)\n" }.joined())
        let history = HistoryStore(path: path, capacity: 3)
        #expect(history.load() == ["e48", "e49", "e50"])
        #expect(readFile(path) == "e48\ne49\ne50\n")
    }

    @Test func compactionKeepsLinesAppendedByAnotherSession() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("history")
        let first = HistoryStore(path: path, capacity: 4)
        let second = HistoryStore(path: path, capacity: 4)
        first.load()
        second.load()
        for i in 1...5 { first.record("f\(i)") }  // 5 lines: not yet past 4 + 1
        second.record("s1")
        #expect(readFile(path) == "f1\nf2\nf3\nf4\nf5\ns1\n")
        first.record("f6")  // first's 6th line: it compacts, re-reading the file
        #expect(readFile(path) == "f4\nf5\ns1\nf6\n")
    }

    @Test func unwritableFileIsIgnoredSilently() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        // A regular file where the directory should be: nothing can be created.
        writeFile(dir.file("blocker"), "")
        let history = HistoryStore(path: dir.file("blocker/bptutor/history"))
        #expect(history.load() == [])
        #expect(history.record("still works"))
        #expect(history.entries == ["still works"])
    }

    @Test func memoryOnlyHistory() {
        let history = HistoryStore(path: nil, capacity: 2)
        #expect(history.load() == [])
        history.record("a")
        history.record("b")
        history.record("c")
        #expect(history.entries == ["b", "c"])
    }

    @Test func historyFileIsPrivate() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("history")
        HistoryStore(path: path).record("secret = 1")
        var info = stat()
        #expect(stat(path, &info) == 0)
        #expect(info.st_mode & 0o077 == 0)
    }
}

@Suite struct FileSystemTests {
    @Test func makeDirectoriesIsMkdirP() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let deep = dir.file("a/b/c")
        #expect(FileSystem.makeDirectories(deep))
        #expect(FileSystem.isDirectory(deep))
        #expect(FileSystem.makeDirectories(deep))  // already there
        #expect(FileSystem.makeDirectories(dir.file("a//b/d/")))
        #expect(FileSystem.isDirectory(dir.file("a/b/d")))
    }

    @Test func makeDirectoriesFailsBehindAFile() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        writeFile(dir.file("file"), "x")
        #expect(!FileSystem.makeDirectories(dir.file("file/sub")))
        #expect(!FileSystem.makeDirectories(""))
    }

    @Test func parentDirectory() {
        #expect(FileSystem.parentDirectory(of: "/a/b/history") == "/a/b")
        #expect(FileSystem.parentDirectory(of: "/history") == "/")
        #expect(FileSystem.parentDirectory(of: "history") == ".")
    }

    @Test func replaceIsAtomicAndLeavesNoTemporaryFile() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("f")
        writeFile(path, "old")
        #expect(FileSystem.replace(path, with: Array("new".utf8)))
        #expect(readFile(path) == "new")
        #expect(FileSystem.readAll(dir.file("f.tmp-\(getpid())")) == nil)
    }
}
