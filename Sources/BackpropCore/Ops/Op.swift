/// A primitive operation of the tape. Each op (or family of ops) keeps all it
/// knows in one file in this folder: its result shape, forward value, numeric
/// vector–Jacobian product, symbolic rule for explanations, rendering and
/// simplification (`Arithmetic.swift`, `MatMul.swift`, `Softmax.swift`, …;
/// see `README.md`). The drivers (`Graph.resultShape`, `Forward.swift`,
/// `Backward.swift`, `SymbolicRules.swift`, `FormulaRenderer`, `Simplify`)
/// only dispatch on the op. The elementwise functions are rows of one table
/// (`FunctionRows.swift`).
public enum Op: Sendable, Hashable {
    /// An input or a parameter: a value set from outside, updated in place.
    case leaf
    /// A constant inside an expression (a number, or a `NAME.grad` snapshot).
    case constant
    /// Elementwise, with a 1×1 operand broadcast over the other.
    case add, subtract, multiply, divide
    /// Elementwise power a^b, with 1×1 broadcasting.
    case power
    /// Matrix product.
    case matmul
    case negate
    case function(ElementwiseFunction)
    /// log σ(z), fused when `log` is applied to a sigmoid node: stable at any z.
    case logSigmoid
    /// log softmax(z), fused when `log` is applied to a softmax node.
    case logSoftmax
    /// Sum or mean of all entries (1×1 result).
    case sum, mean
    /// Softmax of a column vector.
    case softmax
    case transpose
    /// One entry, 0-based (the language is 1-based; the interpreter converts).
    case index(row: Int, column: Int)

    public var arity: Int {
        switch self {
        case .leaf, .constant: 0
        case .add, .subtract, .multiply, .divide, .power, .matmul: 2
        default: 1
        }
    }

    /// The name a user types for this op, for messages.
    public var displayName: String {
        switch self {
        case .leaf: "leaf"
        case .constant: "constant"
        case .add: "+"
        case .subtract: "-"
        case .multiply: "*"
        case .divide: "/"
        case .power: "^"
        case .matmul: "@"
        case .negate: "unary -"
        case .function(let f): f.name
        case .logSigmoid, .logSoftmax: "log"
        case .sum: "sum"
        case .mean: "mean"
        case .softmax: "softmax"
        case .transpose: "transpose"
        case .index: "indexing"
        }
    }

    /// The ops written as functions, `sum(A)`, beside the elementwise ones: the
    /// language's function list is these and `ElementwiseFunction.allCases`.
    public static let writtenAsFunctions: [Op] = [.sum, .mean, .softmax, .transpose]

    /// One line for `help functions`, from the op's own file; nil for an op that is
    /// not written as a function.
    public var functionSummary: String? {
        switch self {
        case .function(let f): f.summary
        case .sum, .mean: Reductions.summary(self)
        case .softmax: Softmax.summary
        case .transpose: Transpose.summary
        case .leaf, .constant, .add, .subtract, .multiply, .divide, .power, .matmul, .negate,
             .logSigmoid, .logSoftmax, .index: nil
        }
    }

    public var isElementwiseBinary: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .power: true
        default: false
        }
    }
}

/// Why an op cannot be applied to its operands. Messages name both shapes.
public enum GraphError: Error, Sendable, Equatable, CustomStringConvertible {
    case elementwiseShapeMismatch(op: String, Shape, Shape)
    case matmulShapeMismatch(Shape, Shape)
    case notAColumnVector(function: String, Shape)
    case indexOutOfRange(index: Int, dimension: String, size: Int, shape: Shape)
    case notScalar(name: String, Shape)

    public var description: String {
        switch self {
        case let .elementwiseShapeMismatch(op, a, b):
            "cannot apply '\(op)' to \(a) and \(b): elementwise operands must have the same shape, or one must be 1×1"
        case let .matmulShapeMismatch(a, b):
            "cannot multiply \(a) @ \(b): the inner dimensions \(a.columns) and \(b.rows) differ"
        case let .notAColumnVector(function, shape):
            "\(function) takes a column vector (n×1), not \(shape)"
        case let .indexOutOfRange(index, dimension, size, shape):
            "\(dimension) index \(index) is out of range 1…\(size) for a \(shape) value"
        case let .notScalar(name, shape):
            "\(name) is \(shape), but this needs a 1×1 value"
        }
    }
}
