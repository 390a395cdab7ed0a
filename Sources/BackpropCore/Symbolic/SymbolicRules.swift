/// The symbolic vector–Jacobian products: for each op, the formula for an
/// operand's error signal given the result's error signal `seed`. Each op's
/// rule sits beside its numeric rule in its file in `Ops/`; tests evaluate
/// both and compare, so the explanation never disagrees with the engine.
extension Op {
    /// The contribution to argument `k`'s error signal, in the lectures' form
    /// (seed first: `z̄ · x`, `ȳ · σ'(z)`, `W2ᵀ z̄2`).
    func symbolicPullback(argument k: Int, arguments args: [Formula], seed: Formula,
                          shapes: [Shape], resultShape: Shape) -> Formula {
        switch self {
        case .leaf, .constant:
            .scalar(0)
        case .add, .subtract, .multiply, .divide, .power, .negate:
            Arithmetic.symbolicPullback(self, argument: k, arguments: args, seed: seed,
                                        shapes: shapes, resultShape: resultShape)
        case .matmul:
            MatMul.symbolicPullback(argument: k, arguments: args, seed: seed)
        case .function(let f):
            FunctionOp.symbolicPullback(f, arguments: args, seed: seed)
        case .logSigmoid, .logSoftmax:
            Softmax.symbolicPullbackLog(arguments: args, seed: seed)
        case .softmax:
            Softmax.symbolicPullback(arguments: args, seed: seed)
        case .sum, .mean:
            Reductions.symbolicPullback(self, seed: seed, operand: shapes[0])
        case .transpose:
            Transpose.symbolicPullback(seed: seed)
        case let .index(row, column):
            Indexing.symbolicPullback(seed: seed, row: row, column: column, shape: shapes[0])
        }
    }
}

extension Formula {
    /// The contributions of this formula's uses of `target` to target's error
    /// signal, given this formula's own error signal `seed` (one per occurrence).
    func pullback(toward target: NodeID, seed: Formula, in graph: Graph) -> [Formula] {
        switch self {
        case .node(let id):
            return id == target ? [seed] : []
        case .literal, .gradient:
            return []
        case .derivative, .scatter:
            return []
        case let .apply(op, args):
            let shapes = args.map { $0.shape(in: graph) }
            let resultShape = shape(in: graph)
            var out: [Formula] = []
            for (k, arg) in args.enumerated() where arg.references(target) {
                let s = op.symbolicPullback(argument: k, arguments: args, seed: seed,
                                            shapes: shapes, resultShape: resultShape)
                out += arg.pullback(toward: target, seed: s, in: graph)
            }
            return out
        }
    }
}
