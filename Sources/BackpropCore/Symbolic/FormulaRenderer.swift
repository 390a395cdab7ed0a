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
    struct Piece {
        var text: String
        var level: Int
    }

    func render(_ f: Formula, substituting s: Bool, leftmost: Bool) -> Piece {
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
            return renderApply(op, OperandRenderer(renderer: self, args: args, substituting: s, leftmost: leftmost))
        }
    }

    /// Each op writes itself (its file in `Ops/`); this only dispatches.
    private func renderApply(_ op: Op, _ r: OperandRenderer) -> Piece {
        switch op {
        case .add, .subtract, .multiply, .divide, .power, .negate: Arithmetic.render(op, r)
        case .matmul: MatMul.render(r)
        case .transpose: Transpose.render(r)
        case let .index(row, column): Indexing.render(row: row, column: column, r)
        case .function(let fn): FunctionOp.render(fn, r)
        case .logSigmoid, .logSoftmax, .softmax: Softmax.render(op, r)
        case .sum, .mean: Reductions.render(op, r)
        case .leaf, .constant: Leaf.render()
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

/// An op's operands as its rendering rule sees them: each operand's piece,
/// parenthesized below a precedence level, as the rule asks.
struct OperandRenderer {
    let renderer: FormulaRenderer
    let args: [Formula]
    /// Whether numbers are plugged in for names.
    let substituting: Bool
    /// Whether the op's text starts the whole formula (a leading minus needs no parentheses).
    let leftmost: Bool

    var graph: Graph { renderer.graph }

    /// Operand k as rendered, with its precedence level.
    func piece(_ k: Int, leftmost l: Bool = false) -> FormulaRenderer.Piece {
        renderer.render(args[k], substituting: substituting, leftmost: l)
    }

    /// Operand k's text, parenthesized when its level is below `minLevel`.
    func operand(_ k: Int, minLevel: Int, leftmost l: Bool = false) -> String {
        let p = piece(k, leftmost: l)
        return p.level < minLevel ? "(\(p.text))" : p.text
    }

    /// `name(operand)`: how functions, sums and softmax are written.
    func call(_ name: String) -> FormulaRenderer.Piece {
        FormulaRenderer.Piece(text: "\(name)(\(operand(0, minLevel: 0, leftmost: true)))", level: 5)
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
