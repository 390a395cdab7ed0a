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
        /// `digits=2` among a call's arguments, as in `random(-1, 1, digits=2)`.
        case keywordArgument(Identifier, Expression)
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

    // Networks, data, training (see "Networks, data, training" in the contract).

    /// `net 2-3-1 hidden=sigmoid output=sigmoid loss=squared [seed=S] [act=f1,f2,…]`:
    /// layer sizes from input to output, then options.
    case net(layers: [Int], layersSpan: SourceSpan, options: [CommandOption])
    /// `data` (describe the current set), `data xor` (built-in), `data load PATH [targets=K | classes=C]`.
    case data(DataSource?, options: [CommandOption])
    /// `train epochs=N eta=E [mode=batch|sgd|minibatch] [batch=K] [seed=S] [lambda=Λ]`
    case train([CommandOption])
    /// `step [sample=K] [eta=E]`: one gradient step on one sample or the whole batch.
    case step([CommandOption])
    /// `perceptron [epochs=N]` runs it; `perceptron step` makes one visit; `perceptron reset` starts over.
    case perceptron(action: PerceptronSyntax.Action?, options: [CommandOption])
    /// `predict` (every sample) or `predict [x1, x2]`.
    case predict(Expression?)
    /// `accuracy`: on the current data.
    case accuracy
    /// `sample K`: put sample K (1-based) of the data into x and t.
    case sample(Expression)
    /// `notation NAME` (ng, grosse, fleuret, kroese, notes, canonical), or `notation` to list them.
    case notation(Identifier?)
    /// `grid [size=N]`: the decision regions of a 2-input network over the data's box.
    case grid([CommandOption])
    /// `losses`: the loss history of the last training run.
    case losses
    /// `plot EXPR[, EXPR…] for NAME in LOW..HIGH [points=N]`: curves of one variable.
    case plot(PlotCommand)

    // Lessons (see "Lessons" in the contract).

    /// `title "TEXT"`: the lesson's title.
    case title(String)
    /// `say "TEXT"` or `say """…"""`: narration.
    case say(String)
    /// `step "LABEL"`: a step boundary, where the full-screen view pauses.
    case lessonStep(String)
    /// `ask ID EXPR "QUESTION" [tol=T] [hint="TEXT"]`: an exercise whose answer is EXPR's value.
    case ask(id: Identifier, expression: Expression, question: String, options: [CommandOption])
}

/// Where `data` takes its samples from.
public enum DataSource: Sendable, Equatable {
    /// `and`, `or`, `nand`, `nor`, `xor`.
    case builtin(Identifier)
    /// `data load PATH`: a CSV file, relative to the lesson file or the current directory.
    case file(path: String, span: SourceSpan)
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
