#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// The function table: one row per elementwise function. To add a function,
// add a case to `ElementwiseFunction`, a row here, and the case to the
// dispatching switches the compiler then asks for (`ElementwiseFunction.swift`,
// `ActivationKernels.swift`); `FunctionRowTests` checks the row against finite
// differences and every consumer against the row (README: "Adding a function").

extension ElementwiseFunction {
    /// σ(z) = 1/(1 + e^−z); σ'(z) = σ(z)(1 − σ(z)).
    enum Sigmoid: FunctionRow {
        static let name = "sigmoid"
        static let symbol = "σ"
        static let summary = "logistic σ(z) = 1/(1 + e^−z), elementwise"
        static let glyph = "σ"
        static let asciiGlyph = "sig"
        @inline(__always) static func value(_ z: Double) -> Double { StableMath.sigmoid(z) }
        @inline(__always) static func derivative(at z: Double, output y: Double) -> Double { y * (1 - y) }
        /// z̄ = ȳ σ'(z) + (1 − y) s when the output also feeds a fused log σ, whose
        /// signal arrives scaled, s = σ ⊙ σ̄: factored as (y ȳ + s)(1 − y), so it
        /// never forms ∞ · 0 where σ underflows.
        @inline(__always) static func pullback(_ signal: Double, scaled s: Double, output y: Double) -> Double {
            (y * signal + s) * (1 - y)
        }
        static func closedFormDerivative(of x: Formula) -> Formula? {
            let fx = Formula.apply(.function(.sigmoid), [x])
            return .apply(.multiply, [fx, .apply(.subtract, [.scalar(1), fx])])
        }
    }

    /// tanh'(z) = 1 − tanh²(z).
    enum Tanh: FunctionRow {
        static let name = "tanh"
        static let summary = "hyperbolic tangent, elementwise"
        @inline(__always) static func value(_ z: Double) -> Double { Glibc.tanh(z) }
        @inline(__always) static func derivative(at z: Double, output y: Double) -> Double { 1 - y * y }
        static func closedFormDerivative(of x: Formula) -> Formula? {
            .apply(.subtract, [.scalar(1), .apply(.power, [.apply(.function(.tanh), [x]), .scalar(2)])])
        }
    }

    /// relu(z) = max(z, 0); relu'(z) = 1 for z > 0, else 0 (0 at the kink).
    enum ReLU: FunctionRow {
        static let name = "relu"
        static let summary = "max(z, 0), elementwise"
        @inline(__always) static func value(_ z: Double) -> Double { z > 0 ? z : 0 }
        @inline(__always) static func derivative(at z: Double, output y: Double) -> Double { z > 0 ? 1 : 0 }
        /// Passes the signal where the unit is active and blocks it elsewhere.
        @inline(__always) static func pullback(_ signal: Double, at z: Double, output y: Double) -> Double {
            z > 0 ? signal : 0
        }
        static func closedFormDerivative(of x: Formula) -> Formula? { nil }
    }

    /// softplus(z) = log(1 + e^z); softplus'(z) = σ(z).
    enum Softplus: FunctionRow {
        static let name = "softplus"
        static let summary = "log(1 + e^z), elementwise"
        @inline(__always) static func value(_ z: Double) -> Double { StableMath.softplus(z) }
        @inline(__always) static func derivative(at z: Double, output y: Double) -> Double { StableMath.sigmoid(z) }
        static func closedFormDerivative(of x: Formula) -> Formula? { .apply(.function(.sigmoid), [x]) }
    }

    /// exp'(z) = exp(z).
    enum Exp: FunctionRow {
        static let name = "exp"
        static let summary = "e^z, elementwise"
        @inline(__always) static func value(_ z: Double) -> Double { Glibc.exp(z) }
        @inline(__always) static func derivative(at z: Double, output y: Double) -> Double { y }
        static func closedFormDerivative(of x: Formula) -> Formula? { .apply(.function(.exp), [x]) }
    }

    /// log'(z) = 1/z.
    enum Log: FunctionRow {
        static let name = "log"
        static let summary = "natural logarithm, elementwise"
        @inline(__always) static func value(_ z: Double) -> Double { Glibc.log(z) }
        @inline(__always) static func derivative(at z: Double, output y: Double) -> Double { 1 / z }
        static func closedFormDerivative(of x: Formula) -> Formula? { .apply(.divide, [.scalar(1), x]) }
    }

    /// step(z) = 1 for z ≥ 0, else 0; derivative 0 (the jump is not differentiable).
    enum Step: FunctionRow {
        static let name = "step"
        static let summary = "1 if z ≥ 0 else 0 (derivative 0)"
        @inline(__always) static func value(_ z: Double) -> Double { z >= 0 ? 1 : (z.isNaN ? .nan : 0) }
        @inline(__always) static func derivative(at z: Double, output y: Double) -> Double { z.isNaN ? .nan : 0 }
        static func closedFormDerivative(of x: Formula) -> Formula? { .scalar(0) }
    }

    /// sign(z) = 1 for z ≥ 0, else −1; derivative 0.
    enum Sign: FunctionRow {
        static let name = "sign"
        static let summary = "1 if z ≥ 0 else −1 (derivative 0)"
        @inline(__always) static func value(_ z: Double) -> Double { z >= 0 ? 1 : (z.isNaN ? .nan : -1) }
        @inline(__always) static func derivative(at z: Double, output y: Double) -> Double { z.isNaN ? .nan : 0 }
        static func closedFormDerivative(of x: Formula) -> Formula? { .scalar(0) }
    }

    /// |z|; abs'(z) = sign of z, 0 at 0.
    enum Abs: FunctionRow {
        static let name = "abs"
        static let summary = "|z|, elementwise"
        @inline(__always) static func value(_ z: Double) -> Double { Swift.abs(z) }
        @inline(__always) static func derivative(at z: Double, output y: Double) -> Double {
            z > 0 ? 1 : (z < 0 ? -1 : 0)
        }
        static func closedFormDerivative(of x: Formula) -> Formula? { nil }
    }

    /// √z; sqrt'(z) = 1/(2√z).
    enum Sqrt: FunctionRow {
        static let name = "sqrt"
        static let summary = "√z, elementwise"
        @inline(__always) static func value(_ z: Double) -> Double { z.squareRoot() }
        @inline(__always) static func derivative(at z: Double, output y: Double) -> Double { 0.5 / y }
        static func closedFormDerivative(of x: Formula) -> Formula? {
            .apply(.divide, [.scalar(1), .apply(.multiply, [.scalar(2), .apply(.function(.sqrt), [x])])])
        }
    }

    /// identity(z) = z; derivative 1.
    enum Identity: FunctionRow {
        static let name = "identity"
        static let summary = "z itself"
        static let glyph = "id"
        @inline(__always) static func value(_ z: Double) -> Double { z }
        @inline(__always) static func derivative(at z: Double, output y: Double) -> Double { 1 }
        static func closedFormDerivative(of x: Formula) -> Formula? { .scalar(1) }
    }
}
