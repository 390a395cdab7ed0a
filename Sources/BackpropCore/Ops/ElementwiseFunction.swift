/// The elementwise functions of the language. Each case is one row of the
/// table in `FunctionRows.swift` (name, symbol, value, derivative, closed form,
/// help summary, diagram glyph); everything that needs to know a function (the
/// tape's forward and backward, the symbolic engine, the batch kernels, the
/// language's function list and help, the network diagram) reads it from there.
public enum ElementwiseFunction: String, Sendable, CaseIterable {
    case sigmoid, tanh, relu, softplus, exp, log, step, sign, abs, sqrt, identity

    /// The row that defines this function. The one place a case is mapped to
    /// its row; `apply` and `derivative` switch directly, for speed.
    var row: any FunctionRow.Type {
        switch self {
        case .sigmoid: Sigmoid.self
        case .tanh: Tanh.self
        case .relu: ReLU.self
        case .softplus: Softplus.self
        case .exp: Exp.self
        case .log: Log.self
        case .step: Step.self
        case .sign: Sign.self
        case .abs: Abs.self
        case .sqrt: Sqrt.self
        case .identity: Identity.self
        }
    }

    /// The name a student types: `sigmoid`, `tanh`, …
    public var name: String { row.name }
    /// How the lectures write f (and f' in explanations): σ'(z), tanh'(z), …
    public var symbol: String { row.symbol }
    /// One line of help: "logistic σ(z) = 1/(1 + e^−z), elementwise".
    public var summary: String { row.summary }

    /// The short label of the function in the network diagram (`σ`, or `sig`
    /// where the terminal cannot show Unicode).
    /// Whether f′ is 0 wherever it is defined (step, sign): no gradient flows through f,
    /// so gradient descent cannot move the weights before it (lecture 002).
    public var isFlat: Bool { closedFormDerivative(of: .node(0)) == .scalar(0) }

    public func glyph(unicode: Bool) -> String { unicode ? row.glyph : row.asciiGlyph }

    /// f(z).
    @inline(__always)
    public func apply(_ z: Double) -> Double {
        switch self {
        case .sigmoid: Sigmoid.value(z)
        case .tanh: Tanh.value(z)
        case .relu: ReLU.value(z)
        case .softplus: Softplus.value(z)
        case .exp: Exp.value(z)
        case .log: Log.value(z)
        case .step: Step.value(z)
        case .sign: Sign.value(z)
        case .abs: Abs.value(z)
        case .sqrt: Sqrt.value(z)
        case .identity: Identity.value(z)
        }
    }

    /// f'(z), given z and y = f(z) (many derivatives are cheapest from y).
    @inline(__always)
    public func derivative(at z: Double, output y: Double) -> Double {
        switch self {
        case .sigmoid: Sigmoid.derivative(at: z, output: y)
        case .tanh: Tanh.derivative(at: z, output: y)
        case .relu: ReLU.derivative(at: z, output: y)
        case .softplus: Softplus.derivative(at: z, output: y)
        case .exp: Exp.derivative(at: z, output: y)
        case .log: Log.derivative(at: z, output: y)
        case .step: Step.derivative(at: z, output: y)
        case .sign: Sign.derivative(at: z, output: y)
        case .abs: Abs.derivative(at: z, output: y)
        case .sqrt: Sqrt.derivative(at: z, output: y)
        case .identity: Identity.derivative(at: z, output: y)
        }
    }

    /// f'(x) written with f itself where the lectures do: σ'(z) = σ(z)(1 − σ(z)).
    /// nil where no simpler form exists (relu', abs' are shown as they are).
    func closedFormDerivative(of x: Formula) -> Formula? {
        row.closedFormDerivative(of: x)
    }
}

/// One row of the function table: everything the engine, the language and the
/// screen know about one elementwise function f. The numeric members are
/// static and `@inline(__always)`, so a kernel generic over the row (as in
/// `ActivationKernels`) compiles to the same loop as hand-written code.
protocol FunctionRow {
    /// The name a student types (also the case's raw value).
    static var name: String { get }
    /// How the lectures write f: `σ` for sigmoid, otherwise the name.
    static var symbol: String { get }
    /// One line for `help functions`.
    static var summary: String { get }
    /// The label in the network diagram, with and without Unicode.
    static var glyph: String { get }
    static var asciiGlyph: String { get }

    /// y = f(z).
    static func value(_ z: Double) -> Double
    /// f'(z), given z and y = f(z). Non-differentiable points take 0
    /// (relu'(0), abs'(0), step' and sign' everywhere), NaN stays NaN.
    static func derivative(at z: Double, output y: Double) -> Double
    /// The error signal through f, ḡ · f'(z), as the batch kernels scale it.
    /// The default multiplies; a row may pass or block the signal instead
    /// (relu) so a dead unit never forms ∞ · 0.
    static func pullback(_ signal: Double, at z: Double, output y: Double) -> Double
    /// f'(x) as the lectures write it, in terms of f(x) where they do
    /// (σ(x)(1 − σ(x))); nil where f'(x) reads best as it is.
    static func closedFormDerivative(of x: Formula) -> Formula?
}

extension FunctionRow {
    static var symbol: String { name }
    static var glyph: String { name }
    static var asciiGlyph: String { glyph }

    @inline(__always)
    static func pullback(_ signal: Double, at z: Double, output y: Double) -> Double {
        signal * derivative(at: z, output: y)
    }
}
