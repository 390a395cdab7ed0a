/// C = A B, the matrix product (m×k · k×n).
enum MatMul {
    static func resultShape(_ a: Shape, _ b: Shape) throws(GraphError) -> Shape {
        guard a.columns == b.rows else { throw .matmulShapeMismatch(a, b) }
        return Shape(rows: a.rows, columns: b.columns)
    }

    @inline(__always)
    static func forward(_ out: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ shapeA: Shape,
                        _ b: UnsafePointer<Double>, _ shapeB: Shape) {
        TensorKernels.matmul(a, b, out, m: shapeA.rows, k: shapeA.columns, n: shapeB.columns, accumulate: false)
    }

    /// Ā += C̄ Bᵀ,  B̄ += Aᵀ C̄.
    @inline(__always)
    static func propagate(_ f: PullbackFrame) {
        let m = f.shapeA.rows, k = f.shapeA.columns, cols = f.shapeB.columns
        if f.wantA { TensorKernels.matmulTransposedRight(f.g, f.b, f.ga, m: m, k: cols, n: k) }
        if f.wantB { TensorKernels.matmulTransposedLeft(f.a, f.g, f.gb, m: k, k: m, n: cols) }
    }

    /// `z̄ Wᵀ` for the left operand, `Wᵀ z̄` for the right (the lectures' `W2ᵀ z̄2`).
    static func symbolicPullback(argument k: Int, arguments args: [Formula], seed: Formula) -> Formula {
        k == 0 ? .apply(.matmul, [seed, .apply(.transpose, [args[1]])])
               : .apply(.matmul, [.apply(.transpose, [args[0]]), seed])
    }

    /// Juxtaposition, `W x`, with products and sums parenthesized.
    static func render(_ r: OperandRenderer) -> FormulaRenderer.Piece {
        var left = r.piece(0, leftmost: r.leftmost)
        if case .apply(.multiply, _) = r.args[0] { left.level = 1 }
        var right = r.piece(1)
        if case .apply(.multiply, _) = r.args[1] { right.level = 1 }
        let l = left.level < 2 ? "(\(left.text))" : left.text
        let rt = right.level < 3 ? "(\(right.text))" : right.text
        return .init(text: "\(l) \(rt)", level: 2)
    }
}
