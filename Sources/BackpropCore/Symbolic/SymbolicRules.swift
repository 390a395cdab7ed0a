/// The symbolic vector–Jacobian products: for each op, the formula for an
/// operand's error signal given the result's error signal `seed`. These mirror
/// the numeric rules in `Backward.swift` one for one; tests evaluate both and
/// compare, so the explanation never disagrees with the engine.
extension Op {
    /// The contribution to argument `k`'s error signal, in the lectures' form
    /// (seed first: `z̄ · x`, `ȳ · σ'(z)`, `W2ᵀ z̄2`).
    func symbolicPullback(argument k: Int, arguments args: [Formula], seed: Formula,
                          shapes: [Shape], resultShape: Shape) -> Formula {
        let contribution: Formula
        switch self {
        case .leaf, .constant:
            contribution = .scalar(0)
        case .add:
            contribution = seed
        case .subtract:
            contribution = k == 0 ? seed : .apply(.negate, [seed])
        case .multiply:
            contribution = .apply(.multiply, [seed, args[1 - k]])
        case .divide:
            contribution = k == 0
                ? .apply(.divide, [seed, args[1]])
                : .apply(.negate, [.apply(.divide, [.apply(.multiply, [seed, args[0]]),
                                                     .apply(.power, [args[1], .scalar(2)])])])
        case .power:
            contribution = k == 0
                ? .apply(.multiply, [seed, .apply(.multiply, [args[1],
                      .apply(.power, [args[0], .apply(.subtract, [args[1], .scalar(1)])])])])
                : .apply(.multiply, [seed, .apply(.multiply, [.apply(.power, args),
                                                              .apply(.function(.log), [args[0]])])])
        case .matmul:
            contribution = k == 0
                ? .apply(.matmul, [seed, .apply(.transpose, [args[1]])])
                : .apply(.matmul, [.apply(.transpose, [args[0]]), seed])
        case .negate:
            contribution = .apply(.negate, [seed])
        case .function(let f):
            contribution = .apply(.multiply, [seed, .derivative(f, args[0])])
        case .logSigmoid, .logSoftmax:
            contribution = .apply(.divide, [seed, args[0]])
        case .softmax:
            // p = softmax(z): z̄ = p ⊙ (p̄ − pᵀ p̄)
            let p = Formula.apply(.softmax, args)
            contribution = .apply(.multiply, [p, .apply(.subtract, [seed,
                                  .apply(.matmul, [.apply(.transpose, [p]), seed])])])
        case .sum, .mean:
            // Every entry receives the (1×1) signal, divided by n for the mean: seed ⊙ 𝟏.
            let each = self == .sum ? seed : .apply(.divide, [seed, .scalar(Double(shapes[0].count))])
            contribution = shapes[0].isScalar ? each : .apply(.multiply, [each, .ones(shapes[0])])
        case .transpose:
            contribution = .apply(.transpose, [seed])
        case let .index(row, column):
            contribution = .scatter(seed, row: row, column: column, shape: shapes[0])
        }
        // An operand broadcast from 1×1 collects the sum of its contributions.
        if isElementwiseBinary, shapes[k].isScalar, !resultShape.isScalar {
            return .apply(.sum, [contribution])
        }
        return contribution
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

extension ElementwiseFunction {
    /// f'(x) written with f itself where the lectures do: σ'(z) = σ(z)(1 − σ(z)).
    /// nil where no simpler form exists (relu', abs' are shown as they are).
    func expandedDerivative(of x: Formula) -> Formula? {
        let fx = Formula.apply(.function(self), [x])
        switch self {
        case .sigmoid:
            return .apply(.multiply, [fx, .apply(.subtract, [.scalar(1), fx])])
        case .tanh:
            return .apply(.subtract, [.scalar(1), .apply(.power, [fx, .scalar(2)])])
        case .exp:
            return fx
        case .log:
            return .apply(.divide, [.scalar(1), x])
        case .softplus:
            return .apply(.function(.sigmoid), [x])
        case .sqrt:
            return .apply(.divide, [.scalar(1), .apply(.multiply, [.scalar(2), fx])])
        case .step, .sign:
            return .scalar(0)
        case .identity:
            return .scalar(1)
        case .relu, .abs:
            return nil
        }
    }
}
