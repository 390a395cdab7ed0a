#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// + − · / ^ (elementwise, with 1×1 broadcasting) and unary −: each op's
/// forward value, numeric and symbolic vector–Jacobian products, rendering
/// and simplification.
enum Arithmetic {
    // MARK: Forward

    /// out = a ∘ b entry by entry, a 1×1 operand broadcast (see `Broadcast`).
    @inline(__always)
    static func forward(_ op: Op, _ out: UnsafeMutablePointer<Double>, _ n: Int,
                        _ a: UnsafePointer<Double>, _ na: Int, _ b: UnsafePointer<Double>, _ nb: Int) {
        let sa = Broadcast.isBroadcast(na, over: n), sb = Broadcast.isBroadcast(nb, over: n)
        for k in 0..<n {
            out[k] = scalar(op, sa ? a[0] : a[k], sb ? b[0] : b[k])
        }
    }

    /// out = −a.
    @inline(__always)
    static func negate(_ out: UnsafeMutablePointer<Double>, _ a: UnsafePointer<Double>, _ n: Int) {
        for k in 0..<n { out[k] = -a[k] }
    }

    @inline(__always)
    static func scalar(_ op: Op, _ x: Double, _ y: Double) -> Double {
        switch op {
        case .add: x + y
        case .subtract: x - y
        case .multiply: x * y
        case .divide: x / y
        case .power: power(x, y)
        default: .nan
        }
    }

    /// x^y, with small integer exponents done by multiplication (exact, and
    /// defined for negative x as the math is: (−2)^2 = 4).
    @inline(__always)
    static func power(_ x: Double, _ y: Double) -> Double {
        switch y {
        case 1: x
        case 2: x * x
        case 3: x * x * x
        case 0: 1
        case -1: 1 / x
        default: pow(x, y)
        }
    }

    // MARK: Numeric vector–Jacobian products

    /// ∂(x ± w)/∂x = 1, ∂(x ± w)/∂w = ±1; ∂(−x)/∂x = −1.
    @inline(__always)
    static func propagateLinear(_ op: Op, _ f: PullbackFrame) {
        switch op {
        case .negate:
            if f.wantA { Broadcast.unbroadcast(into: f.ga, f.na, f.g, f.n, scale: -1) }
        default:
            if f.wantA { Broadcast.unbroadcast(into: f.ga, f.na, f.g, f.n, scale: 1) }
            if f.wantB { Broadcast.unbroadcast(into: f.gb, f.nb, f.g, f.n, scale: op == .add ? 1 : -1) }
        }
    }

    /// x·w: ∂/∂x = w, ∂/∂w = x. A broadcast operand collects every entry's
    /// term in its one entry (`Broadcast.target`).
    @inline(__always)
    static func propagateMultiply(_ f: PullbackFrame) {
        let n = f.n, a = f.a, b = f.b, g = f.g
        let sa = Broadcast.isBroadcast(f.na, over: n), sb = Broadcast.isBroadcast(f.nb, over: n)
        if f.wantA {
            for k in 0..<n { f.ga[Broadcast.target(k, broadcast: sa)] += g[k] * (sb ? b[0] : b[k]) }
        }
        if f.wantB {
            for k in 0..<n { f.gb[Broadcast.target(k, broadcast: sb)] += g[k] * (sa ? a[0] : a[k]) }
        }
    }

    /// x/w: ∂/∂x = 1/w, ∂/∂w = −x/w².
    @inline(__always)
    static func propagateDivide(_ f: PullbackFrame) {
        let n = f.n, a = f.a, b = f.b, g = f.g
        let sa = Broadcast.isBroadcast(f.na, over: n), sb = Broadcast.isBroadcast(f.nb, over: n)
        if f.wantA {
            for k in 0..<n { f.ga[Broadcast.target(k, broadcast: sa)] += g[k] * (1 / (sb ? b[0] : b[k])) }
        }
        if f.wantB {
            for k in 0..<n {
                let x = sa ? a[0] : a[k], w = sb ? b[0] : b[k]
                f.gb[Broadcast.target(k, broadcast: sb)] += g[k] * (-x / (w * w))
            }
        }
    }

    /// x^w: ∂/∂x = w x^(w−1) (0 for w = 0: x⁰ is constant), ∂/∂w = x^w log x
    /// (0 at x = 0, its limit as x → 0⁺).
    @inline(__always)
    static func propagatePower(_ f: PullbackFrame) {
        let n = f.n, a = f.a, b = f.b, g = f.g, y = f.y
        let sa = Broadcast.isBroadcast(f.na, over: n), sb = Broadcast.isBroadcast(f.nb, over: n)
        if f.wantA {
            for k in 0..<n {
                let x = sa ? a[0] : a[k], w = sb ? b[0] : b[k]
                f.ga[Broadcast.target(k, broadcast: sa)] += g[k] * (w == 0 ? 0 : w * power(x, w - 1))
            }
        }
        if f.wantB {
            for k in 0..<n {
                let x = sa ? a[0] : a[k]
                f.gb[Broadcast.target(k, broadcast: sb)] += g[k] * (y[k] == 0 && x == 0 ? 0 : y[k] * log(x))
            }
        }
    }

    // MARK: Symbolic vector–Jacobian products

    /// Operand k's error signal given the result's `seed`, in the lectures'
    /// form (seed first: `z̄ · x`). A broadcast operand's is summed (`Broadcast`).
    static func symbolicPullback(_ op: Op, argument k: Int, arguments args: [Formula], seed: Formula,
                                 shapes: [Shape], resultShape: Shape) -> Formula {
        let contribution: Formula
        switch op {
        case .negate:
            return .apply(.negate, [seed])
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
        default: // .power
            contribution = k == 0
                ? .apply(.multiply, [seed, .apply(.multiply, [args[1],
                      .apply(.power, [args[0], .apply(.subtract, [args[1], .scalar(1)])])])])
                : .apply(.multiply, [seed, .apply(.multiply, [.apply(.power, args),
                                                              .apply(.function(.log), [args[0]])])])
        }
        return Broadcast.unbroadcast(contribution, operand: shapes[k], result: resultShape)
    }

    // MARK: Rendering

    /// `a + b`, `a − b`, `x · y`, `y(1 − y)`, `u ⊙ v`, `a / b`, `−x`, `x²`, `x^w`.
    static func render(_ op: Op, _ r: OperandRenderer) -> FormulaRenderer.Piece {
        switch op {
        case .add:
            // a + (b + c) and a + (b − c) need no parentheses; a − (b + c) does.
            return .init(text: "\(r.operand(0, minLevel: 1, leftmost: r.leftmost)) + \(r.operand(1, minLevel: 1))", level: 1)
        case .subtract:
            return .init(text: "\(r.operand(0, minLevel: 1, leftmost: r.leftmost)) − \(r.operand(1, minLevel: 2))", level: 1)
        case .multiply:
            // ⊙ between two matrices; a scalar factor multiplies with a centred dot.
            let scalar = r.args.contains { $0.shape(in: r.graph).isScalar }
            let left = r.operand(0, minLevel: 2, leftmost: r.leftmost)
            var right = r.piece(1)
            if case .apply(.matmul, _) = r.args[1] { right.level = 1 }
            let wrapped = right.level < 3
            let rightText = wrapped ? "(\(right.text))" : right.text
            let leftIsMatmul: Bool = if case .apply(.matmul, _) = r.args[0] { true } else { false }
            let l = leftIsMatmul ? "(\(left))" : left
            if !scalar { return .init(text: "\(l) ⊙ \(rightText)", level: 2) }
            // Juxtapose a parenthesized sum, as in y(1 − y); otherwise a centred dot.
            if !r.substituting, wrapped, !l.hasSuffix(")") { return .init(text: l + rightText, level: 2) }
            return .init(text: "\(l) · \(rightText)", level: 2)
        case .divide:
            return .init(text: "\(r.operand(0, minLevel: 2, leftmost: r.leftmost)) / \(r.operand(1, minLevel: 3))", level: 2)
        case .negate:
            // A negative operand is parenthesized: −(−2), never −−2.
            var inner = r.operand(0, minLevel: 3, leftmost: true)
            if inner.hasPrefix("−") || inner.hasPrefix("-") { inner = "(\(inner))" }
            return .init(text: "−\(inner)", level: 3)
        default: // .power
            let base = r.operand(0, minLevel: 5)
            if let k = r.args[1].numericConstant, let sup = FormulaRenderer.superscript(k) {
                return .init(text: base + sup, level: 4)
            }
            return .init(text: "\(base)^\(r.operand(1, minLevel: 4))", level: 4)
        }
    }

    // MARK: Simplification

    /// The identities that hold for every finite value: x + 0 = x, −(−x) = x,
    /// a + (−b) = a − b, x / 1 = x, 0 / b = 0, x¹ = x, x⁰ = 1; products are
    /// flattened (`simplifyProduct`). nil: nothing to rewrite.
    static func simplify(_ op: Op, _ args: [Formula], in graph: Graph) -> Formula? {
        let a = args[0], b = args.count > 1 ? args[1] : a
        switch op {
        case .negate:
            if case let .apply(.negate, inner) = a { return inner[0] }
            if let c = a.numericConstant { return .scalar(-c) }
        case .add:
            if a.numericConstant == 0 { return b }
            if b.numericConstant == 0 { return a }
            if case let .apply(.negate, inner) = b { return .apply(.subtract, [a, inner[0]]) }
        case .subtract:
            if b.numericConstant == 0 { return a }
            if a.numericConstant == 0 { return Formula.simplify(.negate, [b], in: graph) }
            if case let .apply(.negate, inner) = b { return .apply(.add, [a, inner[0]]) }
        case .multiply:
            return simplifyProduct(args, in: graph)
        case .divide:
            if b.numericConstant == 1 { return a }
            if a.numericConstant == 0 { return .scalar(0) }
            if case let .apply(.negate, inner) = a {
                return .apply(.negate, [Formula.simplify(.divide, [inner[0], b], in: graph)])
            }
        default: // .power
            if b.numericConstant == 1 { return a }
            if b.numericConstant == 0 { return .scalar(1) }
        }
        return nil
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
        if Swift.abs(coefficient) != 1 { ordered.append(.scalar(Swift.abs(coefficient))) }
        ordered += others
        var product = ordered[0]
        for f in ordered.dropFirst() { product = .apply(.multiply, [product, f]) }
        return coefficient < 0 ? .apply(.negate, [product]) : product
    }
}
