import TermCore

/// A box with a title in its top border; returns the inside.
enum Frame {
    /// The inside of a frame drawn over `area` (empty when the area cannot hold one).
    static func inner(of area: Rect) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        return area.inset(1)
    }

    @discardableResult
    static func render(into c: inout Canvas, area: Rect, title: String, focused: Bool = false) -> Rect {
        let inside = inner(of: area)
        guard area.width >= 2, area.height >= 2 else { return inside }
        let g = c.glyphs
        let style: CellStyle = focused ? .bold : []
        let color: CellColor = focused ? .cyan : .gray
        let h = String(repeating: g.horizontal, count: area.width - 2)
        c.text(g.topLeft + h + g.topRight, x: area.x, y: area.y, fg: color, style: style)
        c.text(g.bottomLeft + h + g.bottomRight, x: area.x, y: area.maxY - 1, fg: color, style: style)
        for y in (area.y + 1)..<(area.maxY - 1) {
            c.text(g.vertical, x: area.x, y: y, fg: color, style: style)
            c.text(g.vertical, x: area.maxX - 1, y: y, fg: color, style: style)
        }
        if !title.isEmpty, area.width > 6 {
            let t = Text.clip(c.glyphs.fold(title), to: area.width - 6)
            c.text(" " + t + " ", x: area.x + 2, y: area.y, style: .bold)
        }
        return inside
    }
}
