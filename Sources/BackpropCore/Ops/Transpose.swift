/// Aᵀ.
enum Transpose {
    /// `help functions`' line for transpose.
    static let summary = "the transpose"

    static func resultShape(_ a: Shape) -> Shape { Shape(rows: a.columns, columns: a.rows) }

    @inline(__always)
    static func forward(_ out: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ shapeA: Shape) {
        for i in 0..<shapeA.rows {
            for j in 0..<shapeA.columns { out[j * shapeA.rows + i] = a[i * shapeA.columns + j] }
        }
    }

    /// Ā += (C̄)ᵀ.
    @inline(__always)
    static func propagate(_ f: PullbackFrame) {
        guard f.wantA else { return }
        let rows = f.shape.rows, columns = f.shape.columns
        for i in 0..<rows {
            for j in 0..<columns { f.ga[j * rows + i] += f.g[i * columns + j] }
        }
    }

    static func symbolicPullback(seed: Formula) -> Formula { .apply(.transpose, [seed]) }

    static func render(_ r: OperandRenderer) -> FormulaRenderer.Piece {
        .init(text: r.operand(0, minLevel: 5) + "ᵀ", level: 5)
    }

    /// (Aᵀ)ᵀ = A, and a 1×1 is its own transpose.
    static func simplify(_ a: Formula, in graph: Graph) -> Formula? {
        if case let .apply(.transpose, inner) = a { return inner[0] }
        if a.shape(in: graph).isScalar { return a }
        return nil
    }
}
