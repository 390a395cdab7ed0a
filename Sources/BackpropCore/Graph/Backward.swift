/// Reverse mode: v̄ = Σ_{c ∈ children(v)} c̄ · ∂c/∂v, walking the tape backwards
/// from the root and *accumulating* into each input, so fan-out is summed.
extension Graph {
    /// Computes ∂root/∂v for every node v that root depends on. Root must be 1×1.
    public mutating func backward(from root: NodeID) throws(GraphError) {
        guard shapes[root].isScalar else {
            throw .notScalar(name: displayName(of: root), shapes[root])
        }
        for i in 0..<count where hasGradientFlags[i] { hasGradientFlags[i] = false }
        var reach = ancestors(of: root)
        for i in 0...root where reach[i] {
            // Constants take no gradient; nor does anything computed only from constants.
            guard requiresGradientFlags[i] else { reach[i] = false; continue }
            hasGradientFlags[i] = true
            let o = offsets[i]
            for k in o..<(o + shapes[i].count) { gradients[k] = 0 }
            let so = scaledOffsets[i]
            if so >= 0 { for k in so..<(so + shapes[i].count) { scaledGradients[k] = 0 } }
        }
        gradients[offsets[root]] = 1
        let tape = layout
        let scaled = scaledOffsets
        values.withUnsafeBufferPointer { v in
            gradients.withUnsafeMutableBufferPointer { g in
                scaledGradients.withUnsafeMutableBufferPointer { s in
                    var i = root
                    while i >= 0 {
                        if reach[i] {
                            tape.propagate(from: i, values: v.baseAddress!, gradients: g.baseAddress!,
                                           scaled: s.baseAddress, scaledOffsets: scaled, reach: reach)
                        }
                        i -= 1
                    }
                }
            }
        }
        lastBackwardRoot = root
    }

    /// Forgets all gradients (used when the graph is reset or rebuilt).
    public mutating func clearGradients() {
        for i in 0..<count { hasGradientFlags[i] = false }
        lastBackwardRoot = nil
    }
}

extension TapeLayout {
    /// Adds node `id`'s local vector–Jacobian products into its inputs' gradients.
    /// Each op's rule is in its file in `Ops/`; this fills in the frame and dispatches.
    @inline(__always)
    func propagate(from id: NodeID, values: UnsafePointer<Double>, gradients: UnsafeMutablePointer<Double>,
                   scaled: UnsafeMutablePointer<Double>?, scaledOffsets: [Int], reach: [Bool]) {
        let op = ops[id]
        let arity = op.arity
        guard arity > 0 else { return }
        let ia = input0[id]
        let ib = arity >= 2 ? input1[id] : ia
        let f = PullbackFrame(shape: shapes[id], y: values + offsets[id], g: UnsafePointer(gradients + offsets[id]),
                              shapeA: shapes[ia], a: values + offsets[ia], ga: gradients + offsets[ia], wantA: reach[ia],
                              shapeB: shapes[ib], b: values + offsets[ib], gb: gradients + offsets[ib],
                              wantB: arity >= 2 && reach[ib], scaled: scaled)
        switch op {
        case .leaf, .constant: return
        case .add, .subtract, .negate: Arithmetic.propagateLinear(op, f)
        case .multiply: Arithmetic.propagateMultiply(f)
        case .divide: Arithmetic.propagateDivide(f)
        case .power: Arithmetic.propagatePower(f)
        case .matmul: MatMul.propagate(f)
        case .function(let fn): FunctionOp.propagate(fn, f, scaledOffset: scaledOffsets[id])
        case .logSigmoid, .logSoftmax: Softmax.propagateLog(f, operandScaledOffset: scaledOffsets[ia])
        case .softmax: Softmax.propagate(f, scaledOffset: scaledOffsets[id])
        case .sum, .mean: Reductions.propagate(op, f)
        case .transpose: Transpose.propagate(f)
        case let .index(row, column): Indexing.propagate(f, row: row, column: column)
        }
    }
}
