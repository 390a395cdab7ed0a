/// The op y = f(z) for an elementwise function f: how the tape applies a row
/// of the function table (`FunctionRows.swift`).
enum FunctionOp {
    @inline(__always)
    static func forward(_ f: ElementwiseFunction, _ out: UnsafeMutablePointer<Double>,
                        _ a: UnsafePointer<Double>, _ n: Int) {
        for k in 0..<n { out[k] = f.apply(a[k]) }
    }

    /// z̄ += ȳ ⊙ f'(z). A sigmoid whose output also feeds a fused log σ adds
    /// that log's scaled signal through `Sigmoid.pullback(_:scaled:output:)`.
    @inline(__always)
    static func propagate(_ fn: ElementwiseFunction, _ f: PullbackFrame, scaledOffset so: Int) {
        guard f.wantA else { return }
        let a = f.a, y = f.y, g = f.g
        if fn == .sigmoid, so >= 0, let scaled = f.scaled {
            for k in 0..<f.n { f.ga[k] += ElementwiseFunction.Sigmoid.pullback(g[k], scaled: scaled[so + k], output: y[k]) }
        } else {
            for k in 0..<f.n { f.ga[k] += g[k] * fn.derivative(at: a[k], output: y[k]) }
        }
    }

    /// ȳ · f'(z), with f' kept as a symbol until `expandingDerivatives` writes
    /// the row's closed form.
    static func symbolicPullback(_ fn: ElementwiseFunction, arguments args: [Formula], seed: Formula) -> Formula {
        .apply(.multiply, [seed, .derivative(fn, args[0])])
    }

    /// `σ(z)`: the row's symbol.
    static func render(_ fn: ElementwiseFunction, _ r: OperandRenderer) -> FormulaRenderer.Piece {
        r.call(fn.symbol)
    }
}
