import BackpropCore
import ScriptSyntax

/// `NAME = EXPR` and friends, with the contract's semantics:
/// - a literal right side makes a leaf, or updates an existing leaf of the same
///   shape in place (everything computed from it is recomputed);
/// - any other right side makes a new node (so `c = c + 1` is fine);
/// - `NAME op= EXPR` is `NAME = NAME op EXPR`.
extension Interpreter {
    mutating func assign(_ target: AssignmentTarget, _ op: AssignmentOperator, _ value: Expression,
                         statement: Statement, source: SourceFile) throws(Diagnostic) -> Output {
        let name = target.name
        if Keywords.commands.contains(name.name) || Functions.lookup(name.name) != nil {
            let what = Functions.lookup(name.name) != nil ? "a function" : "a command"
            throw Diagnostic(ScriptMessage.reservedName(name.name, what: what), at: name.span)
        }
        let origin = "\(source.name):\(statement.span.start.line)"
        if !target.indices.isEmpty {
            return try assignElement(target, op, value)
        }
        // random() draws are named by what they are, not where they are written, so that
        // editing other lines of a lesson keeps every student's numbers.
        if Self.containsRandom(value) {
            let draw = (randomDraws[name.name] ?? 0) + 1
            randomDraws[name.name] = draw
            randomContext = RandomContext(name: name.name, draw: draw, rhs: value)
        }
        defer { randomContext = nil }
        var rhs = value
        if let binary = op.binaryOperator {
            _ = try lookup(name)
            rhs = Expression(.binary(binary, Expression(.name(name.name), span: name.span), value),
                             span: statement.span)
        }
        if let literal = try constantValue(rhs) {
            if let existing = graph.bindings[name.name], graph[existing].isLeaf,
               graph[existing].shape == literal.shape {
                let before = graph.lastBackwardRoot
                graph.setLeaf(existing, to: literal)
                let recomputed = dependents(of: existing)
                let note = before.map { "gradients from 'backward \(graph.displayName(of: $0))' recomputed" }
                return .assigned(name: name.name, value: literal, isLeaf: true, recomputed: recomputed, note: note)
            }
            var note: String?
            if let existing = graph.bindings[name.name], dependents(of: existing) > 0 {
                note = "a new \(literal.shape) leaf; quantities defined from the earlier \(name.name) still use it"
            }
            let id = graph.addLeaf(literal)
            graph.bind(name.name, to: id, definition: nil, origin: "\(name.name) = … at \(origin)")
            return .assigned(name: name.name, value: literal, isLeaf: true, recomputed: 0, note: note)
        }
        var (id, formula) = try lower(rhs, into: &graph)
        if graph[id].name != nil || graph[id].op == .leaf {
            // `y = x`: a new node equal to x, so that y has a definition of its own.
            // identity never fails: its result has its operand's shape.
            id = (try? graph.addOp(.function(.identity), [id])) ?? id
        }
        graph.bind(name.name, to: id, definition: formula, origin: origin)
        return .assigned(name: name.name, value: graph.value(of: id), isLeaf: false, recomputed: 0, note: nil)
    }

    /// `W[i, j] = 0.5` on a leaf: changes one entry in place.
    private mutating func assignElement(_ target: AssignmentTarget, _ op: AssignmentOperator,
                                        _ value: Expression) throws(Diagnostic) -> Output {
        let id = try lookup(target.name)
        guard graph[id].isLeaf else {
            throw Diagnostic(ScriptMessage.onlyLeafEntriesSet(name: target.name.name), at: target.name.span)
        }
        let span = target.indices[0].span.merged(with: target.indices[target.indices.count - 1].span)
        let (row, column) = try indexPosition(target.indices, of: graph[id].shape, span: span)
        guard let t = try constantValue(value) else {
            throw Diagnostic(ScriptMessage.entryNeedsNumber, at: value.span)
        }
        guard t.isScalar else {
            throw Diagnostic(ScriptMessage.entryNotScalar(t.shape), at: value.span)
        }
        var updated = graph.value(of: id)
        let old = updated[row, column]
        updated[row, column] = switch op {
        case .assign: t.scalar
        case .add: old + t.scalar
        case .subtract: old - t.scalar
        case .multiply: old * t.scalar
        case .divide: old / t.scalar
        }
        let before = graph.lastBackwardRoot
        graph.setLeaf(id, to: updated)
        let note = before.map { "gradients from 'backward \(graph.displayName(of: $0))' recomputed" }
        return .assigned(name: target.name.name, value: updated, isLeaf: true,
                         recomputed: dependents(of: id), note: note)
    }

    /// How many named quantities depend on node `id`.
    func dependents(of id: NodeID) -> Int {
        var reach = [Bool](repeating: false, count: graph.count)
        reach[id] = true
        var count = 0
        for i in (id + 1)..<max(id + 1, graph.count) {
            let inputs = graph[i].inputs
            if inputs.contains(where: { reach[$0] }) {
                reach[i] = true
                if let name = graph[i].name, graph.bindings[name] == i { count += 1 }
            }
        }
        return count
    }

    /// Whether an expression calls random(…).
    static func containsRandom(_ e: Expression) -> Bool {
        randomCalls(in: e).count > 0
    }

    /// The random(…) calls of an expression, in source order.
    static func randomCalls(in e: Expression) -> [Expression] {
        switch e.kind {
        case .number, .name, .grad: return []
        case .vector(let items): return items.flatMap(randomCalls)
        case .matrix(let rows): return rows.flatMap { $0.flatMap(randomCalls) }
        case .unary(_, let x), .keywordArgument(_, let x): return randomCalls(in: x)
        case let .binary(_, a, b): return randomCalls(in: a) + randomCalls(in: b)
        case let .call(function, arguments):
            return (function.name == "random" ? [e] : []) + arguments.flatMap(randomCalls)
        case let .index(base, indices): return randomCalls(in: base) + indices.flatMap(randomCalls)
        }
    }
}
