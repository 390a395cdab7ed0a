/// An incremental reader for `data load FILE.csv [targets=K | classes=C]`:
/// the caller feeds the file one line at a time (so a large file is streamed,
/// never held twice) and calls `finish()` for the data set. Pure: no I/O.
///
/// The format: numeric fields separated by commas; spaces around a field,
/// a trailing CR and a leading byte-order mark are ignored, as are blank
/// lines and lines starting with `#`.
/// The first line is a header if none of its fields is a number (names may be
/// quoted). The last K columns (default 1) are the targets; with `classes=C`
/// the last column is a class label 0…C−1 and the target is its one-hot
/// vector (so a C-unit softmax output can learn it).
///
/// Errors carry the 1-based line and column of the offending field: ragged
/// rows, fields that are not (finite) numbers, labels that are out of range or
/// not whole numbers, no input columns, an empty file, a header with no rows.
public struct CSVDataReader: Sendable {
    public enum Targets: Sendable, Equatable {
        /// The last K columns are the targets (`targets=K`).
        case columns(Int)
        /// The last column is a label 0…C−1, one-hot encoded (`classes=C`).
        case classes(Int)
    }

    public let name: String
    public let targets: Targets
    /// The number of lines consumed so far (the line number of the last one).
    public private(set) var lineNumber = 0

    private var data: Dataset?
    private var header: [String]?
    private var headerLine = 0
    /// The field count of the header or the first data row, and its line.
    private var expectedFields = 0
    private var firstLine = 0
    private var reserveRows: Int
    /// Scratch row, reused for every line.
    private var row: [Double] = []
    private var oneHot: [Double] = []

    /// `targets` is checked here: K ≥ 1, C ≥ 2 (an error at line 0, column 0,
    /// meaning "the option, not the file"). `expectedRows` only reserves memory.
    public init(name: String, targets: Targets = .columns(1), expectedRows: Int = 0) throws(DataError) {
        switch targets {
        case .columns(let k) where k < 1:
            throw DataError(line: 0, column: 0, .badOption("targets= must be at least 1, not \(k)"))
        case .classes(let c) where c < 2:
            throw DataError(line: 0, column: 0, .badOption("classes= must be at least 2, not \(c)"))
        default:
            break
        }
        self.name = name
        self.targets = targets
        self.reserveRows = max(0, expectedRows)
    }

    /// Reads one line (without its newline; a trailing CR is ignored).
    public mutating func consume(line: String) throws(DataError) {
        var text = line
        var failure: DataError?
        text.withUTF8 { bytes in
            do throws(DataError) { try consume(utf8: bytes) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Reads one line given as UTF-8 bytes (without its newline).
    public mutating func consume(utf8 bytes: UnsafeBufferPointer<UInt8>) throws(DataError) {
        lineNumber += 1
        var line = bytes
        // A byte-order mark (as spreadsheet programs write) is not part of the first field.
        if lineNumber == 1, line.count >= 3, line[0] == 0xEF, line[1] == 0xBB, line[2] == 0xBF {
            line = UnsafeBufferPointer(rebasing: line[3...])
        }
        // Trim trailing CR / spaces; skip blank and comment lines.
        var end = line.count
        while end > 0, Self.isSpace(line[end - 1]) { end -= 1 }
        var start = 0
        while start < end, Self.isSpace(line[start]) { start += 1 }
        if start == end || line[start] == UInt8(ascii: "#") { return }

        if data == nil && header == nil {
            try firstRow(line: line, end: end)
            return
        }
        var fields = FieldCursor(line: line, end: end)
        try dataRow(&fields, line: line)
    }

    /// The data set, once every line has been consumed.
    public consuming func finish() throws(DataError) -> Dataset {
        guard var out = data, out.count > 0 else {
            if header != nil { throw DataError(line: headerLine, column: 1, .noDataRows) }
            throw DataError(line: max(lineNumber, 1), column: 1, .empty)
        }
        if let header {
            let k = out.targetWidth
            switch targets {
            case .columns:
                out.inputNames = Array(header.dropLast(k))
                out.targetNames = Array(header.suffix(k))
            case .classes(let c):
                out.inputNames = Array(header.dropLast())
                let label = header.last ?? "label"
                out.targetNames = (0..<c).map { "\(label)=\($0)" }
            }
        }
        return out
    }

    // MARK: Rows

    private mutating func firstRow(line: UnsafeBufferPointer<UInt8>, end: Int) throws(DataError) {
        // A header if no field is a number; data if every field is; else an error.
        var cursor = FieldCursor(line: line, end: end)
        var names: [String] = []
        var numbers = 0
        var firstName: (text: String, column: Int)?
        while let f = cursor.next() {
            let bytes = UnsafeBufferPointer(rebasing: line[f.start..<f.end])
            if Self.parseNumber(bytes) != nil {
                numbers += 1
            } else {
                let text = Self.unquoted(bytes)
                names.append(text)
                if firstName == nil { firstName = (text, Self.column(line, f.start)) }
            }
        }
        let fieldCount = cursor.count
        if numbers == 0 {
            header = names
            headerLine = lineNumber
            expectedFields = fieldCount
            firstLine = lineNumber
            try makeBuffer(fields: fieldCount, line: lineNumber)
            return
        }
        if let firstName {
            throw DataError(line: lineNumber, column: firstName.column, .mixedHeader(firstName.text))
        }
        expectedFields = fieldCount
        firstLine = lineNumber
        try makeBuffer(fields: fieldCount, line: lineNumber)
        var again = FieldCursor(line: line, end: end)
        try dataRow(&again, line: line)
    }

    private mutating func makeBuffer(fields: Int, line: Int) throws(DataError) {
        let inputWidth: Int, targetWidth: Int
        switch targets {
        case .columns(let k):
            guard fields > k else { throw DataError(line: line, column: 1, .tooFewColumns(found: fields, targets: k)) }
            inputWidth = fields - k
            targetWidth = k
        case .classes(let c):
            guard fields > 1 else { throw DataError(line: line, column: 1, .tooFewColumns(found: fields, targets: 1)) }
            inputWidth = fields - 1
            targetWidth = c
            oneHot = [Double](repeating: 0, count: c)
        }
        var d = Dataset(name: name, inputWidth: inputWidth, targetWidth: targetWidth, reservingRows: reserveRows)
        if case .classes(let c) = targets { d.classes = c }
        data = d
        row = [Double](repeating: 0, count: fields)
    }

    private mutating func dataRow(_ cursor: inout FieldCursor, line: UnsafeBufferPointer<UInt8>) throws(DataError) {
        var k = 0
        while let f = cursor.next() {
            guard k < expectedFields else {
                // Count the rest for the message.
                var extra = 1
                while cursor.next() != nil { extra += 1 }
                throw DataError(line: lineNumber, column: Self.column(line, f.start),
                                .ragged(found: expectedFields + extra, expected: expectedFields, firstLine: firstLine))
            }
            let bytes = UnsafeBufferPointer(rebasing: line[f.start..<f.end])
            guard let v = Self.parseNumber(bytes) else {
                throw DataError(line: lineNumber, column: Self.column(line, f.start), .notANumber(Self.text(bytes)))
            }
            guard v.isFinite else {
                throw DataError(line: lineNumber, column: Self.column(line, f.start), .notFinite(Self.text(bytes)))
            }
            if case .classes(let c) = targets, k == expectedFields - 1 {
                guard v == v.rounded() else {
                    throw DataError(line: lineNumber, column: Self.column(line, f.start), .labelNotInteger(v))
                }
                guard v >= 0 && v < Double(c) else {
                    throw DataError(line: lineNumber, column: Self.column(line, f.start), .labelOutOfRange(v, classes: c))
                }
            }
            row[k] = v
            k += 1
        }
        guard k == expectedFields else {
            throw DataError(line: lineNumber, column: Self.column(line, cursor.lineEnd),
                            .ragged(found: k, expected: expectedFields, firstLine: firstLine))
        }
        switch targets {
        case .columns:
            let split = data!.inputWidth
            data!.appendRow(input: row[0..<split], target: row[split...])
        case .classes:
            let label = Int(row[k - 1])
            oneHot[label] = 1
            data!.appendRow(input: row[0..<(k - 1)], target: oneHot)
            oneHot[label] = 0
        }
    }

    // MARK: Fields and numbers

    /// Walks the comma-separated fields of a line, each trimmed of spaces.
    struct FieldCursor {
        let line: UnsafeBufferPointer<UInt8>
        let lineEnd: Int
        var position = 0
        var done = false
        private(set) var count = 0

        init(line: UnsafeBufferPointer<UInt8>, end: Int) {
            self.line = line
            self.lineEnd = end
        }

        mutating func next() -> (start: Int, end: Int)? {
            guard !done else { return nil }
            var stop = position
            while stop < lineEnd, line[stop] != UInt8(ascii: ",") { stop += 1 }
            var s = position, e = stop
            while s < e, CSVDataReader.isSpace(line[s]) { s += 1 }
            while e > s, CSVDataReader.isSpace(line[e - 1]) { e -= 1 }
            if stop >= lineEnd { done = true } else { position = stop + 1 }
            count += 1
            // An empty field points at where it would start.
            return (s, e)
        }
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool {
        b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r")
    }

    /// 1-based column of byte offset `offset`: Unicode scalars before it, plus one.
    static func column(_ line: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
        var scalars = 0
        for k in 0..<min(offset, line.count) where line[k] & 0xC0 != 0x80 { scalars += 1 }
        return scalars + 1
    }

    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// A header name without surrounding double quotes.
    static func unquoted(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") {
            return text(UnsafeBufferPointer(rebasing: bytes[1..<(bytes.count - 1)]))
        }
        return text(bytes)
    }

    /// A field's number: plain integers (the common case in data files) are
    /// read exactly without allocating; anything else goes to the standard
    /// library's C-locale parser (`1.5`, `-2e-3`, `0x1p-2`). Quotes around a
    /// number are allowed. nil if the field is not a number.
    static func parseNumber(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        var bytes = field
        if bytes.count >= 2, bytes.first == UInt8(ascii: "\""), bytes.last == UInt8(ascii: "\"") {
            bytes = UnsafeBufferPointer(rebasing: bytes[1..<(bytes.count - 1)])
        }
        guard !bytes.isEmpty else { return nil }
        var k = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            k = 1
        }
        if bytes.count - k >= 1 && bytes.count - k <= 15 {
            var value: Int64 = 0
            var allDigits = true
            for i in k..<bytes.count {
                let d = bytes[i] &- UInt8(ascii: "0")
                if d > 9 { allDigits = false; break }
                value = value * 10 + Int64(d)
            }
            if allDigits { return negative ? -Double(value) : Double(value) }
        }
        // General syntax. Reject what Double(String) accepts but a data file should not be.
        for b in bytes where b == UInt8(ascii: "_") || b == UInt8(ascii: " ") { return nil }
        return Double(text(bytes))
    }
}
