import Foundation
import Testing
import BackpropCore
import ScriptSyntax
@testable import TutorScript

/// `data`: the built-in truth tables, `data load` on CSV files, feature maps.
@Suite struct NetworkDataTests {
    static func summary(_ s: inout Session, _ text: String,
                        sourceLocation: SourceLocation = #_sourceLocation) throws -> DatasetSummary {
        guard case .dataset(let d) = try s.result(text, sourceLocation: sourceLocation) else {
            Issue.record("expected a data summary", sourceLocation: sourceLocation)
            throw TestFailure.unexpectedOutput
        }
        return d
    }

    static let tables: [(String, @Sendable (Bool, Bool) -> Bool)] = [
        ("and", { $0 && $1 }), ("or", { $0 || $1 }), ("nand", { !($0 && $1) }), ("nor", { !($0 || $1) }),
        ("xor", { $0 != $1 }),
    ]

    @Test("data and|or|nand|nor|xor: the truth tables, inputs 00 01 10 11")
    func truthTables() throws {
        for (name, f) in Self.tables {
            var s = Session()
            let d = try Self.summary(&s, "data \(name)")
            let expected = truthTable(f)
            #expect(d.name == name)
            #expect(d.count == 4 && d.inputWidth == 2 && d.targetWidth == 1 && d.classes == nil, "\(name)")
            #expect(d.preview.map(\.input) == expected.map(\.0), "\(name) inputs")
            #expect(d.preview.map(\.target) == expected.map(\.1), "\(name) targets")
            // Every sample, through the language.
            s.ok("net 2-2-1")
            for (k, sample) in expected.enumerated() {
                s.ok("sample \(k + 1)")
                #expect(try s.current("x").storage == sample.0, "\(name) sample \(k + 1)")
                #expect(try s.current("t").storage == sample.1, "\(name) sample \(k + 1)")
            }
        }
    }

    @Test("data with no name describes the current set; before any set it is an error")
    func describe() throws {
        var s = Session()
        let d = try s.failure("data")
        #expect(d.message.contains("no data yet"))
        #expect(d.span.start == SourcePosition(line: 1, column: 1))
        s.ok("data nor")
        let again = try Self.summary(&s, "data")
        #expect(again.name == "nor" && again.count == 4)
        #expect(s.text("data").hasPrefix("data nor: 4 samples, 2 inputs, 1 target\n"))
    }

    @Test("data puts sample 1 into x and t of a matching network; net picks up loaded data")
    func firstSampleInstalled() throws {
        var s = Session()
        s.ok("net 2-2-1\ndata nand")
        #expect(try s.current("x").storage == [0, 0])
        #expect(try s.current("t").storage == [1])
        var u = Session()
        u.ok("data or")
        #expect(try u.failure("sample 1").message.hasPrefix("no network yet"))
        var v = Session()
        v.ok("data xor\nnet 2-3-1")
        #expect(try v.current("x").storage == [0, 0])
        #expect(try v.current("t").storage == [0])
    }

    @Test("unknown data set: error at the name, with a suggestion")
    func unknownBuiltin() throws {
        var s = Session()
        let d = try s.failure("data xorr")
        #expect(d.message == "unknown data set 'xorr'")
        #expect(d.span.start == SourcePosition(line: 1, column: 6))
        #expect(d.notes.first == "did you mean 'xor'?")
    }

    @Test("data load: header line, default one target column, blank and comment lines skipped")
    func loadWithHeader() throws {
        let dir = try DataDirectory()
        defer { dir.remove() }
        try dir.write("h.csv", "x1, x2 ,y\r\n# a comment\n\n0.5,-1,2\n1e-3,4,0\n")
        var s = Session()
        s.interpreter.hooks.baseDirectory = dir.path
        let d = try Self.summary(&s, "data load h.csv")
        #expect(d.name == "h.csv")
        #expect(d.count == 2 && d.inputWidth == 2 && d.targetWidth == 1 && d.classes == nil)
        #expect(d.preview.map(\.input) == [[0.5, -1], [0.001, 4]])
        #expect(d.preview.map(\.target) == [[2], [0]])
        #expect(s.interpreter.session.data?.inputNames == ["x1", "x2"])
        #expect(s.interpreter.session.data?.targetNames == ["y"])
    }

    @Test("data load targets=K: the last K columns are the targets")
    func loadTargets() throws {
        let dir = try DataDirectory()
        defer { dir.remove() }
        try dir.write("k.csv", "1,2,3,4\n5,6,7,8\n9,10,11,12\n")
        var s = Session()
        s.interpreter.hooks.baseDirectory = dir.path
        let d = try Self.summary(&s, "data load k.csv targets=2")
        #expect(d.count == 3 && d.inputWidth == 2 && d.targetWidth == 2)
        #expect(d.preview.map(\.input) == [[1, 2], [5, 6], [9, 10]])
        #expect(d.preview.map(\.target) == [[3, 4], [7, 8], [11, 12]])
        let three = try Self.summary(&s, "data load k.csv targets=3")
        #expect(three.inputWidth == 1 && three.targetWidth == 3)
        let none = try s.failure("data load k.csv targets=4")
        #expect(none.message.contains("k.csv:1:1"))
        #expect(none.message.contains("no input columns"))
    }

    @Test("data FILE.csv is data load FILE.csv; a bare word stays a built-in set")
    func fileWithoutLoad() throws {
        let dir = try DataDirectory()
        defer { dir.remove() }
        try dir.write("k.csv", "1,2,3,4\n5,6,7,8\n")
        try FileManager.default.createDirectory(atPath: dir.path + "/sets", withIntermediateDirectories: true)
        try dir.write("sets/and.csv", "0,0,0\n1,1,1\n")
        var s = Session()
        s.interpreter.hooks.baseDirectory = dir.path
        let d = try Self.summary(&s, "data k.csv targets=2")
        #expect(d.name == "k.csv" && d.count == 2 && d.inputWidth == 2 && d.targetWidth == 2)
        let quoted = try Self.summary(&s, "data \"k.csv\"")
        #expect(quoted.inputWidth == 3 && quoted.targetWidth == 1)
        let nested = try Self.summary(&s, "data sets/and.csv")
        #expect(nested.count == 2 && nested.preview.map(\.target) == [[0], [1]])
        #expect(try Self.summary(&s, "data xor").name == "xor")
        let unknown = try s.failure("data digits")
        #expect(unknown.message.contains("unknown data set"))
    }

    @Test("data load classes=C: the last column is a label, the target its one-hot vector")
    func loadClasses() throws {
        let dir = try DataDirectory()
        defer { dir.remove() }
        try dir.write("c.csv", "a,b,label\n0.1,0.2,2\n0.3,0.4,0\n0.5,0.6,1\n")
        var s = Session()
        s.interpreter.hooks.baseDirectory = dir.path
        let d = try Self.summary(&s, "data load c.csv classes=3")
        #expect(d.count == 3 && d.inputWidth == 2 && d.targetWidth == 3 && d.classes == 3)
        #expect(d.preview.map(\.input) == [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]])
        #expect(d.preview.map(\.target) == [[0, 0, 1], [1, 0, 0], [0, 1, 0]])
        // A softmax network takes it; sample 1 goes into x and t.
        s.ok("net 2-4-3 output=softmax\nsample 1")
        #expect(try s.current("t").storage == [0, 0, 1])
        #expect(try s.current("x").storage == [0.1, 0.2])
    }

    /// (file contents, options, expected "name:line:column" in the message, message fragment)
    static let badFiles: [(String, String, String, String)] = [
        ("1,2,0\n3,4\n", "", "bad.csv:2:4", "this row has 2 fields, but line 1 has 3"),
        ("1,2,0\n3,4,5,6\n", "", "bad.csv:2:7", "this row has 4 fields, but line 1 has 3"),
        ("x,y,t\n1,2,0\n\n3,abc,1\n", "", "bad.csv:4:3", "'abc' is not a number"),
        ("1,2,0\n3,,1\n", "", "bad.csv:2:3", "a field is empty"),
        ("1,2,0\n3,4,5\n", "classes=3", "bad.csv:2:5", "class label 5 is out of range: with classes=3 the labels are 0…2"),
        ("1,2,-1\n", "classes=2", "bad.csv:1:5", "class label -1 is out of range"),
        ("1,2,0\n3,4,0.5\n", "classes=3", "bad.csv:2:5", "class label 0.5 is not a whole number"),
        ("", "", "bad.csv:1:1", "the file is empty"),
        ("\n\n", "", "bad.csv:", "the file is empty"),
        ("a,b,c\n", "", "bad.csv:1:1", "the file has a header line but no data rows"),
        ("a,1,c\n", "", "bad.csv:1:1", "'a' is not a number"),
    ]

    @Test("data load errors name the data file's line and column, located at the path in the script")
    func loadErrors() throws {
        let dir = try DataDirectory()
        defer { dir.remove() }
        for (contents, options, location, fragment) in Self.badFiles {
            try dir.write("bad.csv", contents)
            var s = Session()
            s.interpreter.hooks.baseDirectory = dir.path
            s.ok("data and")
            let d = try s.failure("# loading\ndata load bad.csv \(options)")
            #expect(d.message.hasPrefix("in the data file, \(location)"), "\(d.message)")
            #expect(d.message.contains(fragment), "\(d.message)")
            #expect(d.span.start == SourcePosition(line: 2, column: 11), "at the path: \(d.span)")
            #expect(d.span.end.column == 11 + "bad.csv".count, "the caret covers the path: \(d.span)")
            // The failed load leaves the session's data as it was.
            #expect(s.interpreter.session.data?.name == "and")
        }
    }

    @Test("data load: a missing file and targets with classes are located errors")
    func loadFileAndOptionErrors() throws {
        let dir = try DataDirectory()
        defer { dir.remove() }
        try dir.write("ok.csv", "0,0,0\n1,1,1\n")
        var s = Session()
        s.interpreter.hooks.baseDirectory = dir.path
        let missing = try s.failure("data load nothere.csv")
        #expect(missing.message == "cannot read 'nothere.csv': No such file or directory")
        #expect(missing.span.start == SourcePosition(line: 1, column: 11))
        let quoted = try s.failure("data load \"no such.csv\"")
        #expect(quoted.message.hasPrefix("cannot read 'no such.csv'"))
        let both = try s.failure("data load ok.csv targets=1 classes=2")
        #expect(both.message == "give either targets=K or classes=C, not both")
        #expect(both.span.start == SourcePosition(line: 1, column: 18))
        let zero = try s.failure("data load ok.csv targets=0")
        #expect(zero.span.start == SourcePosition(line: 1, column: 26))
        let one = try s.failure("data load ok.csv classes=1")
        #expect(one.message.contains("classes= must be at least 2"), "\(one.message)")
        let directory = try s.failure("data load .")
        #expect(directory.message.contains("directory"), "\(directory.message)")
    }

    @Test("relative paths resolve against InterpreterHooks.baseDirectory; absolute paths as given")
    func relativePaths() throws {
        let dir = try DataDirectory()
        defer { dir.remove() }
        try FileManager.default.createDirectory(atPath: dir.path + "/sub", withIntermediateDirectories: true)
        let file = try dir.write("sub/r.csv", "1,2,1\n3,4,0\n")
        var s = Session()
        s.interpreter.hooks.baseDirectory = dir.path
        #expect(try Self.summary(&s, "data load sub/r.csv").count == 2)
        s.interpreter.hooks.baseDirectory = dir.path + "/"
        #expect(try Self.summary(&s, "data load sub/r.csv").count == 2)
        s.interpreter.hooks.baseDirectory = dir.path + "/sub"
        #expect(try Self.summary(&s, "data load r.csv").count == 2)
        #expect(try Self.summary(&s, "data load \"\(file)\"").count == 2)
        s.interpreter.hooks.baseDirectory = "/nonexistent-bptutor-dir"
        #expect(try Self.summary(&s, "data load \(file)").count == 2)
        let d = try s.failure("data load sub/r.csv")
        #expect(d.message.hasPrefix("cannot read 'sub/r.csv'"))
    }

    @Test("features=product on xor: (x1, x2) → (x1, x2, x1·x2), targets unchanged")
    func productFeatures() throws {
        var s = Session()
        let d = try Self.summary(&s, "data xor features=product")
        #expect(d.inputWidth == 3 && d.targetWidth == 1 && d.count == 4)
        let table = truthTable { $0 != $1 }
        #expect(d.preview.map(\.input) == table.map { [$0.0[0], $0.0[1], $0.0[0] * $0.0[1]] })
        #expect(d.preview.map(\.target) == table.map(\.1))
        let bad = try s.failure("data xor features=square")
        #expect(bad.message.contains("features=product"))
        #expect(bad.span.start == SourcePosition(line: 1, column: 19))
    }
}
