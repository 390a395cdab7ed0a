/// The computation graph as an append-only tape (micrograd's idea, with an
/// explicit topological order). A value type: copying it is a snapshot, which
/// makes stepping back and "what if" evaluation safe and cheap.
public struct Graph: Sendable {
    public internal(set) var nodes: [Node] = []
    /// The current binding of each name.
    public internal(set) var bindings: [String: NodeID] = [:]
    /// The node the last `backward` started from; gradients are recomputed from
    /// it when a leaf changes.
    public internal(set) var lastBackwardRoot: NodeID?

    public init() {}

    public var count: Int { nodes.count }
    public subscript(id: NodeID) -> Node { nodes[id] }

    // MARK: Building

    /// A leaf: an input or a parameter.
    public mutating func addLeaf(_ value: Tensor) -> NodeID {
        append(Node(op: .leaf, input0: -1, input1: -1, value: value,
                    gradientBuffer: Tensor(rows: value.rows, columns: value.columns),
                    scaledGradientBuffer: nil, hasGradient: false, requiresGradient: true,
                    name: nil, version: 0, definition: nil, origin: nil))
    }

    /// A constant inside an expression; no gradient flows into it.
    public mutating func addConstant(_ value: Tensor) -> NodeID {
        append(Node(op: .constant, input0: -1, input1: -1, value: value,
                    gradientBuffer: Tensor(rows: value.rows, columns: value.columns),
                    scaledGradientBuffer: nil, hasGradient: false, requiresGradient: false,
                    name: nil, version: 0, definition: nil, origin: nil))
    }

    /// Applies a primitive op to existing nodes and computes its value.
    /// `log` of a sigmoid or softmax node is fused into a stable log-sigmoid or
    /// log-softmax (same value and gradient, no NaN where the math has none).
    public mutating func addOp(_ op: Op, _ inputs: [NodeID]) throws(GraphError) -> NodeID {
        precondition(inputs.count == op.arity && inputs.allSatisfy { $0 >= 0 && $0 < nodes.count },
                     "addOp: bad inputs")
        var op = op
        if op == .function(.log) {
            switch nodes[inputs[0]].op {
            case .function(.sigmoid): op = .logSigmoid
            case .softmax: op = .logSoftmax
            default: break
            }
        }
        let shapes = inputs.map { nodes[$0].shape }
        let shape = try Self.resultShape(of: op, operands: shapes)
        let requires = inputs.contains { nodes[$0].requiresGradient }
        let node = Node(op: op, input0: inputs.first ?? -1, input1: inputs.count > 1 ? inputs[1] : -1,
                        value: Tensor(rows: shape.rows, columns: shape.columns),
                        gradientBuffer: Tensor(rows: shape.rows, columns: shape.columns),
                        scaledGradientBuffer: nil, hasGradient: false, requiresGradient: requires,
                        name: nil, version: 0, definition: nil, origin: nil)
        let id = append(node)
        if op == .logSigmoid || op == .logSoftmax, nodes[inputs[0]].scaledGradientBuffer == nil {
            let s = nodes[inputs[0]].shape
            nodes[inputs[0]].scaledGradientBuffer = Tensor(rows: s.rows, columns: s.columns)
        }
        computeValue(of: id)
        return id
    }

    /// Binds `name` to `id` (rebinding hides, never removes, the earlier node).
    public mutating func bind(_ name: String, to id: NodeID, definition: Formula?, origin: String? = nil) {
        let previous = nodes.lazy.filter { $0.name == name }.count
        nodes[id].name = name
        nodes[id].version = previous + 1
        nodes[id].definition = definition
        nodes[id].origin = origin
        bindings[name] = id
    }

    /// The shape an op produces from operands of the given shapes.
    public static func resultShape(of op: Op, operands s: [Shape]) throws(GraphError) -> Shape {
        switch op {
        case .leaf, .constant:
            return .scalar
        case .add, .subtract, .multiply, .divide, .power:
            if s[0] == s[1] || s[1].isScalar { return s[0] }
            if s[0].isScalar { return s[1] }
            throw .elementwiseShapeMismatch(op: op.displayName, s[0], s[1])
        case .matmul:
            guard s[0].columns == s[1].rows else { throw .matmulShapeMismatch(s[0], s[1]) }
            return Shape(rows: s[0].rows, columns: s[1].columns)
        case .negate, .function, .logSigmoid:
            return s[0]
        case .softmax, .logSoftmax:
            guard s[0].columns == 1 else { throw .notAColumnVector(function: op.displayName, s[0]) }
            return s[0]
        case .sum, .mean:
            return .scalar
        case .transpose:
            return Shape(rows: s[0].columns, columns: s[0].rows)
        case let .index(row, column):
            guard row >= 0 && row < s[0].rows else {
                throw .indexOutOfRange(index: row + 1, dimension: "row", size: s[0].rows, shape: s[0])
            }
            guard column >= 0 && column < s[0].columns else {
                throw .indexOutOfRange(index: column + 1, dimension: "column", size: s[0].columns, shape: s[0])
            }
            return .scalar
        }
    }

    private mutating func append(_ node: Node) -> NodeID {
        nodes.append(node)
        return nodes.count - 1
    }

    // MARK: Reading

    public func value(of id: NodeID) -> Tensor { nodes[id].value }

    /// The error signal ∂root/∂v from the last backward, or nil if it did not reach v.
    public func gradient(of id: NodeID) -> Tensor? {
        let node = nodes[id]
        guard node.hasGradient else { return nil }
        guard let scaled = node.scaledGradientBuffer else { return node.gradientBuffer }
        // s̄ = (ordinary contributions) + (log contributions) ⊘ s
        var g = node.gradientBuffer
        for k in 0..<g.count { g.storage[k] += scaled.storage[k] / node.value.storage[k] }
        return g
    }

    /// The name to print for a node: its name while it is the current binding,
    /// `c#1` for an earlier node that `c = c + 1` rebound, `#17` for an unnamed one.
    public func displayName(of id: NodeID) -> String {
        let node = nodes[id]
        guard let name = node.name else { return "#\(id)" }
        return bindings[name] == id ? name : "\(name)#\(node.version)"
    }

    /// Every node `root` depends on (including itself), as a mask over the tape.
    public func ancestors(of root: NodeID) -> [Bool] {
        var reach = [Bool](repeating: false, count: nodes.count)
        reach[root] = true
        var i = root
        while i >= 0 {
            if reach[i] {
                let n = nodes[i]
                if n.op.arity >= 1 { reach[n.input0] = true }
                if n.op.arity >= 2 { reach[n.input1] = true }
            }
            i -= 1
        }
        return reach
    }

    /// The leaves `root` depends on, in tape order.
    public func leaves(reachedFrom root: NodeID) -> [NodeID] {
        let reach = ancestors(of: root)
        return nodes.indices.filter { reach[$0] && nodes[$0].op == .leaf }
    }

    /// The named nodes whose definition uses `id` directly.
    public func namedConsumers(of id: NodeID) -> [NodeID] {
        nodes.indices.filter { i in
            guard i > id, let def = nodes[i].definition else { return false }
            return def.references(id)
        }
    }

    // MARK: Changing leaves

    /// Sets a leaf's value (same shape), recomputes everything that depends on
    /// it and, if a backward was run, runs it again so gradients stay current.
    public mutating func setLeaf(_ id: NodeID, to value: Tensor) {
        precondition(nodes[id].op == .leaf && nodes[id].shape == value.shape)
        nodes[id].value = value
        recompute(dependentsOf: id)
        if let root = lastBackwardRoot {
            try? backward(from: root)
        }
    }

    /// Recomputes, in tape order, every node that depends on `id`.
    public mutating func recompute(dependentsOf id: NodeID) {
        guard id + 1 < nodes.count else { return }
        var dirty = [Bool](repeating: false, count: nodes.count)
        dirty[id] = true
        for i in (id + 1)..<nodes.count {
            let n = nodes[i]
            let touched = (n.op.arity >= 1 && dirty[n.input0]) || (n.op.arity >= 2 && dirty[n.input1])
            if touched {
                dirty[i] = true
                computeValue(of: i)
            }
        }
    }

    /// Recomputes every computed node (the forward pass).
    public mutating func forward() {
        for i in nodes.indices where nodes[i].op.arity > 0 {
            computeValue(of: i)
        }
    }
}
