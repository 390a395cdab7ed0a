import TermCore

/// A dot canvas over a cell rectangle: 2×4 dots per cell in braille, or one
/// mark per cell in ASCII. Plots draw dots, then flush them into the canvas.
struct DotGrid {
    let columns: Int
    let rows: Int
    let unicode: Bool
    /// Dots per cell horizontally and vertically.
    var dotsX: Int { unicode ? 2 : 1 }
    var dotsY: Int { unicode ? 4 : 1 }
    var width: Int { columns * dotsX }
    var height: Int { rows * dotsY }
    private var bits: [UInt8]
    private var colors: [CellColor]

    init(columns: Int, rows: Int, unicode: Bool) {
        self.columns = max(0, columns)
        self.rows = max(0, rows)
        self.unicode = unicode
        bits = Array(repeating: 0, count: self.columns * self.rows)
        colors = Array(repeating: .standard, count: self.columns * self.rows)
    }

    /// Sets dot (x, y), x to the right and y down, in dot coordinates.
    mutating func set(_ x: Int, _ y: Int, color: CellColor = .standard) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        let c = x / dotsX, r = y / dotsY
        let k = r * columns + c
        if unicode {
            let dx = x % 2, dy = y % 4
            let bit: UInt8 = dy == 3 ? (dx == 0 ? 0x40 : 0x80) : UInt8(1 << (dx * 3 + dy))
            bits[k] |= bit
        } else {
            bits[k] = 1
        }
        colors[k] = color
    }

    /// A straight line of dots; `dash` > 0 leaves gaps (every dash-th run of dots).
    mutating func line(from a: (Int, Int), to b: (Int, Int), color: CellColor = .standard, dash: Int = 0) {
        var (x0, y0) = a
        let (x1, y1) = b
        let dx = abs(x1 - x0), dy = -abs(y1 - y0)
        let sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        var n = 0
        while true {
            if dash == 0 || (n / dash) % 2 == 0 { set(x0, y0, color: color) }
            n += 1
            if x0 == x1 && y0 == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x0 += sx }
            if e2 <= dx { err += dx; y0 += sy }
        }
    }

    /// Draws every cell with dots into `canvas` at `origin` (ASCII: `mark`).
    func flush(into canvas: inout Canvas, x: Int, y: Int, mark: String = "*", style: CellStyle = []) {
        for r in 0..<rows {
            for c in 0..<columns where bits[r * columns + c] != 0 {
                let k = r * columns + c
                let glyph = unicode ? String(Character(Unicode.Scalar(0x2800 + UInt32(bits[k]))!)) : mark
                canvas.setCell(x + c, y + r, glyph, fg: colors[k], style: style)
            }
        }
    }
}
