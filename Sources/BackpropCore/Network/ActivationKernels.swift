/// Activations on a block of rows (samples as rows), computed by the rows of
/// the function table (`FunctionRows.swift`) and the softmax op's own forward
/// rule, so these match the graph's values bit for bit (the derivative of
/// softmax here, a ⊙ (g − ⟨a, g⟩), agrees with the graph's to about an ulp).
/// Each function dispatches once, outside its loop, to a loop specialised
/// for its row.
public enum ActivationKernels {
    /// a = f(z) for `rows` rows of `columns` entries (softmax: row by row).
    public static func apply(_ f: Activation, _ z: UnsafePointer<Double>, _ a: UnsafeMutablePointer<Double>,
                             rows: Int, columns: Int) {
        guard let fn = f.elementwise else {
            for r in 0..<rows { Softmax.forward(a + r * columns, z: z + r * columns, columns) }
            return
        }
        apply(fn, z, a, count: rows * columns)
    }

    /// a = f(z) entry by entry, for any elementwise function.
    public static func apply(_ f: ElementwiseFunction, _ z: UnsafePointer<Double>, _ a: UnsafeMutablePointer<Double>,
                             count n: Int) {
        typealias F = ElementwiseFunction
        switch f {
        case .sigmoid: map(F.Sigmoid.self, z, a, n)
        case .tanh: map(F.Tanh.self, z, a, n)
        case .relu: map(F.ReLU.self, z, a, n)
        case .softplus: map(F.Softplus.self, z, a, n)
        case .exp: map(F.Exp.self, z, a, n)
        case .log: map(F.Log.self, z, a, n)
        case .step: map(F.Step.self, z, a, n)
        case .sign: map(F.Sign.self, z, a, n)
        case .abs: map(F.Abs.self, z, a, n)
        case .sqrt: map(F.Sqrt.self, z, a, n)
        case .identity: if UnsafePointer(a) != z { a.update(from: z, count: n) }
        }
    }


    /// δ ⊙= f'(z) entry by entry (not for softmax, whose Jacobian is not diagonal;
    /// see `softmaxPullback`). Uses y = f(z) where that is cheaper, as the graph does.
    public static func multiplyDerivative(_ f: Activation, z: UnsafePointer<Double>, a: UnsafePointer<Double>,
                                          delta: UnsafeMutablePointer<Double>, count n: Int) {
        guard let fn = f.elementwise else {
            preconditionFailure("softmax has no elementwise derivative; use Softmax.pullbackRows")
        }
        multiplyDerivative(fn, z: z, a: a, delta: delta, count: n)
    }

    /// δ ← the row's pullback of δ (δ · f'(z)) entry by entry, for any elementwise function.
    public static func multiplyDerivative(_ f: ElementwiseFunction, z: UnsafePointer<Double>, a: UnsafePointer<Double>,
                                          delta: UnsafeMutablePointer<Double>, count n: Int) {
        typealias F = ElementwiseFunction
        switch f {
        case .sigmoid: pull(F.Sigmoid.self, z, a, delta, n)
        case .tanh: pull(F.Tanh.self, z, a, delta, n)
        case .relu: pull(F.ReLU.self, z, a, delta, n)
        case .softplus: pull(F.Softplus.self, z, a, delta, n)
        case .exp: pull(F.Exp.self, z, a, delta, n)
        case .log: pull(F.Log.self, z, a, delta, n)
        case .step: pull(F.Step.self, z, a, delta, n)
        case .sign: pull(F.Sign.self, z, a, delta, n)
        case .abs: pull(F.Abs.self, z, a, delta, n)
        case .sqrt: pull(F.Sqrt.self, z, a, delta, n)
        case .identity: break  // f' ≡ 1
        }
    }

    /// a[k] = F(z[k]): one loop, specialised for the row.
    @inline(__always)
    private static func map<F: FunctionRow>(_: F.Type, _ z: UnsafePointer<Double>, _ a: UnsafeMutablePointer<Double>,
                                            _ n: Int) {
        for k in 0..<n { a[k] = F.value(z[k]) }
    }

    /// δ[k] = F's pullback of δ[k] at z[k], a[k]: one loop, specialised for the row.
    @inline(__always)
    private static func pull<F: FunctionRow>(_: F.Type, _ z: UnsafePointer<Double>, _ a: UnsafePointer<Double>,
                                             _ delta: UnsafeMutablePointer<Double>, _ n: Int) {
        for k in 0..<n { delta[k] = F.pullback(delta[k], at: z[k], output: a[k]) }
    }
}
