import BackpropCore
import ScriptSyntax

/// Lowering expressions onto the tape: every operator becomes a primitive node,
/// and alongside it the formula in terms of named quantities (for `explain`).
extension Interpreter {
    func lower(_ e: Expression, into g: inout Graph) throws(Diagnostic) -> (NodeID, Formula) {
        if let constant = try constantValue(e) {
            return (g.addConstant(constant), .literal(constant, label: nil))
        }
        switch e.kind {
        case .number, .vector, .matrix:
            // A literal mentions no quantity, so it was folded above; folding it here keeps the switch total.
            let constant = try foldedConstant(e)
            return (g.addConstant(constant), .literal(constant, label: nil))
        case .keywordArgument(let key, _):
            throw Self.strayKeywordArgument(key)
        case .name(let name):
            let id = try lookup(Identifier(name, span: e.span))
            return (id, .node(id))
        case .grad(let name):
            let id = try lookup(name)
            let t = try gradientSnapshot(id, name: name)
            return (g.addConstant(t), .literal(t, label: "\(name.name).grad"))
        case let .unary(.negate, operand):
            let (a, fa) = try lower(operand, into: &g)
            return (try apply(.negate, [a], in: &g, at: e.span), .apply(.negate, [fa]))
        case let .binary(op, lhs, rhs):
            let (a, fa) = try lower(lhs, into: &g)
            let (b, fb) = try lower(rhs, into: &g)
            let primitive = Self.op(for: op)
            return (try apply(primitive, [a, b], in: &g, at: e.span), .apply(primitive, [fa, fb]))
        case let .call(function, arguments):
            let entry = try resolveFunction(function, argumentCount: arguments.count, span: e.span)
            let (a, fa) = try lower(arguments[0], into: &g)
            return (try apply(entry.op, [a], in: &g, at: e.span), .apply(entry.op, [fa]))
        case let .index(base, indices):
            let (a, fa) = try lower(base, into: &g)
            let (row, column) = try indexPosition(indices, of: g[a].shape, span: e.span)
            let op = Op.index(row: row, column: column)
            return (try apply(op, [a], in: &g, at: e.span), .apply(op, [fa]))
        }
    }

    private func apply(_ op: Op, _ inputs: [NodeID], in g: inout Graph, at span: SourceSpan) throws(Diagnostic) -> NodeID {
        do {
            return try g.addOp(op, inputs)
        } catch {
            throw Diagnostic(error.scriptMessage, at: span)
        }
    }

    static func op(for op: BinaryOperator) -> Op {
        switch op {
        case .add: .add
        case .subtract: .subtract
        case .multiply: .multiply
        case .divide: .divide
        case .matmul: .matmul
        case .power: .power
        }
    }

    func resolveFunction(_ function: Identifier, argumentCount: Int, span: SourceSpan) throws(Diagnostic) -> Functions.Entry {
        guard let entry = Functions.lookup(function.name) else {
            var notes: [String] = []
            if let note = Suggestions.note(for: function.name, among: Functions.names) {
                notes.append(note)
            } else {
                notes.append("the functions are: " + Functions.names.joined(separator: ", "))
            }
            throw Diagnostic(ScriptMessage.unknownFunction(function.name), at: function.span, notes: notes)
        }
        guard argumentCount == 1 else {
            throw Diagnostic(ScriptMessage.wrongArgumentCount(function: function.name, count: argumentCount), at: span)
        }
        return entry
    }

    func gradientSnapshot(_ id: NodeID, name: Identifier) throws(Diagnostic) -> Tensor {
        guard let root = graph.lastBackwardRoot else {
            throw Diagnostic(ScriptMessage.noGradientYet(name: name.name), at: name.span)
        }
        guard let t = graph.gradient(of: id) else {
            throw Diagnostic(ScriptMessage.gradientNotReached(name: name.name, root: graph.displayName(of: root)),
                             at: name.span)
        }
        return t
    }

    /// The 0-based (row, column) `base[i]` or `base[i, j]` selects (1-based in the language).
    func indexPosition(_ indices: [Expression], of shape: Shape, span: SourceSpan) throws(Diagnostic) -> (Int, Int) {
        var positions: [Int] = []
        for index in indices {
            guard let t = try constantValue(index), t.isScalar else {
                throw Diagnostic(ScriptMessage.indexNotANumber, at: index.span)
            }
            let v = t.scalar
            guard v == v.rounded(), abs(v) < 1e9 else {
                throw Diagnostic(ScriptMessage.indexNotWhole(NumberFormat.roundTrip(v)), at: index.span)
            }
            positions.append(Int(v))
        }
        let (row, column): (Int, Int)
        switch positions.count {
        case 1 where shape.columns == 1:
            (row, column) = (positions[0], 1)
        case 1 where shape.rows == 1:
            (row, column) = (1, positions[0])
        case 1:
            throw Diagnostic(ScriptMessage.matrixNeedsTwoIndices(shape), at: span)
        case 2:
            (row, column) = (positions[0], positions[1])
        default:
            throw Diagnostic(ScriptMessage.indexCount, at: span)
        }
        if row < 1 || row > shape.rows {
            let which = positions.count == 1 ? "index" : "row index"
            throw Diagnostic(ScriptMessage.indexOutOfRange(which: which, position: row, limit: shape.rows, shape: shape),
                             at: indices[0].span)
        }
        if column < 1 || column > shape.columns {
            let which = positions.count == 1 ? "index" : "column index"
            throw Diagnostic(ScriptMessage.indexOutOfRange(which: which, position: column, limit: shape.columns,
                                                           shape: shape),
                             at: indices[indices.count - 1].span)
        }
        return (row - 1, column - 1)
    }

    /// The number, vector or matrix a line spells, with no names in it: what counts
    /// as an answer typed at a question (the REPL's lesson mode, the screen's bar).
    public func answerValue(_ line: String) -> Tensor? {
        guard case .success(let e) = Parser.parseExpression(SourceFile(name: "<answer>", text: line)) else { return nil }
        return (try? constantValue(e)) ?? nil
    }

    /// The value of an expression that mentions no quantity (numbers, vector
    /// and matrix literals, arithmetic and functions of them), or nil. It is
    /// computed on a scratch tape exactly as the graph computes it, so that
    /// `log(sigmoid(-1000))` is the same stable log-sigmoid with or without a name.
    public func constantValue(_ e: Expression) throws(Diagnostic) -> Tensor? {
        guard !Self.mentionsQuantity(e) else { return nil }
        return try foldedConstant(e)
    }

    /// The value of an expression that mentions no quantity, on a scratch tape.
    private func foldedConstant(_ e: Expression) throws(Diagnostic) -> Tensor {
        var scratch = Graph()
        let id = try lowerConstant(e, into: &scratch)
        return scratch.value(of: id)
    }

    /// `digits=` outside `random(…)`.
    private static func strayKeywordArgument(_ key: Identifier) -> Diagnostic {
        Diagnostic(ScriptMessage.optionOutsideRandom(key.name), at: key.span)
    }

    /// Whether an expression refers to a name outside vector and matrix literals
    /// (their entries are checked one by one, with a message of their own).
    private static func mentionsQuantity(_ e: Expression) -> Bool {
        switch e.kind {
        case .number, .vector, .matrix: false
        case .name, .grad: true
        case .keywordArgument(_, let value): mentionsQuantity(value)
        case let .unary(_, operand): mentionsQuantity(operand)
        case let .binary(_, lhs, rhs): mentionsQuantity(lhs) || mentionsQuantity(rhs)
        case let .call(_, arguments): arguments.contains { mentionsQuantity($0) }
        case let .index(base, _): mentionsQuantity(base)
        }
    }

    private func lowerConstant(_ e: Expression, into g: inout Graph) throws(Diagnostic) -> NodeID {
        switch e.kind {
        case .number(let x):
            return g.addConstant(Tensor(scalar: x))
        case .vector(let items):
            return g.addConstant(Tensor(column: try items.map { item throws(Diagnostic) in try literalEntry(item) }))
        case .matrix(let rows):
            let values = try rows.map { row throws(Diagnostic) in
                try row.map { item throws(Diagnostic) in try literalEntry(item) }
            }
            return g.addConstant(Tensor(rowsOf: values))
        case .name, .grad:
            // Only reached through `constantValue`, which checks first that no quantity is mentioned.
            throw Diagnostic(ScriptMessage.numberNeeded, at: e.span)
        case let .unary(.negate, operand):
            let a = try lowerConstant(operand, into: &g)
            return try apply(.negate, [a], in: &g, at: e.span)
        case let .binary(op, lhs, rhs):
            let a = try lowerConstant(lhs, into: &g)
            let b = try lowerConstant(rhs, into: &g)
            return try apply(Self.op(for: op), [a, b], in: &g, at: e.span)
        case let .call(function, arguments) where function.name == "random":
            return g.addConstant(try randomValue(e, arguments))
        case .keywordArgument(let key, _):
            throw Self.strayKeywordArgument(key)
        case let .call(function, arguments):
            let entry = try resolveFunction(function, argumentCount: arguments.count, span: e.span)
            let a = try lowerConstant(arguments[0], into: &g)
            return try apply(entry.op, [a], in: &g, at: e.span)
        case let .index(base, indices):
            let a = try lowerConstant(base, into: &g)
            let (row, column) = try indexPosition(indices, of: g[a].shape, span: e.span)
            return try apply(.index(row: row, column: column), [a], in: &g, at: e.span)
        }
    }

    private func literalEntry(_ item: Expression) throws(Diagnostic) -> Double {
        guard let t = try constantValue(item) else {
            throw Diagnostic(ScriptMessage.literalMentionsQuantity, at: item.span)
        }
        guard t.isScalar else {
            throw Diagnostic(ScriptMessage.literalEntryNotScalar(t.shape), at: item.span)
        }
        return t.scalar
    }
}
