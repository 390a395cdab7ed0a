/// A problem in a data file, located at a 1-based line and column (the
/// column counts Unicode scalars from the start of the line, so it matches
/// an editor's column on any ASCII or UTF-8 file).
public struct DataError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var kind: Kind

    public enum Kind: Sendable, Equatable {
        /// No lines at all (or only blank ones).
        case empty
        /// A header line and nothing after it.
        case noDataRows
        /// A row with `found` fields where the first row had `expected`.
        case ragged(found: Int, expected: Int, firstLine: Int)
        case notANumber(String)
        case notFinite(String)
        /// `classes=C` and a label outside 0…C−1.
        case labelOutOfRange(Double, classes: Int)
        case labelNotInteger(Double)
        /// `targets=K` leaves no input columns.
        case tooFewColumns(found: Int, targets: Int)
        /// A header line that mixes names and numbers.
        case mixedHeader(String)
        case badOption(String)
    }

    public init(line: Int, column: Int, _ kind: Kind) {
        self.line = line
        self.column = column
        self.kind = kind
    }

    public var message: String {
        switch kind {
        case .empty:
            "the file is empty: a data file needs rows of numbers separated by commas"
        case .noDataRows:
            "the file has a header line but no data rows"
        case let .ragged(found, expected, firstLine):
            "this row has \(found) field\(found == 1 ? "" : "s"), but line \(firstLine) has \(expected): every row needs the same number of columns"
        case .notANumber(let text):
            text.isEmpty ? "a field is empty; every field must be a number" : "'\(text)' is not a number"
        case .notFinite(let text):
            "'\(text)' is not a finite number"
        case let .labelOutOfRange(value, classes):
            "class label \(Self.format(value)) is out of range: with classes=\(classes) the labels are 0…\(classes - 1)"
        case .labelNotInteger(let value):
            "class label \(Self.format(value)) is not a whole number"
        case let .tooFewColumns(found, targets):
            "the rows have \(found) column\(found == 1 ? "" : "s"), which leaves no input columns beside \(targets) target column\(targets == 1 ? "" : "s")"
        case .mixedHeader(let text):
            "'\(text)' is not a number (a header line must consist of names only, and a data row of numbers only)"
        case .badOption(let text):
            text
        }
    }

    /// `line 3, column 5: 'x' is not a number`.
    public var description: String { "line \(line), column \(column): \(message)" }

    static func format(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)"
    }
}
