import ScriptSyntax
import TermCore

/// Text into a screen buffer by display width (wide characters take two cells).
extension ScreenBuffer {
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

}
