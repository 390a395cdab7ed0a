/// sum(A) and mean(A): all entries to one 1×1 value.
enum Reductions {
    /// `help functions`' lines for sum and mean.
    static func summary(_ op: Op) -> String { op == .sum ? "sum of all entries (1×1)" : "mean of all entries (1×1)" }

    @inline(__always)
    static func forward(_ op: Op, _ out: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ na: Int) {
        var s = 0.0
        for k in 0..<na { s += a[k] }
        out[0] = op == .sum ? s : s / Double(na)
    }

    /// Every entry receives the 1×1 signal (divided by n for the mean).
    @inline(__always)
    static func propagate(_ op: Op, _ f: PullbackFrame) {
        guard f.wantA else { return }
        let each = op == .sum ? f.g[0] : f.g[0] / Double(f.na)
        for k in 0..<f.na { f.ga[k] += each }
    }

    /// seed ⊙ 𝟏 (seed / n ⊙ 𝟏 for the mean); just the seed for a 1×1 operand.
    static func symbolicPullback(_ op: Op, seed: Formula, operand: Shape) -> Formula {
        let each = op == .sum ? seed : .apply(.divide, [seed, .scalar(Double(operand.count))])
        return operand.isScalar ? each : .apply(.multiply, [each, .ones(operand)])
    }

    static func render(_ op: Op, _ r: OperandRenderer) -> FormulaRenderer.Piece {
        r.call(op == .sum ? "sum" : "mean")
    }

    /// The sum of a 1×1 is itself.
    static func simplify(_ op: Op, _ a: Formula, in graph: Graph) -> Formula? {
        op == .sum && a.shape(in: graph).isScalar ? a : nil
    }
}
