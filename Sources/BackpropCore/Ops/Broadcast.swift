/// Broadcasting, the one rule for elementwise operands of different shapes: a
/// 1×1 operand is used at every entry of the other. Its shape rule, how the
/// forward pass reads it, and the reverse of it (`unbroadcast`: a broadcast
/// operand's error signal is the *sum* of the signals of the entries it fed),
/// for the numeric backward pass and for the symbolic rules alike.
enum Broadcast {
    /// The shape of `a ∘ b`: the common shape, or the other shape when one is 1×1.
    static func resultShape(of op: Op, _ a: Shape, _ b: Shape) throws(GraphError) -> Shape {
        if a == b || b.isScalar { return a }
        if a.isScalar { return b }
        throw .elementwiseShapeMismatch(op: op.displayName, a, b)
    }

    /// Whether an operand of `operandCount` entries is broadcast over a result
    /// of `resultCount` entries (a 1×1 operand of a larger result).
    @inline(__always)
    static func isBroadcast(_ operandCount: Int, over resultCount: Int) -> Bool {
        operandCount == 1 && resultCount != 1
    }

    /// Numeric: where entry k's term of an operand's signal goes, k itself or,
    /// for a broadcast 1×1 operand, its one entry (so the terms add up there).
    @inline(__always)
    static func target(_ k: Int, broadcast: Bool) -> Int {
        broadcast ? 0 : k
    }

    /// Numeric: target += scale · g, for an operand that passes the signal on
    /// unchanged (+, −, unary −).
    @inline(__always)
    static func unbroadcast(into target: UnsafeMutablePointer<Double>, _ targetCount: Int,
                            _ g: UnsafePointer<Double>, _ n: Int, scale: Double) {
        if targetCount == n {
            for k in 0..<n { target[k] += scale * g[k] }
        } else {
            var s = 0.0
            for k in 0..<n { s += g[k] }
            target[0] += scale * s
        }
    }

    /// Symbolic: the contribution to a broadcast operand's signal is `sum(…)`.
    static func unbroadcast(_ contribution: Formula, operand: Shape, result: Shape) -> Formula {
        operand.isScalar && !result.isScalar ? .apply(.sum, [contribution]) : contribution
    }
}
