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

    private static func simplify(_ op: Op, _ args: [Formula], in graph: Graph) -> Formula {
        // Fold arithmetic on plain numbers.
        if args.allSatisfy({ $0.numericConstant != nil }), op != .softmax, op != .constant, op != .leaf {
            let value = Formula.apply(op, args).evaluate(in: graph)
            if value.isScalar { return .literal(value, label: nil) }
        }
        let a = args.first, b = args.count > 1 ? args[1] : nil
        switch op {
        case .negate:
            if case let .apply(.negate, inner) = a! { return inner[0] }
            if let c = a!.numericConstant { return .scalar(-c) }
        case .add:
            if a!.numericConstant == 0 { return b! }
            if b!.numericConstant == 0 { return a! }
            if case let .apply(.negate, inner) = b! { return .apply(.subtract, [a!, inner[0]]) }
        case .subtract:
            if b!.numericConstant == 0 { return a! }
            if a!.numericConstant == 0 { return simplify(.negate, [b!], in: graph) }
            if case let .apply(.negate, inner) = b! { return .apply(.add, [a!, inner[0]]) }
        case .multiply:
            return simplifyProduct(args, in: graph)
        case .divide:
            if b!.numericConstant == 1 { return a! }
            if a!.numericConstant == 0 { return .scalar(0) }
            if case let .apply(.negate, inner) = a! {
                return .apply(.negate, [simplify(.divide, [inner[0], b!], in: graph)])
            }
        case .power:
            if b!.numericConstant == 1 { return a! }
            if b!.numericConstant == 0 { return .scalar(1) }
        case .transpose:
            if case let .apply(.transpose, inner) = a! { return inner[0] }
            if a!.shape(in: graph).isScalar { return a! }
        case .sum:
            if a!.shape(in: graph).isScalar { return a! }
        default:
            break
        }
        return .apply(op, args)
    }

    /// Flattens a product of elementwise factors, multiplies its numbers
    /// together, pulls signs out, and puts error signals first (`z̄ · x`).
    private static func simplifyProduct(_ args: [Formula], in graph: Graph) -> Formula {
        var factors: [Formula] = []
        var coefficient = 1.0
        func collect(_ f: Formula) {
            switch f {
            case let .apply(.multiply, inner):
                inner.forEach(collect)
            case let .apply(.negate, inner):
                coefficient = -coefficient
                collect(inner[0])
            default:
                if let c = f.numericConstant { coefficient *= c } else { factors.append(f) }
            }
        }
        args.forEach(collect)
        if coefficient == 0 || factors.isEmpty { return .scalar(coefficient) }
        let signals = factors.filter { if case .gradient = $0 { true } else { false } }
        let others = factors.filter { if case .gradient = $0 { false } else { true } }
        var ordered = signals
        if abs(coefficient) != 1 { ordered.append(.scalar(abs(coefficient))) }
        ordered += others
        var product = ordered[0]
        for f in ordered.dropFirst() { product = .apply(.multiply, [product, f]) }
        return coefficient < 0 ? .apply(.negate, [product]) : product
    }

    /// Replaces f'(x) by its closed form where the lectures write one, then
    /// writes `σ(z)` as `y` when `y = sigmoid(z)` is one of `named`.
    func expandingDerivatives(naming named: [NodeID], in graph: Graph) -> Formula {
        var expanded = self.mapBottomUp { f in
            if case let .derivative(fn, x) = f, let e = fn.expandedDerivative(of: x) { return e }
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
