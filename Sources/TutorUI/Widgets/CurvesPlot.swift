import BackpropCore
import TermCore
import TutorScript

/// `plot`'s curves of one variable in braille dots (ASCII: `*`), one colour each and,
/// so that nothing relies on colour, each curve's number at its right end; the y range
/// on the left, the variable's range underneath, and a legend of the numbered curves.
enum CurvesPlot {
    static let colors: [CellColor] = [.cyan, .yellow, .green, .magenta, .red, .blue]

    static func render(into c: inout Canvas, area: Rect, plot: CurvePlot) {
        let inner = Frame.render(into: &c, area: area, title: "Plot over \(plot.variable)")
        guard inner.width > 16, inner.height > 4, let (lo, hi) = plot.yRange, plot.x.count > 1 else {
            if inner.width > 0 { c.line("no finite values to draw", in: inner, row: 0, fg: .gray) }
            return
        }
        let f = NumberFormat(digits: 3, typographicMinus: true)
        let labels = [f.format(hi), f.format(lo)]
        let labelWidth = labels.map { Text.width(c.glyphs.fold($0)) }.max() ?? 4
        // The legend, on as many rows as it needs (up to 3).
        var legend: [[(String, CellColor)]] = [[]]
        var used = 0
        for (k, s) in plot.series.enumerated() {
            let entry = "\(k + 1) \(s.expression)", width = Text.width(c.glyphs.fold(entry))
            if used > 0, used + 2 + width > inner.width {
                guard legend.count < 3 else { break }
                legend.append([])
                used = 0
            }
            legend[legend.count - 1].append((entry, colors[k % colors.count]))
            used += (used > 0 ? 2 : 0) + width
        }
        // Rows: the plot, the x axis, the legend. Columns: labels, the axis, the plot, the curves' numbers.
        let plotArea = Rect(x: inner.x + labelWidth + 1, y: inner.y, width: inner.width - labelWidth - 3,
                            height: inner.height - 1 - legend.count)
        guard plotArea.height >= 2 else { return }
        c.text(labels[0], x: inner.x, y: inner.y, fg: .gray)
        c.text(labels[1], x: inner.x, y: plotArea.maxY - 1, fg: .gray)
        for row in 0..<plotArea.height { c.text(c.glyphs.vertical, x: plotArea.x - 1, y: plotArea.y + row, fg: .gray) }
        var dots = DotGrid(columns: plotArea.width, rows: plotArea.height, unicode: c.unicode)
        let n = plot.x.count
        func dotRow(_ v: Double) -> Int { Int(((hi - v) / (hi - lo) * Double(dots.height - 1)).rounded()) }
        var ends: [(row: Int, label: String, color: CellColor)] = []
        for (k, s) in plot.series.enumerated() {
            let color = colors[k % colors.count]
            var previous: (Int, Int)?
            for px in 0..<dots.width {
                let i = Int((Double(px) / Double(max(1, dots.width - 1)) * Double(n - 1)).rounded())
                let v = s.y[i]
                guard v.isFinite else { previous = nil; continue }
                let point = (px, dotRow(v))
                if let p = previous { dots.line(from: p, to: point, color: color) } else { dots.set(px, point.1, color: color) }
                previous = point
            }
            if let last = s.y.last(where: \.isFinite) {
                ends.append((min(plotArea.height - 1, dotRow(last) / max(1, dots.height / plotArea.height)), "\(k + 1)", color))
            }
        }
        dots.flush(into: &c, x: plotArea.x, y: plotArea.y, mark: "*")
        var taken = Set<Int>()
        for end in ends {
            var row = end.row
            while taken.contains(row), row + 1 < plotArea.height { row += 1 }
            taken.insert(row)
            c.text(end.label, x: plotArea.maxX + 1, y: plotArea.y + row, fg: end.color, style: .bold)
        }
        let left = f.format(plot.x.first ?? 0), right = f.format(plot.x.last ?? 0)
        let gap = max(1, plotArea.width - Text.width(c.glyphs.fold(left)) - Text.width(c.glyphs.fold(right)) - plot.variable.count)
        let axis = left + String(repeating: " ", count: gap / 2) + plot.variable + String(repeating: " ", count: gap - gap / 2) + right
        c.text(axis, x: plotArea.x, y: plotArea.maxY, limit: plotArea.width, fg: .gray)
        for (row, entries) in legend.enumerated() {
            var x = inner.x
            for (entry, color) in entries {
                c.text(entry, x: x, y: plotArea.maxY + 1 + row, limit: inner.maxX - x, fg: color)
                x += Text.width(c.glyphs.fold(entry)) + 2
            }
        }
    }
}
