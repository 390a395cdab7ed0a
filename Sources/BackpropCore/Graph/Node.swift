/// The index of a node in the tape. Nodes are appended in creation order, so
/// every node's inputs have smaller indices: the tape is already topologically sorted.
public typealias NodeID = Int

/// One entry of the tape.
public struct Node: Sendable {
    public internal(set) var op: Op
    /// Input node ids (`arity` of them; unused slots are -1).
    public internal(set) var input0: NodeID
    public internal(set) var input1: NodeID
    public internal(set) var value: Tensor
    /// ∂root/∂self from ordinary consumers. See `Graph.gradient(of:)` for the full error signal.
    var gradientBuffer: Tensor
    /// For a sigmoid or softmax node consumed by a fused log: the sum of
    /// `s ⊙ s̄` contributions, kept in that scaled form so that σ(z) = 0
    /// (underflow) never turns into 0 · ∞ = NaN on the way back to z.
    var scaledGradientBuffer: Tensor?
    public internal(set) var hasGradient: Bool
    /// False for constants and for nodes computed only from constants.
    public internal(set) var requiresGradient: Bool
    /// The name this node was bound to (nil for the intermediate nodes of an expression).
    public internal(set) var name: String?
    /// 1 for the first node bound to `name`, 2 for the next (`c = c + 1`), …
    public internal(set) var version: Int
    /// How the node was defined, in terms of named nodes: what `explain` shows.
    public internal(set) var definition: Formula?
    /// Where the node was defined (for messages), as the interpreter chooses to say it.
    public internal(set) var origin: String?

    public var inputs: [NodeID] {
        switch op.arity {
        case 0: []
        case 1: [input0]
        default: [input0, input1]
        }
    }

    public var shape: Shape { value.shape }
    public var isLeaf: Bool { op == .leaf }
}
