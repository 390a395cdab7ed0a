extension Graph {
    /// Recomputes the values of nodes `first...last` (in tape order) from their
    /// inputs, in place in the value arena.
    mutating func computeValues(from first: NodeID, through last: NodeID) {
        let tape = layout
        values.withUnsafeMutableBufferPointer { arena in
            let base = arena.baseAddress!
            for id in first...last where tape.ops[id].arity > 0 {
                tape.computeValue(of: id, base)
            }
        }
    }

    /// The layout arrays, shared (not copied) so kernels can read them while
    /// the value or gradient arena is borrowed for writing.
    var layout: TapeLayout {
        TapeLayout(ops: ops, input0: input0, input1: input1, shapes: shapes, offsets: offsets)
    }
}

/// Which op each node applies, to which inputs, and where its entries live.
struct TapeLayout {
    let ops: [Op]
    let input0: [NodeID]
    let input1: [NodeID]
    let shapes: [Shape]
    let offsets: [Int]

    @inline(__always)
    func computeValue(of id: NodeID, _ base: UnsafeMutablePointer<Double>) {
        let op = ops[id]
        let out = base + offsets[id]
        let n = shapes[id].count
        let a0 = input0[id]
        let a = UnsafePointer(base + offsets[a0])
        let na = shapes[a0].count
        // Each op's forward rule is in its file in `Ops/`.
        switch op {
        case .leaf, .constant:
            break
        case .add, .subtract, .multiply, .divide, .power:
            let b1 = input1[id]
            Arithmetic.forward(op, out, n, a, na, UnsafePointer(base + offsets[b1]), shapes[b1].count)
        case .matmul:
            let b1 = input1[id]
            MatMul.forward(out, a, shapes[a0], UnsafePointer(base + offsets[b1]), shapes[b1])
        case .negate:
            Arithmetic.negate(out, a, n)
        case .function(let f):
            FunctionOp.forward(f, out, a, n)
        case .logSigmoid:
            Softmax.forwardLogSigmoid(out, z: base + offsets[input0[a0]], n)
        case .softmax:
            Softmax.forward(out, z: a, n)
        case .logSoftmax:
            Softmax.forwardLogSoftmax(out, z: base + offsets[input0[a0]], n)
        case .sum, .mean:
            Reductions.forward(op, out, a, na)
        case .transpose:
            Transpose.forward(out, a, shapes[a0])
        case let .index(row, column):
            Indexing.forward(out, a, shapes[a0], row: row, column: column)
        }
    }
}
