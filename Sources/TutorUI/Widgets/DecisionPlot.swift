import BackpropCore
import TermCore

/// A 2-input network's decision regions over the data's box: the boundary in
/// braille dots, class-1 regions lightly dotted (ASCII: `.`), and the samples
/// on top as `o` (class 0) and `x` (class 1) or their class digit. Below the
/// plot, the x₁ axis with its ends, then the legend with the x₂ range.
enum DecisionPlot {
    /// Rows under the plot: the x₁ axis and the legend.
    static let footerRows = 2

    /// The size of the grid the network is evaluated on: at most 64×32 points;
    /// the plot's dots look up the nearest one.
    struct Resolution: Hashable, Sendable {
        var columns: Int
        var rows: Int
    }

    /// The grid `render` needs for `area` (nil: too small to plot).
    static func resolution(area: Rect, unicode: Bool) -> Resolution? {
        let inner = Frame.inner(of: area)
        guard inner.width > 8, inner.height > footerRows + 2 else { return nil }
        let dots = DotGrid(columns: inner.width, rows: inner.height - footerRows, unicode: unicode)
        return Resolution(columns: max(2, min(dots.width, 64)), rows: max(2, min(dots.height, 32)))
    }

    static func render(into c: inout Canvas, area: Rect, regions: DecisionRegions) {
        let inner = Frame.render(into: &c, area: area, title: "Decision regions")
        guard let box = regions.box, let size = resolution(area: area, unicode: c.unicode) else { return }
        let data = regions.data, rule = regions.rule
        let plot = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - footerRows)
        let dots = DotGrid(columns: plot.width, rows: plot.height, unicode: c.unicode)
        let gw = size.columns, gh = size.rows
        guard let classes = regions.classes[size] ?? regions.resampled(to: size) else { return }
        let dw = max(1, dots.width), dh = max(1, dots.height)
        func cls(_ r: Int, _ col: Int) -> Int {
            classes[min(gh - 1, r * gh / dh) * gw + min(gw - 1, col * gw / dw)]
        }
        var boundary = DotGrid(columns: plot.width, rows: plot.height, unicode: c.unicode)
        var region = DotGrid(columns: plot.width, rows: plot.height, unicode: c.unicode)
        for r in 0..<dh {
            for col in 0..<dw {
                let k = cls(r, col)
                let edge = (col + 1 < dw && cls(r, col + 1) != k) || (r + 1 < dh && cls(r + 1, col) != k)
                if c.unicode {
                    if edge { boundary.set(col, r, color: .yellow) }
                    else if k != 0, r % 4 == 1, col % 2 == 0 { region.set(col, r, color: .blue) }
                } else if k != 0 {
                    region.set(col, r, color: .blue)
                }
            }
        }
        region.flush(into: &c, x: plot.x, y: plot.y, mark: ".")
        boundary.flush(into: &c, x: plot.x, y: plot.y, mark: "+")
        for i in 0..<data.count {
            let x = data.input(i)
            guard let col = DecisionGrid.index(of: x[x.startIndex], in: box.x1, count: plot.width),
                  let up = DecisionGrid.index(of: x[x.startIndex + 1], in: box.x2, count: plot.height) else { continue }
            let row = plot.height - 1 - up
            let t = Array(data.target(i))
            let label = t.isEmpty ? 0
                : rule.map { r in t.withUnsafeBufferPointer { r.trueClass($0.baseAddress!, count: t.count) } } ?? 0
            let mark = label == 0 ? "o" : label == 1 ? "x" : String(label % 10)
            c.setCell(plot.x + col, plot.y + row, mark, fg: label == 0 ? .red : .green, style: .bold)
        }
        c.line(axes(box, unicode: c.unicode), in: inner, row: inner.height - 2, fg: .gray)
        let legend = c.unicode ? "o class 0  x class 1  ⠿ boundary" : "o class 0  x class 1  . region 1"
        c.line(legend, in: inner, row: inner.height - 1, fg: .gray)
    }

    /// "x₁ → −0.25…1.2   x₂ ↑ −0.25…1.2": what the plot's width and height span.
    static func axes(_ box: (x1: ClosedRange<Double>, x2: ClosedRange<Double>), unicode: Bool) -> String {
        let f = NumberFormat(digits: 2, typographicMinus: unicode)
        let to = unicode ? "…" : ".."
        func range(_ r: ClosedRange<Double>) -> String { f.format(r.lowerBound) + to + f.format(r.upperBound) }
        return (unicode ? "x₁ → " : "x1 -> ") + range(box.x1) + "  " + (unicode ? "x₂ ↑ " : "x2 ^ ") + range(box.x2)
    }
}
