#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Activations on a block of rows (samples as rows), with the graph's own
/// scalar rules (`ElementwiseFunction.apply` / `.derivative`, `StableMath`),
/// so these match the graph's values bit for bit (the batch engine's own
/// softmax, with one exp per entry, agrees to about an ulp). Each function
/// switches once, outside its loop, so every loop is specialised.
public enum ActivationKernels {
    /// a = f(z) for `rows` rows of `columns` entries (softmax: row by row).
    public static func apply(_ f: Activation, _ z: UnsafePointer<Double>, _ a: UnsafeMutablePointer<Double>,
                             rows: Int, columns: Int) {
        let n = rows * columns
        switch f {
        case .sigmoid: for k in 0..<n { a[k] = ElementwiseFunction.sigmoid.apply(z[k]) }
        case .tanh: for k in 0..<n { a[k] = ElementwiseFunction.tanh.apply(z[k]) }
        case .relu: for k in 0..<n { a[k] = ElementwiseFunction.relu.apply(z[k]) }
        case .softplus: for k in 0..<n { a[k] = ElementwiseFunction.softplus.apply(z[k]) }
        case .identity: if UnsafePointer(a) != z { a.update(from: z, count: n) }
        case .step: for k in 0..<n { a[k] = ElementwiseFunction.step.apply(z[k]) }
        case .sign: for k in 0..<n { a[k] = ElementwiseFunction.sign.apply(z[k]) }
        case .softmax:
            for r in 0..<rows {
                let zr = z + r * columns, ar = a + r * columns
                let lse = logSumExp(zr, columns)
                for k in 0..<columns { ar[k] = exp(zr[k] - lse) }
            }
        }
    }

    /// The array form, for one sample.
    public static func apply(_ f: Activation, _ z: [Double], into a: inout [Double]) {
        precondition(a.count == z.count)
        z.withUnsafeBufferPointer { zp in
            a.withUnsafeMutableBufferPointer { ap in
                apply(f, zp.baseAddress!, ap.baseAddress!, rows: 1, columns: z.count)
            }
        }
    }

    /// δ ⊙= f'(z) entry by entry (not for softmax, whose Jacobian is not diagonal;
    /// see `softmaxPullback`). Uses y = f(z) where that is cheaper, as the graph does.
    public static func multiplyDerivative(_ f: Activation, z: UnsafePointer<Double>, a: UnsafePointer<Double>,
                                          delta: UnsafeMutablePointer<Double>, count n: Int) {
        switch f {
        case .sigmoid: for k in 0..<n { delta[k] *= a[k] * (1 - a[k]) }
        case .tanh: for k in 0..<n { delta[k] *= 1 - a[k] * a[k] }
        case .relu: for k in 0..<n { delta[k] = z[k] > 0 ? delta[k] : 0 }
        case .softplus: for k in 0..<n { delta[k] *= StableMath.sigmoid(z[k]) }
        case .identity: break
        case .step, .sign:
            for k in 0..<n { delta[k] *= ElementwiseFunction.step.derivative(at: z[k], output: a[k]) }
        case .softmax:
            preconditionFailure("softmax has no elementwise derivative; use softmaxPullback")
        }
    }

    /// For a = softmax(z) on each row: δz = a ⊙ (g − ⟨a, g⟩), where g = ∂L/∂a
    /// arrives in `delta` and is replaced by ∂L/∂z.
    public static func softmaxPullback(a: UnsafePointer<Double>, delta: UnsafeMutablePointer<Double>,
                                       rows: Int, columns: Int) {
        for r in 0..<rows {
            let ar = a + r * columns, dr = delta + r * columns
            var dot = 0.0
            for k in 0..<columns { dot += ar[k] * dr[k] }
            for k in 0..<columns { dr[k] = ar[k] * (dr[k] - dot) }
        }
    }

    /// log Σ e^(z_k) over one row, exactly as the graph computes it.
    @inline(__always)
    static func logSumExp(_ z: UnsafePointer<Double>, _ n: Int) -> Double {
        StableMath.logSumExp(UnsafeBufferPointer(start: z, count: n))
    }
}
