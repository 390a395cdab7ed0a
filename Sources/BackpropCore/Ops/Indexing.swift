/// A[i, j]: one entry, 0-based here (the language is 1-based; the interpreter converts).
enum Indexing {
    static func resultShape(row: Int, column: Int, of s: Shape) throws(GraphError) -> Shape {
        guard row >= 0 && row < s.rows else {
            throw .indexOutOfRange(index: row + 1, dimension: "row", size: s.rows, shape: s)
        }
        guard column >= 0 && column < s.columns else {
            throw .indexOutOfRange(index: column + 1, dimension: "column", size: s.columns, shape: s)
        }
        return .scalar
    }

    @inline(__always)
    static func forward(_ out: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ shapeA: Shape,
                        row: Int, column: Int) {
        out[0] = a[row * shapeA.columns + column]
    }

    /// The signal goes to the one entry read.
    @inline(__always)
    static func propagate(_ f: PullbackFrame, row: Int, column: Int) {
        guard f.wantA else { return }
        f.ga[row * f.shapeA.columns + column] += f.g[0]
    }

    /// The seed at (row, column) of an otherwise zero matrix.
    static func symbolicPullback(seed: Formula, row: Int, column: Int, shape: Shape) -> Formula {
        .scatter(seed, row: row, column: column, shape: shape)
    }

    /// `x[2]` for a vector, `W[1, 2]` for a matrix (1-based, as typed).
    static func render(row: Int, column: Int, _ r: OperandRenderer) -> FormulaRenderer.Piece {
        let shape = r.args[0].shape(in: r.graph)
        let idx = shape.columns == 1 ? "\(row + 1)" : shape.rows == 1 ? "\(column + 1)" : "\(row + 1), \(column + 1)"
        return .init(text: "\(r.operand(0, minLevel: 5))[\(idx)]", level: 5)
    }
}
