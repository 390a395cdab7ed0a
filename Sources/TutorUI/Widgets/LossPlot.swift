#if canImport(Glibc)
import Glibc
#endif
import BackpropCore
import TermCore

/// The loss curve (log scale when it spans more than two decades), in braille
/// dots or ASCII `*`, with its range on the left and the epochs underneath. A run in
/// progress is drawn against its whole length (`epochs`), so the curve grows from the
/// left instead of being stretched again on every tick.
enum LossPlot {
    static func render(into c: inout Canvas, area: Rect, history: [Double], stride: Int, live: Bool,
                       epochs planned: Int? = nil) {
        let inner = Frame.render(into: &c, area: area, title: live ? "Loss (training…)" : "Loss")
        let values = history.filter(\.isFinite)
        guard inner.width > 14, inner.height > 3, let lo = values.min(), let hi = values.max() else {
            if inner.width > 0 { c.line("no losses yet", in: inner, row: 0, fg: .gray) }
            return
        }
        let log = lo > 0 && hi / lo > 100
        func y(_ v: Double) -> Double { log ? log10(v) : v }
        let top = y(hi), bottom = y(lo) == y(hi) ? y(hi) - 1 : y(lo)
        let f = NumberFormat(digits: 3, typographicMinus: true)
        let labels = [f.format(hi), f.format(lo)]
        let labelWidth = labels.map { Text.width(c.glyphs.fold($0)) }.max() ?? 4
        let plotArea = Rect(x: inner.x + labelWidth + 1, y: inner.y, width: inner.width - labelWidth - 1, height: inner.height - 1)
        c.text(labels[0], x: inner.x, y: inner.y, fg: .gray)
        c.text(labels[1], x: inner.x, y: plotArea.maxY - 1, fg: .gray)
        if log { c.text("log", x: inner.x, y: inner.y + 1, fg: .gray, style: .dim) }
        for row in 0..<plotArea.height { c.text(c.glyphs.vertical, x: plotArea.x - 1, y: plotArea.y + row, fg: .gray) }
        var dots = DotGrid(columns: plotArea.width, rows: plotArea.height, unicode: c.unicode)
        let n = history.count
        let done = max(0, (n - 1) * stride)
        let span = max(done, planned ?? done)
        var previous: (Int, Int)?
        for px in 0..<dots.width {
            let epoch = Double(px) / Double(max(1, dots.width - 1)) * Double(span)
            guard epoch <= Double(done) + Double(stride) / 2 else { break }
            let k = n == 1 ? 0 : min(n - 1, Int((epoch / Double(max(1, stride))).rounded()))
            let v = history[k]
            guard v.isFinite else { previous = nil; continue }
            let py = Int(((top - y(v)) / (top - bottom) * Double(dots.height - 1)).rounded())
            if let p = previous { dots.line(from: p, to: (px, py), color: .cyan) } else { dots.set(px, py, color: .cyan) }
            previous = (px, py)
        }
        dots.flush(into: &c, x: plotArea.x, y: plotArea.y, mark: "*")
        let axis = "epoch 0" + String(repeating: " ", count: max(1, plotArea.width - 8 - "\(span)".count)) + "\(span)"
        c.text(axis, x: plotArea.x, y: inner.maxY - 1, limit: plotArea.width, fg: .gray)
        let last = "now " + f.format(history.last ?? .nan)
        c.text(last, x: plotArea.maxX - Text.width(c.glyphs.fold(last)), y: inner.y, fg: .cyan, style: .bold)
    }
}
