import TutorScript
import TermCore

/// For lessons without a network: the computation graph as its definitions
/// (leaves first, then each computed quantity as it was defined); the selected one highlighted.
enum GraphView {
    static func render(into c: inout Canvas, area: Rect, bindings: [BindingSummary], selected: String?,
                       changed: Set<String>) {
        let inner = Frame.render(into: &c, area: area, title: "Computation graph")
        guard inner.width > 4, inner.height > 0 else { return }
        var rows: [(String, Bool, Bool)] = []
        let leaves = bindings.filter(\.isLeaf).map(\.name)
        if !leaves.isEmpty {
            rows += Text.wrap("leaves: " + leaves.joined(separator: " "), to: inner.width).map { ($0, false, false) }
        }
        for b in bindings where !b.isLeaf {
            rows.append((b.name + " = " + (b.definition ?? "?"), b.name == selected, changed.contains(b.name)))
        }
        if rows.isEmpty { rows = [("(nothing defined yet)", false, false)] }
        let index = rows.firstIndex { $0.1 } ?? 0
        let offset = min(max(0, index - inner.height + 1), max(0, rows.count - inner.height))
        for (i, row) in rows.dropFirst(offset).prefix(inner.height).enumerated() {
            var style: CellStyle = row.2 ? .bold : []
            if row.1 { style.insert(.reverse) }
            c.line((row.1 ? c.glyphs.selected : " ") + row.0, in: inner, row: i, fg: row.1 ? .cyan : .standard, style: style)
        }
    }
}
