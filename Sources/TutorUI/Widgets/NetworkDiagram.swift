import BackpropCore
import TermCore

/// The network: a column of units per layer (each showing its activation),
/// edges between them drawn solid for a positive weight and dashed (ASCII: `.`
/// rather than `*`) for a negative one, green and red, with the signed weight
/// near each edge. The selected quantity's layer is highlighted (bold, reverse).
/// Too big to draw unit by unit (e.g. 64-32-10): a summary, layer by layer.
enum NetworkDiagram {
    static let unitWidth = 7

    static func render(into c: inout Canvas, area: Rect, nodes: NetworkNodes, graph: Graph, selected: String?) {
        let spec = nodes.spec
        let title = "Network " + spec.sizes.map(String.init).joined(separator: "-")
        let inner = Frame.render(into: &c, area: area, title: title)
        guard inner.width > 10, inner.height > 2 else { return }
        let depth = spec.depth
        let maxUnits = spec.sizes.max() ?? 1
        let gap = (inner.width - (depth + 1) * unitWidth) / max(1, depth)
        if maxUnits > min(8, inner.height - 1) || gap < 7 {
            summary(into: &c, inner: inner, nodes: nodes, graph: graph, selected: selected)
            return
        }
        let active = activeLayer(selected, depth: depth)
        let xs = (0...depth).map { inner.x + $0 * (unitWidth + gap) }
        let bodyTop = inner.y + 1, bodyHeight = inner.height - 1
        func row(_ i: Int, of n: Int) -> Int { bodyTop + ((2 * i + 1) * bodyHeight) / (2 * n) }

        // Layer names.
        for l in 0...depth {
            let name = l == 0 ? "x" : "a\(l) " + activationSymbol(spec.activations[l - 1], unicode: c.unicode)
            let isActive = active?.units == l
            c.text(name, x: xs[l], y: inner.y, limit: min(unitWidth + 2, inner.maxX - xs[l]), fg: .gray,
                   style: isActive ? [.bold, .underline] : .underline)
        }
        // Edges, in dots.
        var positive = DotGrid(columns: inner.width, rows: bodyHeight, unicode: c.unicode)
        var negative = DotGrid(columns: inner.width, rows: bodyHeight, unicode: c.unicode)
        var labels: [(x: Int, y: Int, text: String, negative: Bool, active: Bool)] = []
        var taken = Set<Int>()
        var hidden = 0
        let f = NumberFormat(digits: 2, typographicMinus: true)
        for l in 1...depth {
            let w = graph.value(of: nodes.weights[l - 1])
            let nIn = spec.sizes[l - 1], nOut = spec.sizes[l]
            let x0 = xs[l - 1] + unitWidth - inner.x, x1 = xs[l] - 1 - inner.x
            for j in 0..<nOut {
                for i in 0..<nIn {
                    let weight = w[j, i]
                    let y0 = row(i, of: nIn) - bodyTop, y1 = row(j, of: nOut) - bodyTop
                    let a = (x0 * positive.dotsX, y0 * positive.dotsY + positive.dotsY / 2)
                    let b = (x1 * positive.dotsX + positive.dotsX - 1, y1 * positive.dotsY + positive.dotsY / 2)
                    if weight >= 0 { positive.line(from: a, to: b, color: .green) }
                    else { negative.line(from: a, to: b, color: .red, dash: c.unicode ? 2 : 1) }
                    // The weight's label, part way along its edge (staggered by target unit).
                    let text = (weight >= 0 ? "+" : "") + f.format(weight)
                    let t = Double(j + 1) / Double(nOut + 1) * 0.6 + 0.2
                    let lx = x0 + Int(Double(x1 - x0) * t) - Text.width(text) / 2
                    let ly = Int((Double(y0) + Double(y1 - y0) * t).rounded())
                    var placed = false
                    for dy in [0, -1, 1] {
                        let yy = ly + dy
                        guard yy >= 0, yy < bodyHeight else { continue }
                        let cells = (lx - 1)...(lx + Text.width(text))
                        if cells.allSatisfy({ !taken.contains(yy * 10_000 + $0) }) {
                            cells.forEach { taken.insert(yy * 10_000 + $0) }
                            labels.append((lx, yy, text, weight < 0, active?.weights == l))
                            placed = true
                            break
                        }
                    }
                    if !placed { hidden += 1 }
                }
            }
        }
        positive.flush(into: &c, x: inner.x, y: bodyTop, mark: "*")
        negative.flush(into: &c, x: inner.x, y: bodyTop, mark: ".")
        if let weights = active?.weights {
            let rect = Rect(x: xs[weights - 1] + unitWidth, y: bodyTop, width: xs[weights] - xs[weights - 1] - unitWidth,
                            height: bodyHeight)
            c.addStyle(.bold, to: rect)
        }
        for label in labels {
            c.text(label.text, x: inner.x + label.x, y: bodyTop + label.y, fg: label.negative ? .red : .green,
                   style: label.active ? [.bold, .reverse] : [])
        }
        // Units.
        for l in 0...depth {
            let values = graph.value(of: nodes.activation(l))
            for i in 0..<spec.sizes[l] {
                let text = "(" + Text.clip(f.format(values.storage[i]), to: unitWidth - 2) + ")"
                let isActive = active?.units == l
                c.text(Text.pad(text, to: unitWidth), x: xs[l], y: row(i, of: spec.sizes[l]),
                       fg: isActive ? .cyan : .standard, style: isActive ? [.bold, .reverse] : .bold)
            }
        }
        if hidden > 0 {
            c.line("(\(hidden) weight labels hidden: 'show W1')", in: inner, row: inner.height - 1, fg: .gray)
        }
    }

    /// Which layer's units or weights the selected quantity is.
    static func activeLayer(_ name: String?, depth: Int) -> (units: Int?, weights: Int?)? {
        guard let name else { return nil }
        if name == "x" || name == "a0" { return (0, nil) }
        if name == "t" || name == "L" { return (depth, nil) }
        guard let first = name.first, let l = Int(name.dropFirst()), l >= 1, l <= depth else { return nil }
        switch first {
        case "W": return (nil, l)
        case "b", "z", "a": return (l, nil)
        default: return nil
        }
    }

    static func activationSymbol(_ a: Activation, unicode: Bool) -> String {
        a.glyph(unicode: unicode)
    }

    /// One line per layer and per weight matrix, for nets too big to draw unit by unit.
    static func summary(into c: inout Canvas, inner: Rect, nodes: NetworkNodes, graph: Graph, selected: String?) {
        let spec = nodes.spec
        let active = activeLayer(selected, depth: spec.depth)
        let f = NumberFormat(digits: 3, typographicMinus: true)
        var rows: [(String, Bool)] = [("x    \(spec.sizes[0]) inputs", active?.units == 0)]
        for l in 1...spec.depth {
            let w = graph.value(of: nodes.weights[l - 1]).storage
            let plus = w.filter { $0 >= 0 }.count
            let mean = w.isEmpty ? 0 : w.map { abs($0) }.reduce(0, +) / Double(w.count)
            let arrow = c.unicode ? "│" : "|"
            let times = c.unicode ? "×" : "x"
            rows.append(("  \(arrow)  W\(l) \(spec.sizes[l])\(times)\(spec.sizes[l - 1]): \(plus) +, \(w.count - plus) −,"
                         + " mean |w| \(f.format(mean))", active?.weights == l))
            rows.append(("a\(l)   \(spec.sizes[l]) \(spec.activations[l - 1])", active?.units == l))
        }
        rows.append(("  " + (c.unicode ? "│" : "|") + "  loss \(spec.loss)", false))
        rows.append(("L    = " + f.format(graph.value(of: nodes.loss).scalar), selected == "L"))
        for (i, (text, isActive)) in rows.prefix(inner.height).enumerated() {
            c.line(text, in: inner, row: i, fg: isActive ? .cyan : .standard, style: isActive ? [.bold, .reverse] : [])
        }
    }
}
