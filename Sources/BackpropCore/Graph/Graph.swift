/// The computation graph as an append-only tape (micrograd's idea, with an
/// explicit topological order). A value type: copying it is a snapshot, which
/// makes stepping back and "what if" evaluation safe and cheap.
///
/// Storage is a struct of arrays: per-node op, inputs and shape, and every
/// node's value (and gradient) in one contiguous arena of doubles, so the
/// forward and backward passes run over raw memory with no per-node
/// allocation or reference counting.
public struct Graph: Sendable {
    var ops: [Op] = []
    var input0: [NodeID] = []
    var input1: [NodeID] = []
    var shapes: [Shape] = []
    /// Where node i's entries start in `values` and `gradients` (row-major).
    var offsets: [Int] = []
    var values: [Double] = []
    /// ∂root/∂v from ordinary consumers. See `gradient(of:)` for the full error signal.
    var gradients: [Double] = []
    /// For a sigmoid or softmax node consumed by a fused log: where its
    /// `s ⊙ s̄` contributions start in `scaledGradients`, else -1. Kept in that
    /// scaled form so that σ(z) = 0 (underflow) never turns into 0 · ∞ = NaN
    /// on the way back to z.
    var scaledOffsets: [Int] = []
    var scaledGradients: [Double] = []
    var hasGradientFlags: [Bool] = []
    var requiresGradientFlags: [Bool] = []
    var info: [NodeInfo] = []

    /// The current binding of each name.
    public internal(set) var bindings: [String: NodeID] = [:]
    /// The node the last `backward` started from; gradients are recomputed from
    /// it when a leaf changes.
    public internal(set) var lastBackwardRoot: NodeID?

    public init() {}

    public var count: Int { ops.count }
    public subscript(id: NodeID) -> Node { Node(graph: self, id: id) }
    /// Every node, as snapshots (for inspection; the hot paths never build these).
    public var nodes: [Node] { (0..<count).map { Node(graph: self, id: $0) } }

    // MARK: Building

    /// A leaf: an input or a parameter.
    public mutating func addLeaf(_ value: Tensor) -> NodeID {
        append(.leaf, -1, -1, value.shape, requiresGradient: true, value: value.storage)
    }

    /// A constant inside an expression; no gradient flows into it.
    public mutating func addConstant(_ value: Tensor) -> NodeID {
        append(.constant, -1, -1, value.shape, requiresGradient: false, value: value.storage)
    }

    /// Applies a primitive op to existing nodes and computes its value.
    /// `log` of a sigmoid or softmax node is fused into a stable log-sigmoid or
    /// log-softmax (same value and gradient, no NaN where the math has none).
    public mutating func addOp(_ op: Op, _ inputs: [NodeID]) throws(GraphError) -> NodeID {
        precondition(inputs.count == op.arity && inputs.allSatisfy { $0 >= 0 && $0 < count },
                     "addOp: bad inputs")
        var op = op
        if op == .function(.log), let fused = Softmax.fusedLog(over: ops[inputs[0]]) { op = fused }
        let shape = try Self.resultShape(of: op, operands: inputs.map { shapes[$0] })
        let requires = inputs.contains { requiresGradientFlags[$0] }
        let id = append(op, inputs.first ?? -1, inputs.count > 1 ? inputs[1] : -1, shape,
                        requiresGradient: requires, value: nil)
        if Softmax.isFusedLog(op), scaledOffsets[inputs[0]] < 0 {
            scaledOffsets[inputs[0]] = scaledGradients.count
            scaledGradients.append(contentsOf: repeatElement(0, count: shapes[inputs[0]].count))
        }
        computeValues(from: id, through: id)
        return id
    }

    /// Binds `name` to `id` (rebinding hides, never removes, the earlier node).
    public mutating func bind(_ name: String, to id: NodeID, definition: Formula?, origin: String? = nil) {
        let previous = info.lazy.filter { $0.name == name }.count
        info[id] = NodeInfo(name: name, version: previous + 1, definition: definition, origin: origin)
        bindings[name] = id
    }

    /// Makes `name` a second name for node `id` (the contract's `a0` for `x`): it
    /// resolves in expressions, while the node keeps printing as its own name.
    public mutating func alias(_ name: String, to id: NodeID) {
        bindings[name] = id
    }

    private mutating func append(_ op: Op, _ a: NodeID, _ b: NodeID, _ shape: Shape,
                                 requiresGradient: Bool, value: [Double]?) -> NodeID {
        ops.append(op)
        input0.append(a)
        input1.append(b)
        shapes.append(shape)
        offsets.append(values.count)
        if let value { values.append(contentsOf: value) } else {
            values.append(contentsOf: repeatElement(0, count: shape.count))
        }
        gradients.append(contentsOf: repeatElement(0, count: shape.count))
        scaledOffsets.append(-1)
        hasGradientFlags.append(false)
        requiresGradientFlags.append(requiresGradient)
        info.append(NodeInfo())
        return count - 1
    }

    /// The shape an op produces from operands of the given shapes (each op's
    /// rule is in its file in `Ops/`).
    public static func resultShape(of op: Op, operands s: [Shape]) throws(GraphError) -> Shape {
        switch op {
        case .leaf, .constant: Leaf.resultShape
        case .add, .subtract, .multiply, .divide, .power: try Broadcast.resultShape(of: op, s[0], s[1])
        case .matmul: try MatMul.resultShape(s[0], s[1])
        case .negate, .function: s[0]
        case .softmax, .logSoftmax, .logSigmoid: try Softmax.resultShape(op, s[0])
        case .sum, .mean: .scalar
        case .transpose: Transpose.resultShape(s[0])
        case let .index(row, column): try Indexing.resultShape(row: row, column: column, of: s[0])
        }
    }

    // MARK: Reading

    public func value(of id: NodeID) -> Tensor {
        let s = shapes[id], o = offsets[id]
        return Tensor(rows: s.rows, columns: s.columns, storage: Array(values[o..<(o + s.count)]))
    }

    public func shape(of id: NodeID) -> Shape { shapes[id] }
    public func op(of id: NodeID) -> Op { ops[id] }
    public func isLeaf(_ id: NodeID) -> Bool { ops[id] == .leaf }
    public func name(of id: NodeID) -> String? { info[id].name }
    public func definition(of id: NodeID) -> Formula? { info[id].definition }
    public func hasGradient(_ id: NodeID) -> Bool { hasGradientFlags[id] }

    /// The error signal ∂root/∂v from the last backward, or nil if it did not reach v.
    public func gradient(of id: NodeID) -> Tensor? {
        guard hasGradientFlags[id] else { return nil }
        let s = shapes[id], o = offsets[id]
        var g = Array(gradients[o..<(o + s.count)])
        let so = scaledOffsets[id]
        if so >= 0 {
            // s̄ = (ordinary contributions) + (log contributions) ⊘ s. A zero log
            // contribution adds nothing, even where s underflowed to 0 (not 0/0 = NaN).
            for k in 0..<g.count where scaledGradients[so + k] != 0 { g[k] += scaledGradients[so + k] / values[o + k] }
        }
        return Tensor(rows: s.rows, columns: s.columns, storage: g)
    }

    /// The name to print for a node: its name while it is the current binding,
    /// `c#1` for an earlier node that `c = c + 1` rebound, `#17` for an unnamed one.
    public func displayName(of id: NodeID) -> String {
        guard let name = info[id].name else { return "#\(id)" }
        return bindings[name] == id ? name : "\(name)#\(info[id].version)"
    }

    /// Every node `root` depends on (including itself), as a mask over the tape.
    public func ancestors(of root: NodeID) -> [Bool] {
        var reach = [Bool](repeating: false, count: count)
        reach[root] = true
        var i = root
        while i >= 0 {
            if reach[i] {
                let arity = ops[i].arity
                if arity >= 1 { reach[input0[i]] = true }
                if arity >= 2 { reach[input1[i]] = true }
            }
            i -= 1
        }
        return reach
    }

    /// The leaves `root` depends on, in tape order.
    public func leaves(reachedFrom root: NodeID) -> [NodeID] {
        let reach = ancestors(of: root)
        return (0..<count).filter { reach[$0] && ops[$0] == .leaf }
    }

    /// The named nodes whose definition uses `id` directly.
    public func namedConsumers(of id: NodeID) -> [NodeID] {
        ((id + 1)..<max(id + 1, count)).filter { info[$0].definition?.references(id) ?? false }
    }

    // MARK: Changing leaves

    /// Sets a leaf's value (same shape), recomputes everything that depends on
    /// it and, if a backward was run, runs it again so gradients stay current.
    public mutating func setLeaf(_ id: NodeID, to value: Tensor) {
        setLeaves([(id, value)])
    }

    /// Sets several leaves (each keeps its shape), recomputes every node that
    /// depends on any of them once, in tape order, then re-runs the last backward.
    public mutating func setLeaves(_ updates: [(NodeID, Tensor)]) {
        guard !updates.isEmpty else { return }
        for (id, value) in updates {
            precondition(ops[id] == .leaf && shapes[id] == value.shape, "setLeaves: not a leaf of that shape")
            let o = offsets[id]
            for k in 0..<value.count { values[o + k] = value.storage[k] }
        }
        recompute(dependentsOf: updates.map(\.0))
        if let root = lastBackwardRoot {
            try? backward(from: root)
        }
    }

    /// Recomputes, in tape order, every node that depends on `id`.
    public mutating func recompute(dependentsOf id: NodeID) {
        recompute(dependentsOf: [id])
    }

    mutating func recompute(dependentsOf changed: [NodeID]) {
        guard let first = changed.min(), first + 1 < count else { return }
        var dirty = [Bool](repeating: false, count: count)
        for id in changed { dirty[id] = true }
        for i in (first + 1)..<count {
            let arity = ops[i].arity
            if (arity >= 1 && dirty[input0[i]]) || (arity >= 2 && dirty[input1[i]]) {
                dirty[i] = true
                computeValues(from: i, through: i)
            }
        }
    }

    /// Recomputes every computed node (the forward pass).
    public mutating func forward() {
        guard count > 0 else { return }
        computeValues(from: 0, through: count - 1)
    }
}
