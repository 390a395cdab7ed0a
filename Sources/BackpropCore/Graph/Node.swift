/// The index of a node in the tape. Nodes are appended in creation order, so
/// every node's inputs have smaller indices: the tape is already topologically sorted.
public typealias NodeID = Int

/// A read-only snapshot of one tape entry (`graph[id]`). The tape itself keeps
/// its hot data in parallel arrays (see `Graph`); this is for callers that want
/// everything about one node at once.
public struct Node: Sendable {
    public let op: Op
    /// Input node ids (`op.arity` of them; unused slots are -1).
    public let input0: NodeID
    public let input1: NodeID
    public let shape: Shape
    public let hasGradient: Bool
    /// False for constants and for nodes computed only from constants.
    public let requiresGradient: Bool
    /// The name this node was bound to (nil for the intermediate nodes of an expression).
    public let name: String?
    /// 1 for the first node bound to `name`, 2 for the next (`c = c + 1`), …
    public let version: Int
    /// How the node was defined, in terms of named nodes: what `explain` shows.
    public let definition: Formula?
    /// Where the node was defined, as the interpreter chose to say it.
    public let origin: String?
    private let graph: Graph
    private let id: NodeID

    init(graph: Graph, id: NodeID) {
        self.graph = graph
        self.id = id
        op = graph.ops[id]
        input0 = graph.input0[id]
        input1 = graph.input1[id]
        shape = graph.shapes[id]
        hasGradient = graph.hasGradientFlags[id]
        requiresGradient = graph.requiresGradientFlags[id]
        name = graph.info[id].name
        version = graph.info[id].version
        definition = graph.info[id].definition
        origin = graph.info[id].origin
    }

    /// The node's value (a copy).
    public var value: Tensor { graph.value(of: id) }

    public var inputs: [NodeID] {
        switch op.arity {
        case 0: []
        case 1: [input0]
        default: [input0, input1]
        }
    }

    public var isLeaf: Bool { op == .leaf }
}

/// What the tape knows about a node beyond its numbers.
struct NodeInfo: Sendable {
    var name: String?
    var version = 0
    var definition: Formula?
    var origin: String?
}
