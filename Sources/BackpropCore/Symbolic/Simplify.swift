/// Algebraic clean-up so explanations read like the lectures:
/// `L̄ · 0.5 · 2 · (y − t)^1` becomes `L̄ · (y − t)`. Only identities that hold
/// for every finite value are applied (0 · f → 0 and 0 / b → 0 assume f and b
/// finite and b ≠ 0); the closing number of an explanation is always the engine's.
extension Formula {
    public func simplified(in graph: Graph) -> Formula {
        switch self {
        case .node, .literal, .gradient:
            return self
        case let .derivative(f, x):
            let x = x.simplified(in: graph)
            if x.isConstant, x.shape(in: graph).isScalar {
                return .literal(Formula.derivative(f, x).evaluate(in: graph), label: nil)
            }
            return .derivative(f, x)
        case let .scatter(x, row, column, shape):
            return .scatter(x.simplified(in: graph), row: row, column: column, shape: shape)
        case let .apply(op, args):
            return Self.simplify(op, args.map { $0.simplified(in: graph) }, in: graph)
        }
    }

    /// One op over simplified operands: constant folding, then the op's own
    /// identities (in its file in `Ops/`).
    static func simplify(_ op: Op, _ args: [Formula], in graph: Graph) -> Formula {
        // Fold arithmetic on plain numbers.
        if args.allSatisfy({ $0.numericConstant != nil }), op != .softmax, op != .constant, op != .leaf {
            let value = Formula.apply(op, args).evaluate(in: graph)
            if value.isScalar { return .literal(value, label: nil) }
        }
        let rewritten: Formula? = switch op {
        case .add, .subtract, .multiply, .divide, .power, .negate: Arithmetic.simplify(op, args, in: graph)
        case .transpose: Transpose.simplify(args[0], in: graph)
        case .sum, .mean: Reductions.simplify(op, args[0], in: graph)
        case .leaf, .constant, .matmul, .function, .logSigmoid, .logSoftmax, .softmax, .index: nil
        }
        return rewritten ?? .apply(op, args)
    }

    /// Replaces f'(x) by its closed form where the lectures write one, then
    /// writes `σ(z)` as `y` when `y = sigmoid(z)` is one of `named`.
    func expandingDerivatives(naming named: [NodeID], in graph: Graph) -> Formula {
        var expanded = self.mapBottomUp { f in
            if case let .derivative(fn, x) = f, let e = fn.closedFormDerivative(of: x) { return e }
            return f
        }
        for id in named {
            guard let def = graph[id].definition, case .apply = def else { continue }
            expanded = expanded.mapBottomUp { $0 == def ? .node(id) : $0 }
        }
        return expanded.simplified(in: graph)
    }

    /// Rewrites every subformula, children first.
    func mapBottomUp(_ transform: (Formula) -> Formula) -> Formula {
        switch self {
        case .node, .literal, .gradient:
            return transform(self)
        case let .apply(op, args):
            return transform(.apply(op, args.map { $0.mapBottomUp(transform) }))
        case let .derivative(f, x):
            return transform(.derivative(f, x.mapBottomUp(transform)))
        case let .scatter(x, row, column, shape):
            return transform(.scatter(x.mapBottomUp(transform), row: row, column: column, shape: shape))
        }
    }
}
