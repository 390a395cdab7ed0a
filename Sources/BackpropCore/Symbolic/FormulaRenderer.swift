/// Writes formulas in plain-Unicode math, as the lectures do: `z̄ · x + R̄ · w`,
/// `ȳ · y(1 − y)`, `W2ᵀ z̄2`, `(y − t)²`. With `substituting`, every named
/// quantity is replaced by its number ("the numbers plugged in").
public struct FormulaRenderer {
    public var graph: Graph
    public var numbers: NumberFormat
    /// The name to print for a node (a notation may rename `a1` to `h`).
    public var name: (NodeID) -> String
    /// The name of a node's error signal when a notation has one (δ⁽²⁾, ∂ℓ/∂s⁽¹⁾);
    /// nil: the node's name with a bar (z̄).
    public var gradientName: (NodeID) -> String?
    /// Largest non-scalar value written out inline when substituting.
    public var inlineLimit = 4

    public init(graph: Graph, numbers: NumberFormat = NumberFormat(typographicMinus: true),
                name: ((NodeID) -> String)? = nil, gradientName: ((NodeID) -> String?)? = nil) {
        self.graph = graph
        self.numbers = numbers
        let g = graph
        self.name = name ?? { g.displayName(of: $0) }
        self.gradientName = gradientName ?? { _ in nil }
    }

    /// How the error signal of node `id` is written: z̄, or the notation's name for it.
    public func gradientLabel(_ id: NodeID) -> String {
        gradientName(id) ?? Self.barred(name(id))
    }

    /// Error-signal name: a bar over the first letter, as the lectures write v̄.
    public static func barred(_ name: String) -> String {
        guard let first = name.first else { return name }
        return String(first) + "\u{0304}" + name.dropFirst()
    }

    public func render(_ f: Formula, substituting: Bool = false) -> String {
        render(f, substituting: substituting, leftmost: true).text
    }

    // Precedence: 1 sum, 2 product, 3 unary minus, 4 power, 5 atom/postfix.
    private struct Piece {
        var text: String
        var level: Int
    }

    private func render(_ f: Formula, substituting s: Bool, leftmost: Bool) -> Piece {
        switch f {
        case .node(let id):
            return s ? number(graph.value(of: id), fallback: name(id), leftmost: leftmost)
                     : Piece(text: name(id), level: 5)
        case .gradient(let id):
            let value = graph.gradient(of: id) ?? Tensor(rows: graph.shape(of: id).rows, columns: graph.shape(of: id).columns)
            return s ? number(value, fallback: gradientLabel(id), leftmost: leftmost)
                     : Piece(text: gradientLabel(id), level: 5)
        case let .literal(t, label):
            if let label { return Piece(text: label, level: 5) }
            if t.isScalar, let typed = typedNumber(t.scalar) {
                // A number the student wrote reads as written: 0.5, not 0.50000.
                let negative = t.scalar < 0
                if negative && !leftmost { return Piece(text: "(\(typed))", level: 5) }
                return Piece(text: typed, level: negative ? 3 : 5)
            }
            return number(t, fallback: "⟨\(t.shape)⟩", leftmost: leftmost)
        case let .derivative(fn, x):
            return Piece(text: "\(fn.symbol)'(\(render(x, substituting: s, leftmost: true).text))", level: 5)
        case let .scatter(x, row, column, shape):
            return Piece(text: "\(render(x, substituting: s, leftmost: true).text) at [\(row + 1), \(column + 1)] of \(shape)",
                         level: 1)
        case let .apply(op, args):
            return renderApply(op, args, substituting: s, leftmost: leftmost)
        }
    }

    private func renderApply(_ op: Op, _ args: [Formula], substituting s: Bool, leftmost: Bool) -> Piece {
        func operand(_ k: Int, minLevel: Int, leftmost l: Bool = false) -> String {
            let p = render(args[k], substituting: s, leftmost: l)
            return p.level < minLevel ? "(\(p.text))" : p.text
        }
        switch op {
        case .add:
            // a + (b + c) and a + (b − c) need no parentheses; a − (b + c) does.
            return Piece(text: "\(operand(0, minLevel: 1, leftmost: leftmost)) + \(operand(1, minLevel: 1))", level: 1)
        case .subtract:
            return Piece(text: "\(operand(0, minLevel: 1, leftmost: leftmost)) − \(operand(1, minLevel: 2))", level: 1)
        case .multiply:
            // ⊙ between two matrices; a scalar factor multiplies with a centred dot.
            let scalar = args.contains { $0.shape(in: graph).isScalar }
            let left = operand(0, minLevel: 2, leftmost: leftmost)
            var right = render(args[1], substituting: s, leftmost: false)
            if case .apply(.matmul, _) = args[1] { right.level = 1 }
            let wrapped = right.level < 3
            let rightText = wrapped ? "(\(right.text))" : right.text
            let leftIsMatmul: Bool = if case .apply(.matmul, _) = args[0] { true } else { false }
            let l = leftIsMatmul ? "(\(left))" : left
            if !scalar { return Piece(text: "\(l) ⊙ \(rightText)", level: 2) }
            // Juxtapose a parenthesized sum, as in y(1 − y); otherwise a centred dot.
            if !s, wrapped, !l.hasSuffix(")") { return Piece(text: l + rightText, level: 2) }
            return Piece(text: "\(l) · \(rightText)", level: 2)
        case .divide:
            return Piece(text: "\(operand(0, minLevel: 2, leftmost: leftmost)) / \(operand(1, minLevel: 3))", level: 2)
        case .matmul:
            var left = render(args[0], substituting: s, leftmost: leftmost)
            if case .apply(.multiply, _) = args[0] { left.level = 1 }
            var right = render(args[1], substituting: s, leftmost: false)
            if case .apply(.multiply, _) = args[1] { right.level = 1 }
            let l = left.level < 2 ? "(\(left.text))" : left.text
            let r = right.level < 3 ? "(\(right.text))" : right.text
            return Piece(text: "\(l) \(r)", level: 2)
        case .negate:
            // A negative operand is parenthesized: −(−2), never −−2.
            var inner = operand(0, minLevel: 3, leftmost: true)
            if inner.hasPrefix("−") || inner.hasPrefix("-") { inner = "(\(inner))" }
            return Piece(text: "−\(inner)", level: 3)
        case .power:
            let base = operand(0, minLevel: 5)
            if let k = args[1].numericConstant, let sup = Self.superscript(k) {
                return Piece(text: base + sup, level: 4)
            }
            return Piece(text: "\(base)^\(operand(1, minLevel: 4))", level: 4)
        case .transpose:
            return Piece(text: operand(0, minLevel: 5) + "ᵀ", level: 5)
        case let .index(row, column):
            let shape = args[0].shape(in: graph)
            let idx = shape.columns == 1 ? "\(row + 1)" : shape.rows == 1 ? "\(column + 1)" : "\(row + 1), \(column + 1)"
            return Piece(text: "\(operand(0, minLevel: 5))[\(idx)]", level: 5)
        case .function(let fn):
            return Piece(text: "\(fn.symbol)(\(operand(0, minLevel: 0, leftmost: true)))", level: 5)
        case .logSigmoid, .logSoftmax:
            return Piece(text: "log(\(operand(0, minLevel: 0, leftmost: true)))", level: 5)
        case .sum, .mean, .softmax:
            let word = op == .sum ? "sum" : op == .mean ? "mean" : "softmax"
            return Piece(text: "\(word)(\(operand(0, minLevel: 0, leftmost: true)))", level: 5)
        case .leaf, .constant:
            return Piece(text: "?", level: 5)
        }
    }

    private func number(_ t: Tensor, fallback: String, leftmost: Bool) -> Piece {
        if t.isScalar {
            let text = numbers.format(t.scalar)
            let negative = text.hasPrefix("−") || text.hasPrefix("-")
            if negative && !leftmost { return Piece(text: "(\(text))", level: 5) }
            return Piece(text: text, level: negative ? 3 : 5)
        }
        guard t.count <= inlineLimit else { return Piece(text: fallback, level: 5) }
        return Piece(text: MatrixText.inline(t, numbers: numbers), level: 5)
    }

    /// A number in the shortest form that reads back exactly, when that is short
    /// (as a student would type it), with the typographic minus.
    private func typedNumber(_ x: Double) -> String? {
        guard x.isFinite else { return nil }
        let text = NumberFormat.roundTrip(x)
        guard text.count <= 8, !text.contains("e") else { return nil }
        return numbers.typographicMinus && text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    static func superscript(_ k: Double) -> String? {
        guard k == k.rounded(), abs(k) < 100, k >= 2 || k < 0 else { return nil }
        return ScriptDigits.superscript(Int(k))
    }
}

/// Matrices as text.
public enum MatrixText {
    /// One line, rows separated by `;`: `[1; 2]` is a column vector, `[1, 2]` a row.
    public static func inline(_ t: Tensor, numbers: NumberFormat) -> String {
        if t.isScalar { return numbers.format(t.scalar) }
        let rows = t.rowArrays.map { $0.map(numbers.format).joined(separator: ", ") }
        return "[" + rows.joined(separator: "; ") + "]"
    }

    /// Aligned rows, each in brackets, columns right-aligned:
    /// ```
    /// [ 0.10000  -0.20000 ]
    /// [ 3        0.40000  ]
    /// ```
    public static func block(_ t: Tensor, numbers: NumberFormat) -> [String] {
        let cells = t.rowArrays.map { $0.map(numbers.format) }
        guard t.columns > 0 else { return ["[ ]"] }
        let widths = (0..<t.columns).map { j in cells.map { $0[j].count }.max() ?? 0 }
        return cells.map { row in
            "[ " + row.enumerated().map { j, text in
                String(repeating: " ", count: widths[j] - text.count) + text
            }.joined(separator: "  ") + " ]"
        }
    }
}
