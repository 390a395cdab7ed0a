import Glibc
import Testing
import Terminal
import TestSupport

@Suite struct PlainLineReaderTests {
    func lines(from text: String) -> [String] {
        let pipe = Pipe()
        pipe.write(text)
        pipe.closeWriteEnd()
        defer { pipe.closeReadEnd() }
        let reader = PlainLineReader(fileDescriptor: pipe.readEnd)
        var result: [String] = []
        while let line = reader.readLine() { result.append(line) }
        return result
    }

    @Test func readsLinesFromAPipe() {
        #expect(lines(from: "a = 1\nshow a\n") == ["a = 1", "show a"])
    }

    @Test func lastLineWithoutNewline() {
        #expect(lines(from: "a = 1\nshow a") == ["a = 1", "show a"])
    }

    @Test func crlfLineEndings() {
        #expect(lines(from: "a = 1\r\nshow a\r\n") == ["a = 1", "show a"])
        #expect(lines(from: "last\r") == ["last"])
    }

    @Test func emptyLinesAreKept() {
        #expect(lines(from: "a\n\n\nb\n") == ["a", "", "", "b"])
    }

    @Test func emptyInput() {
        #expect(lines(from: "") == [])
    }

    @Test func byteOrderMarkIsDropped() {
        #expect(lines(from: "\u{FEFF}a = 1\n\u{FEFF}b") == ["a = 1", "\u{FEFF}b"])
    }

    @Test func invalidUTF8IsReplaced() {
        let pipe = Pipe()
        pipe.write([0x61, 0xFF, 0x62, 0x0A])
        pipe.closeWriteEnd()
        defer { pipe.closeReadEnd() }
        #expect(PlainLineReader(fileDescriptor: pipe.readEnd).readLine() == "a\u{FFFD}b")
    }

    @Test func longLinesAcrossManyReads() {
        // Larger than a pipe's buffer, so it goes through a file.
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let long = String(repeating: "x", count: 200_000)
        writeFile(dir.file("long"), "\(long)\nshort\n\(long)")
        let fd = open(dir.file("long"), O_RDONLY)
        defer { close(fd) }
        let reader = PlainLineReader(fileDescriptor: fd)
        #expect(reader.readLine() == long)
        #expect(reader.readLine() == "short")
        #expect(reader.readLine() == long)
        #expect(reader.readLine() == nil)
    }

    @Test func readsLinesAsTheyArrive() {
        let pipe = Pipe()
        defer { pipe.closeReadEnd() }
        let reader = PlainLineReader(fileDescriptor: pipe.readEnd)
        pipe.write("first\nsec")
        #expect(reader.read(prompt: "ignored> ") == .line("first"))
        pipe.write("ond\n")
        #expect(reader.read(prompt: "") == .line("second"))
        pipe.closeWriteEnd()
        #expect(reader.read(prompt: "") == .endOfInput)
        #expect(reader.read(prompt: "") == .endOfInput)
    }

    @Test func readsFromAFile() {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.file("script.txt")
        writeFile(path, "x = [1, 2]\r\nsum(x)")
        let fd = open(path, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        let reader = PlainLineReader(fileDescriptor: fd)
        #expect(reader.readLine() == "x = [1, 2]")
        #expect(reader.readLine() == "sum(x)")
        #expect(reader.readLine() == nil)
    }
}
