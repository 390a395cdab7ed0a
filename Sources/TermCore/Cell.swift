/// A colour a cell can have. `.standard` is the terminal's own foreground or
/// background. Colour never carries information alone: every coloured thing
/// also differs by glyph or text (NO_COLOR and monochrome terminals stay readable).
public enum CellColor: UInt8, Sendable, Equatable, CaseIterable {
    case standard, red, green, yellow, blue, magenta, cyan, white, gray
}

/// Text attributes of a cell.
public struct CellStyle: OptionSet, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let bold = CellStyle(rawValue: 1)
    public static let dim = CellStyle(rawValue: 2)
    public static let reverse = CellStyle(rawValue: 4)
    public static let underline = CellStyle(rawValue: 8)
}

/// One terminal cell: a grapheme that takes one column, or the first column of
/// a wide one (its second column holds `Cell.continuation`).
public struct Cell: Sendable, Equatable {
    public var text: String
    public var foreground: CellColor
    public var background: CellColor
    public var style: CellStyle

    public init(_ text: String = " ", foreground: CellColor = .standard, background: CellColor = .standard,
                style: CellStyle = []) {
        self.text = text
        self.foreground = foreground
        self.background = background
        self.style = style
    }

    public static let blank = Cell()
    /// The second column of a wide character: draws nothing.
    public static let continuation = Cell("")
}
