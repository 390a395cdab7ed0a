import BackpropCore
import TutorScript
import TermCore

/// The quantities with values and error signals. Changed this step: `*` and
/// bold. Selected: `>` and reverse video. (Colour only repeats what the marks say.)
enum QuantityTable {
    static func render(into c: inout Canvas, area: Rect, quantities: [ShownQuantity], changed: Set<String>,
                       selected: String?, digits: Int, title: String = "Quantities") {
        let inner = Frame.render(into: &c, area: area, title: title)
        guard inner.width >= 8, inner.height >= 1 else { return }
        if quantities.isEmpty {
            c.line("(none yet)", in: inner, row: 0, fg: .gray, style: .dim)
            return
        }
        let numbers = NumberFormat(digits: min(digits, inner.width >= 44 ? 5 : 4), typographicMinus: true)
        let nameWidth = max(4, min(10, quantities.map { Text.width(c.glyphs.fold($0.label)) }.max() ?? 1))
        let rest = inner.width - 2 - nameWidth - 2
        let valueWidth = max(4, rest / 2)
        let gradWidth = max(0, rest - valueWidth - 1)
        // Header.
        c.text(Text.pad("", to: 2) + Text.pad("name", to: nameWidth) + "  " + Text.pad("value", to: valueWidth) + " "
               + "gradient", x: inner.x, y: inner.y, limit: inner.width, fg: .gray, style: .underline)
        let rows = inner.height - 1
        guard rows > 0 else { return }
        let index = selected.flatMap { s in quantities.firstIndex { $0.name == s } } ?? 0
        let offset = min(max(0, index - rows + 1), max(0, quantities.count - rows))
        for (row, q) in quantities.dropFirst(offset).prefix(rows).enumerated() {
            let y = inner.y + 1 + row
            let isChanged = changed.contains(q.name)
            let isSelected = q.name == selected
            var style: CellStyle = isChanged ? .bold : []
            if isSelected { style.insert(.reverse) }
            let marks = (isSelected ? c.glyphs.selected : " ") + (isChanged ? c.glyphs.changed : " ")
            let value = compact(q.value, numbers: numbers, width: valueWidth, glyphs: c.glyphs)
            let grad = q.gradient.map { compact($0, numbers: numbers, width: gradWidth, glyphs: c.glyphs) } ?? ""
            let name = Text.clip(c.glyphs.fold(q.label), to: nameWidth)
            let line = marks + Text.pad(name, to: nameWidth) + "  " + Text.pad(value, to: valueWidth) + " " + grad
            c.text(Text.pad(line, to: inner.width), x: inner.x, y: y, limit: inner.width,
                   fg: isChanged ? .yellow : .standard, style: style)
        }
        if offset > 0 { c.text(c.unicode ? "↑" : "^", x: inner.maxX - 1, y: inner.y + 1, fg: .gray) }
        if offset + rows < quantities.count { c.text(c.unicode ? "↓" : "v", x: inner.maxX - 1, y: inner.maxY - 1, fg: .gray) }
    }

    /// A tensor in at most `width` columns: a number, [a, b], or "3×2 [a, b, …]".
    static func compact(_ t: Tensor, numbers: NumberFormat, width: Int, glyphs: Glyphs) -> String {
        if t.isScalar { return glyphs.fold(numbers.format(t.scalar)) }
        let text = compactUnclipped(t, numbers: numbers, width: width, glyphs: glyphs)
        return Text.width(text) <= width ? text : Text.clip(text, to: max(0, width - 1)) + glyphs.ellipsis
    }

    private static func compactUnclipped(_ t: Tensor, numbers: NumberFormat, width: Int, glyphs: Glyphs) -> String {
        let entries = t.storage.map { glyphs.fold(numbers.format($0)) }
        let all = "[" + entries.joined(separator: ", ") + "]"
        if t.count <= 4, Text.width(all) <= width { return all }
        let shape = "\(t.rows)" + (glyphs.unicode ? "×" : "x") + "\(t.columns) "
        var out = shape + "["
        for (i, e) in entries.enumerated() {
            let piece = (i > 0 ? ", " : "") + e
            if Text.width(out + piece) + 4 > width {
                return i == 0 ? String(shape.dropLast()) : out + ", " + glyphs.ellipsis + "]"
            }
            out += piece
        }
        return out + "]"
    }
}
