import TermCore

/// A framed, scrollable block of text (the formula of the selected quantity, or
/// a command's output), wrapped to the pane; `scroll` lines are skipped.
enum TextPane {
    static func render(into c: inout Canvas, area: Rect, title: String, lines: [String], scroll: Int,
                       emphasizeFirst: Bool = false) {
        let inner = Frame.render(into: &c, area: area, title: title)
        guard inner.width > 0, inner.height > 0 else { return }
        var wrapped: [(String, Int)] = []
        for (i, line) in lines.enumerated() {
            wrapped += Text.wrap(c.glyphs.fold(line), to: inner.width).map { ($0, i) }
        }
        let offset = min(max(0, scroll), max(0, wrapped.count - inner.height))
        for (row, (text, source)) in wrapped.dropFirst(offset).prefix(inner.height).enumerated() {
            let first = emphasizeFirst && source == 0
            c.line(text, in: inner, row: row, fg: first ? .cyan : .standard, style: first ? .bold : [])
        }
        if offset + inner.height < wrapped.count {
            let more = c.unicode ? " ↓ more (PgDn) " : " v more (PgDn) "
            c.text(more, x: area.maxX - Text.width(more) - 2, y: area.maxY - 1, fg: .gray)
        }
        if offset > 0 {
            let up = c.unicode ? " ↑ PgUp " : " ^ PgUp "
            c.text(up, x: area.maxX - Text.width(up) - 2, y: area.y, fg: .gray)
        }
    }
}
