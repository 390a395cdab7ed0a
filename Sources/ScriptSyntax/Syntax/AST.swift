/// The syntax tree of the command language (see `shared/spec/LANGUAGE.md`).
/// One `Statement` per source line (a `"""` string may span lines).

/// A name as written, with where it was written.
public struct Identifier: Sendable, Hashable {
    public var name: String
    public var span: SourceSpan

    public init(_ name: String, span: SourceSpan) {
        self.name = name
        self.span = span
    }
}

public enum UnaryOperator: String, Sendable {
    case negate = "-"
}

public enum BinaryOperator: String, Sendable, CaseIterable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case matmul = "@"
    case power = "^"
}

public struct Expression: Sendable, Equatable {
    public indirect enum Kind: Sendable, Equatable {
        /// `0.5`, `-4` is `.unary(.negate, .number(4))`.
        case number(Double)
        /// A reference to a bound name.
        case name(String)
        /// `[1, 2, 3]`: a column vector (n×1).
        case vector([Expression])
        /// `[[1, 2], [3, 4]]`: a matrix given by rows.
        case matrix([[Expression]])
        case unary(UnaryOperator, Expression)
        case binary(BinaryOperator, Expression, Expression)
        /// `sigmoid(z)`: `function` is the name as written (checked by the interpreter).
        case call(function: Identifier, arguments: [Expression])
        /// `v[2]`, `W[1, 2]`: 1-based indices.
        case index(Expression, [Expression])
        /// `NAME.grad`: the gradient from the last `backward`, as a constant.
        case grad(Identifier)
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}

public enum AssignmentOperator: String, Sendable {
    case assign = "="
    case add = "+="
    case subtract = "-="
    case multiply = "*="
    case divide = "/="

    /// The binary operator `NAME op= EXPR` stands for, nil for plain `=`.
    public var binaryOperator: BinaryOperator? {
        switch self {
        case .assign: nil
        case .add: .add
        case .subtract: .subtract
        case .multiply: .multiply
        case .divide: .divide
        }
    }
}

/// The left side of an assignment: `w` or an element of a leaf, `W1[1, 2]`.
public struct AssignmentTarget: Sendable, Equatable {
    public var name: Identifier
    /// Empty for a whole name; one or two 1-based indices for an element.
    public var indices: [Expression]

    public init(name: Identifier, indices: [Expression] = []) {
        self.name = name
        self.indices = indices
    }
}

/// The value of a `key=value` option.
public enum OptionValue: Sendable, Equatable {
    case number(Double)
    /// A bare word: `batch`, `sgd`, `relu`.
    case word(String)
    /// A quoted string.
    case string(String)
}

/// `key=value` as written after a command.
public struct CommandOption: Sendable, Equatable {
    public var key: Identifier
    public var value: OptionValue
    public var valueSpan: SourceSpan

    public init(key: Identifier, value: OptionValue, valueSpan: SourceSpan) {
        self.key = key
        self.value = value
        self.valueSpan = valueSpan
    }
}

/// A reference to a quantity in `show`/`explain`: `W1` or `W1.grad`.
public struct QuantityReference: Sendable, Equatable {
    public var name: Identifier
    public var gradient: Bool
    public var span: SourceSpan

    public init(name: Identifier, gradient: Bool, span: SourceSpan) {
        self.name = name
        self.gradient = gradient
        self.span = span
    }
}

/// The commands of the language. Each has its own small grammar (see Parser).
public enum Command: Sendable, Equatable {
    /// `backward NAME`
    case backward(Identifier)
    /// `show NAME...` (no names: every bound name). `show W1.grad` is allowed and shows W1.
    case show([QuantityReference])
    /// `explain NAME` or `explain NAME.grad`
    case explain(QuantityReference)
    /// `gradcheck NAME [eps=H]`
    case gradcheck(Identifier, options: [CommandOption])
    /// `set KEY VALUE` (`set digits 10`); `set` alone lists the settings.
    case set(key: Identifier?, value: OptionValue?, valueSpan: SourceSpan?)
    /// `help` or `help TOPIC`
    case help(Identifier?)
    /// `names`: the bound names with their shapes and kinds.
    case names
    /// `reset`: forget every binding (a fresh session).
    case reset
}

public struct Statement: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case assignment(target: AssignmentTarget, operator: AssignmentOperator, value: Expression)
        /// A bare expression: its value is printed.
        case expression(Expression)
        case command(keyword: Identifier, Command)
    }

    public var kind: Kind
    public var span: SourceSpan

    public init(_ kind: Kind, span: SourceSpan) {
        self.kind = kind
        self.span = span
    }
}
