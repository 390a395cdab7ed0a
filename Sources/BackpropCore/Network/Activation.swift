#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A layer's activation a = f(z). All but softmax act entry by entry, with the
/// same value and derivative as the graph's `ElementwiseFunction`, so the batch
/// trainer and the graph agree to the last bit on the forward pass.
///
/// softmax (output layer only): aₖ = e^{zₖ} / Σⱼ e^{zⱼ}, computed as e^{zₖ − lse(z)}.
public enum Activation: String, Sendable, CaseIterable, CustomStringConvertible {
    case sigmoid, tanh, relu, softplus, identity, step, sign, softmax

    public var description: String { rawValue }

    /// The graph function for an elementwise activation (nil for softmax).
    public var elementwise: ElementwiseFunction? {
        switch self {
        case .sigmoid: .sigmoid
        case .tanh: .tanh
        case .relu: .relu
        case .softplus: .softplus
        case .identity: .identity
        case .step: .step
        case .sign: .sign
        case .softmax: nil
        }
    }

    /// The layer's label in the network diagram: the function row's glyph
    /// (`σ`, or `sig` without Unicode), `smax` for softmax.
    public func glyph(unicode: Bool) -> String {
        elementwise?.glyph(unicode: unicode) ?? Softmax.glyph
    }

    /// The op that builds `al = f(zl)` on the tape.
    public var graphOp: Op {
        if let f = elementwise { return .function(f) }
        return .softmax
    }

    /// The names accepted in `net … act=`, `hidden=`, `output=`.
    public static var names: String { allCases.map(\.rawValue).joined(separator: " ") }
}

/// The loss of one sample, L. The trainer minimises the mean over the samples.
public enum Loss: String, Sendable, CaseIterable, CustomStringConvertible {
    /// L = ½ Σₖ (aLₖ − tₖ)²
    case squared
    /// L = −Σₖ tₖ log aLₖ (with a softmax output; evaluated as a stable log-softmax)
    case xent

    public var description: String { rawValue }
}
