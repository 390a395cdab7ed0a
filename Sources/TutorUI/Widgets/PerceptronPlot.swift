import BackpropCore
import TermCore

/// The perceptron's updates k against Novikoff's bound 4R²/γ², as two bars on one scale.
enum PerceptronPlot {
    static func render(into c: inout Canvas, area: Rect, report: PerceptronReport) {
        let inner = Frame.render(into: &c, area: area, title: "Perceptron: k against 4R²/γ²")
        guard inner.width > 20, inner.height > 1 else { return }
        let f = NumberFormat(digits: 4, typographicMinus: true)
        let k = Double(report.updates)
        let full = c.unicode ? "█" : "#"
        let empty = c.unicode ? "░" : "."
        let barWidth = inner.width - 14
        var row = 0
        func bar(_ label: String, _ v: Double, _ scale: Double, _ color: CellColor) {
            guard row < inner.height else { return }
            let share = v / scale * Double(barWidth)    // ∞/∞ (a bound that overflowed) draws an empty bar
            let n = share.isFinite && share > 0 ? min(barWidth, Int(share.rounded())) : 0
            c.text(Text.pad(label, to: 12), x: inner.x, y: inner.y + row, fg: .gray)
            c.text(String(repeating: full, count: n) + String(repeating: empty, count: barWidth - n), x: inner.x + 13,
                   y: inner.y + row, fg: color)
            row += 1
        }
        if let bound = report.bound {
            let scale = max(k, bound)
            bar("k = " + String(report.updates), k, scale, .cyan)
            bar("bound", bound, scale, .yellow)
            if row < inner.height {
                c.line("k = \(report.updates) ≤ 4R²/γ² = \(f.format(bound))" + (report.withinBound == true ? ": within" : ": ABOVE"),
                       in: inner, row: row, style: .bold)
                row += 1
            }
            if row < inner.height, let gamma = report.gamma {
                c.line("R = \(f.format(report.radius)), γ = \(f.format(gamma))", in: inner, row: row, fg: .gray)
                row += 1
            }
        } else {
            c.line("k = \(report.updates); not separable: no bound", in: inner, row: 0, style: .bold)
            row = 1
        }
        if row < inner.height {
            c.line(report.converged ? "converged after \(report.epochs) epochs" : "not converged (\(report.epochs) epochs)",
                   in: inner, row: row, fg: .gray)
        }
    }
}
