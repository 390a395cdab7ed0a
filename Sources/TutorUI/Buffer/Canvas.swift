import TermCore

/// A screen buffer with the drawing options applied: text folded to ASCII when
/// Unicode is off, colours dropped when colour is off (styles and glyphs stay,
/// so nothing is carried by colour alone). Widgets draw through it.
struct Canvas {
    var buffer: ScreenBuffer
    let glyphs: Glyphs
    let color: Bool

    init(width: Int, height: Int, options: ViewOptions) {
        buffer = ScreenBuffer(width: width, height: height)
        glyphs = Glyphs(unicode: options.unicode)
        color = options.color
    }

    var width: Int { buffer.width }
    var height: Int { buffer.height }
    var unicode: Bool { glyphs.unicode }

    /// Writes folded text clipped to `limit` columns; returns the columns used.
    @discardableResult
    mutating func text(_ s: String, x: Int, y: Int, limit: Int? = nil, fg: CellColor = .standard,
                       bg: CellColor = .standard, style: CellStyle = []) -> Int {
        buffer.write(glyphs.fold(s), x: x, y: y, limit: limit, foreground: color ? fg : .standard,
                     background: color ? bg : .standard, style: style)
    }

    /// Writes text clipped to the rect's row `y`, ending in an ellipsis when cut.
    @discardableResult
    mutating func line(_ s: String, in area: Rect, row: Int, fg: CellColor = .standard, style: CellStyle = []) -> Int {
        guard row >= 0, row < area.height, area.width > 0 else { return 0 }
        let folded = glyphs.fold(s)
        if Text.width(folded) > area.width, area.width > 1 {
            let cut = Text.clip(folded, to: area.width - 1) + glyphs.ellipsis
            return text(cut, x: area.x, y: area.y + row, limit: area.width, fg: fg, style: style)
        }
        return text(folded, x: area.x, y: area.y + row, limit: area.width, fg: fg, style: style)
    }

    mutating func fill(_ rect: Rect, with cell: Cell = .blank) {
        buffer.fill(rect, with: cell)
    }

    /// Adds a style to every cell of a rectangle (highlighting a row).
    mutating func addStyle(_ style: CellStyle, to rect: Rect) {
        for y in max(0, rect.y)..<max(max(0, rect.y), min(height, rect.maxY)) {
            for x in max(0, rect.x)..<max(max(0, rect.x), min(width, rect.maxX)) {
                var c = buffer[x, y]
                c.style.formUnion(style)
                buffer[x, y] = c
            }
        }
    }

    mutating func setCell(_ x: Int, _ y: Int, _ s: String, fg: CellColor = .standard, style: CellStyle = []) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        buffer[x, y] = Cell(s, foreground: color ? fg : .standard, style: style)
    }
}
