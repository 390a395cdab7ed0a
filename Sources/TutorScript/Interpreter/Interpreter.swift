import BackpropCore
import ScriptSyntax

/// Session settings, changed with `set KEY VALUE`.
public struct Settings: Sendable, Equatable {
    /// Significant digits in human output (JSON always prints full precision).
    public var digits = 5
    /// Whose names `show` and `explain` use for a network's quantities.
    public var notation = Notation.canonical

    public init() {}

    public var numberFormat: NumberFormat { NumberFormat(digits: digits) }
    public var mathFormat: NumberFormat { NumberFormat(digits: digits, typographicMinus: true) }
}

/// Runs statements against a computation graph. A value type: copying it
/// snapshots the whole session (graph, bindings, gradients, settings).
public struct Interpreter: Sendable {
    public internal(set) var graph = Graph()
    public internal(set) var settings = Settings()
    public internal(set) var session = NetworkSession()
    public var hooks = InterpreterHooks()
    /// Chooses this student's numbers where a lesson writes random(low, high).
    public var variantSeed: UInt64 = 0
    /// How many assignments with random() each name has had (the draw's identity).
    var randomDraws: [String: Int] = [:]
    /// While an assignment is evaluated: its name, which draw of that name it is, and its right side.
    var randomContext: RandomContext?

    struct RandomContext: Sendable {
        var name: String
        var draw: Int
        var rhs: Expression
    }

    public init(hooks: InterpreterHooks = InterpreterHooks()) {
        self.hooks = hooks
    }

    /// Executes one statement. Errors are located diagnostics; the session is
    /// unchanged by a statement that fails.
    public mutating func execute(_ statement: Statement, in source: SourceFile) throws(Diagnostic) -> [Output] {
        var copy = self
        let outputs = try copy.run(statement, in: source)
        self = copy
        return outputs
    }

    private mutating func run(_ statement: Statement, in source: SourceFile) throws(Diagnostic) -> [Output] {
        switch statement.kind {
        case let .assignment(target, op, value):
            session.trainingIsCurrent = false
            return [try assign(target, op, value, statement: statement, source: source)]
        case .expression(let e):
            var scratch = graph
            let (id, _) = try lower(e, into: &scratch)
            return [.value(scratch.value(of: id))]
        case let .command(keyword, command):
            if command.endsTrainingRun { session.trainingIsCurrent = false }
            return try runCommand(command, keyword: keyword, source: source)
        }
    }

    /// Every name bound now, in the order they were defined; a second name for a
    /// node (`a0` for `x`) is left out.
    public var boundNames: [String] {
        graph.bindings.filter { graph.name(of: $0.value) == $0.key }.sorted { $0.value < $1.value }.map(\.key)
    }

    /// Every name that resolves, second names included.
    var resolvableNames: [String] {
        graph.bindings.keys.sorted()
    }

    /// The node a name is bound to, or a diagnostic with a suggestion.
    func lookup(_ id: Identifier) throws(Diagnostic) -> NodeID {
        if let node = graph.bindings[id.name] { return node }
        var notes: [String] = []
        if let guess = Suggestions.closest(to: id.name, among: resolvableNames + Functions.names)
            ?? Suggestions.closest(to: id.name, among: Keywords.commands) {
            // A bare `shwo` or `hlep` is read as a name: the command it misspells is the likely fix.
            notes.append(Suggestions.didYouMean(guess))
        } else if graph.bindings.isEmpty {
            notes.append("nothing is defined yet: define it first, e.g. '\(id.name) = 0.5'")
        }
        throw Diagnostic(ScriptMessage.unknownName(id.name), at: id.span, notes: notes)
    }

    var renderer: FormulaRenderer {
        let graph = self.graph
        guard settings.notation != .canonical, let nodes = session.network, nodes.isCurrent(in: graph) else {
            return FormulaRenderer(graph: graph, numbers: settings.mathFormat)
        }
        let roles = nodes.roles, notation = settings.notation, depth = nodes.spec.depth
        return FormulaRenderer(
            graph: graph, numbers: settings.mathFormat,
            name: { id in roles[id].map { notation.name($0, depth: depth) } ?? graph.displayName(of: id) },
            gradientName: { id in roles[id].flatMap { notation.gradientName($0, depth: depth) } })
    }
}
