import Testing
import BackpropCore

@Suite("data")
struct DataTests {
    @Test("built-in truth tables, in the order (0,0) (0,1) (1,0) (1,1)")
    func builtins() {
        let expected: [BuiltinDataset: [Double]] = [
            .and: [0, 0, 0, 1], .or: [0, 1, 1, 1], .nand: [1, 1, 1, 0], .nor: [1, 0, 0, 0], .xor: [0, 1, 1, 0],
        ]
        for (set, t) in expected {
            let d = set.dataset
            #expect(d.count == 4 && d.inputWidth == 2 && d.targetWidth == 1)
            #expect(d.inputs == [0, 0, 0, 1, 1, 0, 1, 1])
            #expect(d.targets == t, "\(set)")
            #expect(Dataset.builtin(set.rawValue) == d)
        }
        #expect(Dataset.builtin("xnor") == nil)
        #expect(BuiltinDataset.names == "and or nand nor xor")
    }

    @Test("numbers, header detection, targets=K, CRLF, blanks, comments, spaces, quotes")
    func parsing() throws {
        let d = try parseCSV("\"a\", b ,c,t\r\n# a comment\n\n1, 2.5,-3e-1,1\r\n  4,5,6,0  \n", targets: .columns(2))
        #expect(d.count == 2 && d.inputWidth == 2 && d.targetWidth == 2)
        #expect(d.inputs == [1, 2.5, 4, 5])
        #expect(d.targets == [-0.3, 1, 6, 0])
        #expect(d.inputNames == ["a", "b"] && d.targetNames == ["c", "t"])
        let plain = try parseCSV("1,2,3\n4,5,6")
        #expect(plain.inputNames == nil && plain.inputs == [1, 2, 4, 5] && plain.targets == [3, 6])
        let bom = try parseCSV("\u{FEFF}1,2\n3,4\n")
        #expect(bom.inputs == [1, 3] && bom.targets == [2, 4])
        let hex = try parseCSV("0x1p-2,+7,.5")
        #expect(hex.inputs == [0.25, 7] && hex.targets == [0.5])
    }

    @Test("classes=C gives one-hot targets")
    func classes() throws {
        let d = try parseCSV("x,y,label\n0.5,1,2\n1,0,0\n", targets: .classes(3))
        #expect(d.targetWidth == 3 && d.classes == 3)
        #expect(d.targets == [0, 0, 1, 1, 0, 0])
        #expect(d.label(0) == 2 && d.label(1) == 0)
        #expect(d.targetNames == ["label=0", "label=1", "label=2"])
    }

    static func error(_ text: String, _ targets: CSVDataReader.Targets = .columns(1)) -> DataError? {
        do {
            _ = try parseCSV(text, targets: targets)
            return nil
        } catch {
            return error
        }
    }

    @Test("errors carry line and column")
    func errors() throws {
        // ragged: too many fields → the first extra one; too few → just past the end
        var e = try #require(Self.error("1,2,3\n4,5,6,7\n"))
        #expect(e.line == 2 && e.column == 7)
        #expect(e.kind == .ragged(found: 4, expected: 3, firstLine: 1))
        e = try #require(Self.error("a,b,c\n1,2,3\n4,5\n"))
        #expect(e.line == 3 && e.column == 4 && e.kind == .ragged(found: 2, expected: 3, firstLine: 1))
        #expect(e.description == "line 3, column 4: this row has 2 fields, but line 1 has 3: every row needs the same number of columns")
        // not a number
        e = try #require(Self.error("1,2,3\n4, abc ,6\n"))
        #expect(e.line == 2 && e.column == 4 && e.kind == .notANumber("abc"))
        e = try #require(Self.error("1,2,3\n4,,6\n"))
        #expect(e.line == 2 && e.column == 3 && e.kind == .notANumber(""))
        e = try #require(Self.error("1,2,3\n4,nan,6\n"))
        #expect(e.kind == .notFinite("nan"))
        e = try #require(Self.error("1,2,3\n4,1_000,6\n"))
        #expect(e.kind == .notANumber("1_000"))
        // the column counts characters, not bytes
        e = try #require(Self.error("x,y,t\n1,2,3\n\"é\",é,4\n"))
        #expect(e.line == 3 && e.column == 1)
        e = try #require(Self.error("1,2,3\n1,2,3\n2,é,x\n"))
        #expect(e.line == 3 && e.column == 3 && e.kind == .notANumber("é"))
        // a header mixing names and numbers
        e = try #require(Self.error("1,2,x\n1,2,3\n"))
        #expect(e.line == 1 && e.column == 5 && e.kind == .mixedHeader("x"))
        // labels
        e = try #require(Self.error("1,2,3\n4,5,10\n", .classes(10)))
        #expect(e.line == 2 && e.column == 5 && e.kind == .labelOutOfRange(10, classes: 10))
        #expect(e.message == "class label 10 is out of range: with classes=10 the labels are 0…9")
        e = try #require(Self.error("1,2,-1\n", .classes(3)))
        #expect(e.kind == .labelOutOfRange(-1, classes: 3))
        e = try #require(Self.error("1,2,1.5\n", .classes(3)))
        #expect(e.line == 1 && e.column == 5 && e.kind == .labelNotInteger(1.5))
        // empty, header only, no input columns
        e = try #require(Self.error(""))
        #expect(e.kind == .empty && e.line == 1 && e.column == 1)
        e = try #require(Self.error("\n\n# nothing\n"))
        #expect(e.kind == .empty)
        e = try #require(Self.error("a,b\n\n"))
        #expect(e.kind == .noDataRows && e.line == 1)
        e = try #require(Self.error("1,2\n", .columns(2)))
        #expect(e.kind == .tooFewColumns(found: 2, targets: 2))
        #expect(throws: DataError.self) { _ = try CSVDataReader(name: "x", targets: .columns(0)) }
        #expect(throws: DataError.self) { _ = try CSVDataReader(name: "x", targets: .classes(1)) }
    }

    @Test("the digits file: 1,797 rows, 64 pixels 0–16, ten classes with the known counts")
    func digitsFile() throws {
        let d = try loadCSV(lessonDataPath("digits.csv"), targets: .classes(10))
        #expect(d.count == 1797 && d.inputWidth == 64 && d.targetWidth == 10)
        #expect(d.inputNames?.first == "p0" && d.inputNames?.last == "p63")
        #expect(d.inputs.allSatisfy { $0 >= 0 && $0 <= 16 && $0 == $0.rounded() })
        var counts = [Int](repeating: 0, count: 10)
        for i in 0..<d.count { counts[d.label(i)!] += 1 }
        #expect(counts == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        // The first row of the file.
        #expect(Array(d.input(0).prefix(8)) == [0, 0, 5, 13, 9, 1, 0, 0])
        #expect(d.label(0) == 0)
        let zeroOne = try loadCSV(lessonDataPath("digits01.csv"))
        #expect(zeroOne == d.subset(name: zeroOne.name) { d.label($0)! <= 1 }.replacingTargets(
            (0..<d.count).filter { d.label($0)! <= 1 }.map { Double(d.label($0)!) }, width: 1, names: ["label"]))
    }

    @Test("subset, feature maps, ranges")
    func transforms() {
        let xor = BuiltinDataset.xor.dataset
        let ones = xor.subset { xor.targets[$0] == 1 }
        #expect(ones.count == 2 && ones.inputs == [0, 1, 1, 0])
        #expect(xor.inputRanges() == [0...1, 0...1])
        let mapped = xor.mapped(.product(2, 2))
        #expect(mapped.inputs == [0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 1])
    }
}
