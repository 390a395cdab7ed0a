import Foundation
import Testing
import TestSupport

/// Where bptutor looks for its lessons: `PREFIX/share/bptutor/lessons` beside an
/// installed `PREFIX/bin/bptutor` first, then `$BPTUTOR_LESSONS`, then the
/// checkout it was built in; and what it says when there are none.
@Suite struct LessonLookupTests {
    /// A copy of the built binary in DIR/prefix/bin, with `lessons` (if given) in
    /// DIR/prefix/share/bptutor/lessons, as scripts/install lays them out.
    static func installedCopy(in dir: TemporaryDirectory, lessons: [String: String]) throws -> String {
        let fm = FileManager.default
        let bin = dir.path + "/prefix/bin"
        try fm.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let original = try #require(fm.contents(atPath: try BPTutorBinary.require()))
        try writeExecutable(bin + "/bptutor", bytes: Array(original))
        if !lessons.isEmpty {
            let share = dir.path + "/prefix/share/bptutor/lessons"
            try fm.createDirectory(atPath: share, withIntermediateDirectories: true)
            for (name, text) in lessons { _ = try dir.write("prefix/share/bptutor/lessons/" + name, text) }
        }
        return bin + "/bptutor"
    }

    @Test("an installed binary finds PREFIX/share/bptutor/lessons, before BPTUTOR_LESSONS")
    func installedLessonsFirst() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let binary = try Self.installedCopy(in: dir, lessons: ["a-shipped.lesson": "title \"Shipped\"\nw = 1\n"])
        _ = try dir.write("other.lesson", "title \"Other\"\nw = 1\n")
        for environment in [[:], ["BPTUTOR_LESSONS": dir.path]] {
            let r = try runProcess(binary, ["lessons"], environment: environment)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdoutLines == ["a-shipped  Shipped  1 step"], "\(environment)")
        }
    }

    @Test("without an install folder, BPTUTOR_LESSONS is used; with none at all, the error says where it looked")
    func environmentThenError() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let binary = try Self.installedCopy(in: dir, lessons: [:])
        _ = try dir.write("other.lesson", "title \"Other\"\nw = 1\n")
        let r = try runProcess(binary, ["lessons"], environment: ["BPTUTOR_LESSONS": dir.path])
        #expect(r.stdoutLines == ["other  Other  1 step"], "\(r.stderr)")
        let empty = dir.path + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        let none = try runProcess(binary, ["lessons"], environment: ["BPTUTOR_LESSONS": empty])
        #expect(none.status == 1)
        #expect(none.stderr == "bptutor: no lessons in \(empty) (an installed bptutor reads PREFIX/share/bptutor/lessons; otherwise set BPTUTOR_LESSONS to a folder of .lesson files)\n")
    }
}
