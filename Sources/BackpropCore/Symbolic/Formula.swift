/// A quantity's definition as the student wrote it, in terms of named nodes:
/// `z = w*x + b` is `.apply(.add, [.apply(.multiply, [.node(w), .node(x)]), .node(b)])`.
/// Explanations differentiate formulas symbolically with the same op rules as
/// the numeric backward pass, and evaluate them to show the numbers.
public indirect enum Formula: Sendable, Equatable {
    /// A named node (or leaf) of the graph.
    case node(NodeID)
    /// A number written in the source; `label` names a snapshot such as `w.grad`.
    case literal(Tensor, label: String?)
    case apply(Op, [Formula])
    /// The error signal v̄ of a node (only in explanations).
    case gradient(NodeID)
    /// f'(x) (only in explanations).
    case derivative(ElementwiseFunction, Formula)
    /// A 1×1 value placed at (row, column) of an otherwise zero matrix: the
    /// pullback of indexing (only in explanations).
    case scatter(Formula, row: Int, column: Int, shape: Shape)

    public static func scalar(_ x: Double) -> Formula { .literal(Tensor(scalar: x), label: nil) }

    /// A matrix of ones, written 𝟏: how `sum` hands its signal to every entry.
    public static func ones(_ shape: Shape) -> Formula {
        .literal(Tensor(rows: shape.rows, columns: shape.columns, repeating: 1), label: "𝟏")
    }

    /// Whether the formula mentions node `id` (not looking inside other named nodes).
    public func references(_ id: NodeID) -> Bool {
        switch self {
        case .node(let n): n == id
        case .literal, .gradient: false
        case .apply(_, let args): args.contains { $0.references(id) }
        case .derivative(_, let x), .scatter(let x, _, _, _): x.references(id)
        }
    }

    /// The unlabelled scalar number this formula is, if it is one.
    var numericConstant: Double? {
        if case let .literal(t, nil) = self, t.isScalar { return t.scalar }
        return nil
    }

    var isConstant: Bool {
        switch self {
        case .literal(_, nil): true
        case .apply(_, let args): args.allSatisfy(\.isConstant)
        case .derivative(_, let x): x.isConstant
        default: false
        }
    }
}

extension Formula {
    /// The shape of the formula's value.
    public func shape(in graph: Graph) -> Shape {
        switch self {
        case .node(let id), .gradient(let id): return graph.shape(of: id)
        case .literal(let t, _): return t.shape
        case .derivative(_, let x): return x.shape(in: graph)
        case .scatter(_, _, _, let shape): return shape
        case let .apply(op, args):
            return (try? Graph.resultShape(of: op, operands: args.map { $0.shape(in: graph) })) ?? .scalar
        }
    }

    /// The formula's numeric value, from the graph's current values and gradients.
    /// A node the last backward did not reach has gradient 0 here.
    public func evaluate(in graph: Graph) -> Tensor {
        switch self {
        case .node(let id):
            return graph.value(of: id)
        case .gradient(let id):
            return graph.gradient(of: id) ?? Tensor(rows: graph.shape(of: id).rows, columns: graph.shape(of: id).columns)
        case .literal(let t, _):
            return t
        case let .derivative(f, x):
            let z = x.evaluate(in: graph)
            return Tensor(rows: z.rows, columns: z.columns,
                          storage: z.storage.map { f.derivative(at: $0, output: f.apply($0)) })
        case let .scatter(x, row, column, shape):
            var out = Tensor(rows: shape.rows, columns: shape.columns)
            out[row, column] = x.evaluate(in: graph).scalar
            return out
        case let .apply(op, args):
            // Evaluate on a scratch graph of constants, with the engine's own forward rules.
            var scratch = Graph()
            let inputs = args.map { scratch.addConstant($0.evaluate(in: graph)) }
            let op = Softmax.unfused(op)
            guard let id = try? scratch.addOp(op, inputs) else {
                return Tensor(scalar: .nan)
            }
            return scratch.value(of: id)
        }
    }
}
