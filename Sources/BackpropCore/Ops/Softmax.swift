#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// softmax of a column vector, and the two fused logs: `log` applied to a
/// softmax node becomes logSoftmax, applied to a sigmoid node logSigmoid.
/// The fused ops compute log p straight from z (stable at any z) and send
/// their signal back in *scaled* form, s ⊙ s̄, into the softmax or sigmoid
/// node, which turns it into z̄ without ever forming ∞ · 0.
enum Softmax {
    /// A softmax layer's label in the network diagram.
    static let glyph = "smax"
    /// `help functions`' line for softmax.
    static let summary = "e^z_k / Σ_j e^z_j of a column vector"

    /// The op `log` becomes when applied to a node computing `input`.
    static func fusedLog(over input: Op) -> Op? {
        switch input {
        case .function(.sigmoid): .logSigmoid
        case .softmax: .logSoftmax
        default: nil
        }
    }

    /// Whether `op` is one of the fused logs, which keep a scaled-gradient
    /// buffer on their operand.
    static func isFusedLog(_ op: Op) -> Bool { op == .logSigmoid || op == .logSoftmax }

    /// The op that evaluates a fused log on a scratch tape of constants, where
    /// its operand is a plain value: `log` itself.
    static func unfused(_ op: Op) -> Op { isFusedLog(op) ? .function(.log) : op }

    static func resultShape(_ op: Op, _ a: Shape) throws(GraphError) -> Shape {
        guard op == .logSigmoid || a.columns == 1 else { throw .notAColumnVector(function: op.displayName, a) }
        return a
    }

    // MARK: Forward

    /// p = softmax(z) over n entries, one exp each: e^(z − m) / Σ e^(z − m) with m = max z.
    /// Returns lse z = m + log Σ e^(z − m), which the batch kernels keep for the
    /// cross-entropy. The tape and the batch kernels (row by row) both call it, so they
    /// give the same bits. With no finite maximum (all −∞, a +∞) it is logSumExp's
    /// careful e^(z − lse).
    @inline(__always)
    @discardableResult
    static func forward(_ out: UnsafeMutablePointer<Double>, z: UnsafePointer<Double>, _ n: Int) -> Double {
        var m = -Double.infinity
        for k in 0..<n where z[k] > m { m = z[k] }
        guard m.isFinite else {
            let lse = StableMath.logSumExp(UnsafeBufferPointer(start: z, count: n))
            for k in 0..<n { out[k] = exp(z[k] - lse) }
            return lse
        }
        var s = 0.0
        for k in 0..<n {
            let e = exp(z[k] - m)
            out[k] = e
            s += e
        }
        let inverse = 1 / s
        for k in 0..<n { out[k] *= inverse }
        return m + log(s)
    }

    /// log softmax(z) = z − lse z, from the softmax node's own input z.
    @inline(__always)
    static func forwardLogSoftmax(_ out: UnsafeMutablePointer<Double>, z: UnsafePointer<Double>, _ n: Int) {
        let lse = StableMath.logSumExp(UnsafeBufferPointer(start: z, count: n))
        for k in 0..<n { out[k] = z[k] - lse }
    }

    /// log σ(z), from the sigmoid node's own input z.
    @inline(__always)
    static func forwardLogSigmoid(_ out: UnsafeMutablePointer<Double>, z: UnsafePointer<Double>, _ n: Int) {
        for k in 0..<n { out[k] = StableMath.logSigmoid(z[k]) }
    }

    // MARK: Numeric vector–Jacobian products

    /// p = softmax(z): z̄ = u − p Σu, where u = p ⊙ p̄ (+ the scaled log contributions).
    @inline(__always)
    static func propagate(_ f: PullbackFrame, scaledOffset so: Int) {
        guard f.wantA else { return }
        let p = f.y, g = f.g, n = f.n, scaled = f.scaled
        func u(_ k: Int) -> Double { p[k] * g[k] + (so >= 0 ? scaled![so + k] : 0) }
        var total = 0.0
        for k in 0..<n { total += u(k) }
        for k in 0..<n { f.ga[k] += u(k) - p[k] * total }
    }

    /// The batch kernels' form, p = softmax(z) on each row of a batch: z̄ = p ⊙ (p̄ − ⟨p, p̄⟩),
    /// the same as `propagate`'s u − p Σu with u = p ⊙ p̄. p̄ arrives in `delta` and is
    /// replaced by z̄.
    @inline(__always)
    static func pullbackRows(p: UnsafePointer<Double>, delta: UnsafeMutablePointer<Double>, rows: Int, columns: Int) {
        for r in 0..<rows {
            let pr = p + r * columns, dr = delta + r * columns
            var dot = 0.0
            for k in 0..<columns { dot += pr[k] * dr[k] }
            for k in 0..<columns { dr[k] = pr[k] * (dr[k] - dot) }
        }
    }

    /// log s (s a sigmoid or softmax node): into s in scaled form, s ⊙ s̄ += ḡ.
    @inline(__always)
    static func propagateLog(_ f: PullbackFrame, operandScaledOffset so: Int) {
        guard f.wantA, let scaled = f.scaled else { return }
        for k in 0..<f.n { scaled[so + k] += f.g[k] }
    }

    // MARK: Symbolic

    /// softmax: z̄ = p ⊙ (p̄ − pᵀ p̄).
    static func symbolicPullback(arguments args: [Formula], seed: Formula) -> Formula {
        let p = Formula.apply(.softmax, args)
        return .apply(.multiply, [p, .apply(.subtract, [seed, .apply(.matmul, [.apply(.transpose, [p]), seed])])])
    }

    /// log s: s̄ = ḡ / s.
    static func symbolicPullbackLog(arguments args: [Formula], seed: Formula) -> Formula {
        .apply(.divide, [seed, args[0]])
    }

    static func render(_ op: Op, _ r: OperandRenderer) -> FormulaRenderer.Piece {
        r.call(op == .softmax ? "softmax" : "log")
    }
}
