import ScriptSyntax

/// The screen as data: a grid of cells that widgets render into and the
/// terminal layer draws. Every screen can be tested as text (`lines`).
public struct ScreenBuffer: Sendable, Equatable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be (the command bar's insertion point), if shown.
    public var cursor: (x: Int, y: Int)?

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public static func == (a: ScreenBuffer, b: ScreenBuffer) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells
            && a.cursor?.x == b.cursor?.x && a.cursor?.y == b.cursor?.y
    }

    public subscript(x: Int, y: Int) -> Cell {
        get { x >= 0 && y >= 0 && x < width && y < height ? cells[y * width + x] : .blank }
        set {
            guard x >= 0, y >= 0, x < width, y < height else { return }
            cells[y * width + x] = newValue
        }
    }

    /// Writes `text` from (x, y), clipped to `limit` columns (and the buffer's
    /// edge), by display width (wide characters take two cells). Returns the
    /// columns used.
    @discardableResult
    public mutating func write(_ text: String, x: Int, y: Int, limit: Int? = nil,
                               foreground: CellColor = .standard, background: CellColor = .standard,
                               style: CellStyle = []) -> Int {
        guard y >= 0, y < height else { return 0 }
        let end = min(width, x + (limit ?? width))
        var column = x
        for ch in text {
            if ch == "\n" { break }
            let w = Self.width(of: ch)
            if w == 0 { continue }
            if column + w > end { break }
            if column >= 0 {
                self[column, y] = Cell(ch == "\t" ? " " : String(ch), foreground: foreground, background: background,
                                       style: style)
                if w == 2 { self[column + 1, y] = .continuation }
            }
            column += w
        }
        return column - x
    }

    /// The columns `write` gives a character (a tab is one blank; combining marks none).
    public static func width(of character: Character) -> Int {
        character == "\t" ? 1 : DisplayWidth.of(character)
    }

    /// Fills a rectangle with one cell.
    public mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        for y in max(0, rect.y)..<min(height, rect.maxY) {
            for x in max(0, rect.x)..<min(width, rect.maxX) { self[x, y] = cell }
        }
    }

    /// The screen as plain text lines (trailing spaces removed): what snapshot tests compare.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width { line += cells[y * width + x].text }
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}
