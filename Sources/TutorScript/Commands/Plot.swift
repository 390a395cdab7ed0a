import BackpropCore
import ScriptSyntax
import TutorStore

/// Curves of one variable: each expression's value at evenly spaced points.
public struct CurvePlot: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        /// The expression as written (`sigmoid(5*z)`; an entry of a vector: `softmax(v)[2]`).
        public var expression: String
        public var y: [Double]
    }

    /// The name bound to each point.
    public var variable: String
    /// The points, from LOW to HIGH, both included.
    public var x: [Double]
    public var series: [Series]

    /// The y range both drawings use: the finite values' extent, widened by 1 each way
    /// when they are all equal; nil when no value is finite.
    public var yRange: (low: Double, high: Double)? {
        let finite = series.flatMap(\.y).filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return nil }
        return low == high ? (low - 1, high + 1) : (low, high)
    }
}

/// `plot EXPR[, EXPR…] for NAME in LOW..HIGH [points=N]`: each expression sampled with
/// NAME bound to each point, in a copy of the graph, so no binding changes. NAME may be a
/// new name or a number leaf (then everything computed from it follows: `plot E for w in
/// -1..3` traces the loss E(w) of the lesson's graph). A column vector gives one curve
/// per entry.
extension Interpreter {
    func plot(_ command: PlotCommand, source: SourceFile) throws(Diagnostic) -> Output {
        try PlotSyntax.schema.validate(command.options)
        let count = try command.options.wholeNumber(PlotSyntax.points) ?? PlotSyntax.defaultPoints
        let low = try rangeEnd(command.low), high = try rangeEnd(command.high)
        guard low < high else {
            throw Diagnostic(ScriptMessage.plotEmptyRange(low: low, high: high),
                             at: command.low.span.merged(with: command.high.span))
        }
        // NAME: the leaf each point is put into, in a copy of the interpreter.
        var scratch = self
        let name = command.variable.name
        let leaf: NodeID
        if let id = scratch.graph.bindings[name] {
            guard scratch.graph.isLeaf(id), scratch.graph.shape(of: id).isScalar else {
                throw Diagnostic(ScriptMessage.plotVariableNotANumber(name: name, shape: "\(scratch.graph.shape(of: id))",
                                                                      leaf: scratch.graph.isLeaf(id)),
                                 at: command.variable.span)
            }
            leaf = id
        } else {
            leaf = scratch.graph.addLeaf(Tensor(scalar: low))
            scratch.graph.bind(name, to: leaf, definition: nil)
        }
        var graph = scratch.graph
        var curves: [(node: NodeID, text: String, simple: Bool)] = []
        for e in command.curves {
            let (node, _) = try scratch.lower(e, into: &graph)
            let shape = graph.shape(of: node)
            guard shape.columns == 1 else {
                throw Diagnostic(ScriptMessage.plotCurveShape(shape: "\(shape)"), at: e.span)
            }
            let simple = switch e.kind {
            case .name, .call: true
            default: false
            }
            curves.append((node, Self.text(of: e.span, in: source), simple))
        }
        let x = (0..<count).map { i in i == count - 1 ? high : low + (high - low) * Double(i) / Double(count - 1) }
        var values = curves.map { c in [[Double]](repeating: [], count: graph.shape(of: c.node).rows) }
        for point in x {
            graph.setLeaf(leaf, to: Tensor(scalar: point))
            for (k, c) in curves.enumerated() {
                let v = graph.value(of: c.node)
                for r in 0..<v.rows { values[k][r].append(v.storage[r]) }
            }
        }
        var series: [CurvePlot.Series] = []
        for (k, c) in curves.enumerated() {
            if values[k].count == 1 {
                series.append(.init(expression: c.text, y: values[k][0]))
            } else {
                let base = c.simple ? c.text : "(\(c.text))"
                for (r, y) in values[k].enumerated() { series.append(.init(expression: "\(base)[\(r + 1)]", y: y)) }
            }
        }
        return .plot(CurvePlot(variable: name, x: x, series: series))
    }

    /// LOW or HIGH: a finite number (an expression of the graph's quantities is allowed).
    private func rangeEnd(_ e: Expression) throws(Diagnostic) -> Double {
        var scratch = graph
        let (node, _) = try lower(e, into: &scratch)
        let v = scratch.value(of: node)
        guard v.isScalar, v.scalar.isFinite else {
            throw Diagnostic(ScriptMessage.plotRangeEnd(v.isScalar ? NumberFormat().format(v.scalar) : "\(v.shape)"),
                             at: e.span)
        }
        return v.scalar
    }

    /// The source text an expression was written as (one line; else its first line's part).
    static func text(of span: SourceSpan, in source: SourceFile) -> String {
        let line = Array(source.line(span.start.line))
        let from = max(0, span.start.column - 1)
        let to = span.end.line == span.start.line ? min(line.count, span.end.column - 1) : line.count
        return from < to ? String(line[from..<to]).trimmingWhitespace : "curve"
    }
}

extension TextOutput {
    /// A character plot of the curves: one mark per curve (the legend says which),
    /// a y axis with its ends, and the x range under it.
    func lines(for plot: CurvePlot) -> [String] {
        let f = NumberFormat(digits: 3, typographicMinus: true)
        let marks: [Character] = ["*", "o", "+", "x", "#", "@", "%", "&"]
        let legend = plot.series.enumerated().map { k, s in "\(marks[k % marks.count]) \(s.expression)" }
        var out = ["plot over \(plot.variable) from \(f.format(plot.x.first ?? 0)) to \(f.format(plot.x.last ?? 0)) "
                   + "(\(plot.x.count) points): " + legend.joined(separator: "   ")]
        guard let (lo, hi) = plot.yRange else { return out + ["  no finite values to draw"] }
        let height = 12, width = 61
        var cells = [[Character]](repeating: [Character](repeating: " ", count: width), count: height)
        for (k, s) in plot.series.enumerated() {
            for column in 0..<width {
                let y = s.y[column * (s.y.count - 1) / max(1, width - 1)]
                guard y.isFinite else { continue }
                let row = Int(((hi - y) / (hi - lo) * Double(height - 1)).rounded())
                cells[max(0, min(height - 1, row))][column] = marks[k % marks.count]
            }
        }
        let top = f.format(hi), bottom = f.format(lo)
        let labelWidth = max(top.count, bottom.count)
        for (r, row) in cells.enumerated() {
            let label = r == 0 ? top : r == height - 1 ? bottom : ""
            out.append("  " + String(repeating: " ", count: labelWidth - label.count) + label + " │" + String(row))
        }
        out.append("  " + String(repeating: " ", count: labelWidth) + " └" + String(repeating: "─", count: width))
        let left = f.format(plot.x.first ?? 0), right = f.format(plot.x.last ?? 0)
        let gap = max(1, width - left.count - right.count - plot.variable.count)
        out.append("  " + String(repeating: " ", count: labelWidth + 2) + left + String(repeating: " ", count: gap / 2)
                   + plot.variable + String(repeating: " ", count: gap - gap / 2) + right)
        let missing = plot.series.flatMap(\.y).filter { !$0.isFinite }.count
        if missing > 0 { out.append("  (\(missing) value\(missing == 1 ? " is" : "s are") NaN or infinite: not drawn)") }
        return out.map(\.trailingSpacesRemoved)
    }
}

extension JSONOutput {
    /// `{"plot": {"variable": "z", "x": [...], "series": [{"expr": "sigmoid(5*z)", "y": [...]}, ...]}}`.
    static func json(for plot: CurvePlot) -> JSONValue {
        .object([("plot", .object([
            ("variable", .string(plot.variable)),
            ("x", numbers(plot.x)),
            ("series", .array(plot.series.map { s in .object([("expr", .string(s.expression)), ("y", numbers(s.y))]) })),
        ]))])
    }
}
