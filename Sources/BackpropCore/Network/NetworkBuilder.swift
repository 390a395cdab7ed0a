/// Adds a network to a graph as named nodes, so every quantity works in
/// expressions, `show`, `explain`, `backward` and `gradcheck`:
///
///   leaves    x (n0×1), t (nL×1), W1, b1, …, WL, bL
///   computed  zl = Wl @ a(l−1) + bl,  al = fl(zl)   (a0 is x)
///             L  = 0.5 * sum((aL − t)^2)             loss=squared
///             L  = −sum(t * log(aL))                 loss=xent (softmax output;
///                  the graph fuses log ∘ softmax into a stable log-softmax)
///
/// Each computed node carries the definition a student would have typed, so
/// `explain z1` shows `W1 @ x + b1`. Tape order: x, t, then per layer Wl, bl,
/// zl, al, then L.
public enum NetworkBuilder {
    /// Installs `network` into `graph` with x and t set to `input` and `target`
    /// (zeros when nil). `origin` is recorded on every node (e.g. "net at 3:1").
    public static func install(_ network: Network, into graph: inout Graph,
                               input: Tensor? = nil, target: Tensor? = nil,
                               origin: String? = nil) throws(NetworkBuildError) -> NetworkNodes {
        let spec = network.spec
        let xValue = input ?? Tensor(rows: spec.inputSize, columns: 1)
        let tValue = target ?? Tensor(rows: spec.outputSize, columns: 1)
        guard xValue.shape == Shape(rows: spec.inputSize, columns: 1) else {
            throw .shape(NetworkShapeError(name: NetworkNames.input, expected: Shape(rows: spec.inputSize, columns: 1),
                                           found: xValue.shape))
        }
        guard tValue.shape == Shape(rows: spec.outputSize, columns: 1) else {
            throw .shape(NetworkShapeError(name: NetworkNames.target, expected: Shape(rows: spec.outputSize, columns: 1),
                                           found: tValue.shape))
        }
        do throws(NetworkShapeError) { try network.validate() } catch { throw .shape(error) }

        do throws(GraphError) {
            let x = graph.addLeaf(xValue)
            graph.bind(NetworkNames.input, to: x, definition: nil, origin: origin)
            graph.alias(NetworkNames.inputAlias, to: x)
            let t = graph.addLeaf(tValue)
            graph.bind(NetworkNames.target, to: t, definition: nil, origin: origin)

            var weights: [NodeID] = [], biases: [NodeID] = []
            var zs: [NodeID] = [], activations: [NodeID] = []
            var previous = x
            for l in 1...spec.depth {
                let w = graph.addLeaf(network.weights[l - 1])
                graph.bind(NetworkNames.weight(l), to: w, definition: nil, origin: origin)
                let b = graph.addLeaf(network.biases[l - 1])
                graph.bind(NetworkNames.bias(l), to: b, definition: nil, origin: origin)

                // zl = Wl @ a(l−1) + bl
                let product = try graph.addOp(.matmul, [w, previous])
                let z = try graph.addOp(.add, [product, b])
                graph.bind(NetworkNames.preActivation(l), to: z,
                           definition: .apply(.add, [.apply(.matmul, [.node(w), .node(previous)]), .node(b)]),
                           origin: origin)

                // al = fl(zl)
                let op = spec.activations[l - 1].graphOp
                let a = try graph.addOp(op, [z])
                graph.bind(NetworkNames.activation(l), to: a, definition: .apply(op, [.node(z)]), origin: origin)

                weights.append(w); biases.append(b); zs.append(z); activations.append(a)
                previous = a
            }

            let output = previous
            let loss: NodeID
            let definition: Formula
            switch spec.loss {
            case .squared:
                // L = 0.5 * sum((aL − t)^2)
                let diff = try graph.addOp(.subtract, [output, t])
                let two = graph.addConstant(Tensor(scalar: 2))
                let square = try graph.addOp(.power, [diff, two])
                let total = try graph.addOp(.sum, [square])
                let half = graph.addConstant(Tensor(scalar: 0.5))
                loss = try graph.addOp(.multiply, [half, total])
                definition = .apply(.multiply, [.scalar(0.5), .apply(.sum, [
                    .apply(.power, [.apply(.subtract, [.node(output), .node(t)]), .scalar(2)])])])
            case .xent:
                // L = −sum(t * log(aL)); log of the softmax node becomes log-softmax.
                let logs = try graph.addOp(.function(.log), [output])
                let product = try graph.addOp(.multiply, [t, logs])
                let total = try graph.addOp(.sum, [product])
                loss = try graph.addOp(.negate, [total])
                definition = .apply(.negate, [.apply(.sum, [
                    .apply(.multiply, [.node(t), .apply(.function(.log), [.node(output)])])])])
            }
            graph.bind(NetworkNames.loss, to: loss, definition: definition, origin: origin)
            return NetworkNodes(spec: spec, input: x, target: t, weights: weights, biases: biases,
                                preActivations: zs, activations: activations, loss: loss)
        } catch {
            // Shapes were validated above, so the ops cannot fail.
            throw .graph(error)
        }
    }
}

/// Why a network could not be installed into a graph.
public enum NetworkBuildError: Error, Sendable, Equatable, CustomStringConvertible {
    case shape(NetworkShapeError)
    case graph(GraphError)

    public var description: String {
        switch self {
        case .shape(let e): e.description
        case .graph(let e): e.description
        }
    }
}

/// Where a network's quantities live on the tape.
public struct NetworkNodes: Sendable, Equatable {
    public var spec: NetworkSpec
    public var input: NodeID
    public var target: NodeID
    /// W1…WL, b1…bL, z1…zL, a1…aL (index l − 1 for layer l).
    public var weights: [NodeID]
    public var biases: [NodeID]
    public var preActivations: [NodeID]
    public var activations: [NodeID]
    public var loss: NodeID

    /// a_l's node, with a_0 = x.
    public func activation(_ l: Int) -> NodeID { l == 0 ? input : activations[l - 1] }

    /// Reads W1…WL, b1…bL from the graph's leaves (the student may have set them,
    /// e.g. `W1 = [[0.1, 0.2], [0.3, 0.4]]`).
    public func read(from graph: Graph) -> Network {
        // The leaves keep their shapes (same-shape assignment updates them in place).
        try! Network(spec: spec, weights: weights.map { graph.value(of: $0) },
                     biases: biases.map { graph.value(of: $0) })
    }

    /// Writes `network`'s parameters into the leaves, recomputes the graph once
    /// and, if a backward was run, runs it again so gradients stay current.
    public func write(_ network: Network, to graph: inout Graph) {
        precondition(network.spec == spec, "write: a different network")
        var updates: [(NodeID, Tensor)] = []
        for l in 0..<spec.depth {
            updates.append((weights[l], network.weights[l]))
            updates.append((biases[l], network.biases[l]))
        }
        graph.setLeaves(updates)
    }

    /// Sets x and t (for example to one sample of the data) and recomputes.
    public func setSample(input: Tensor, target: Tensor, in graph: inout Graph) {
        graph.setLeaves([(self.input, input), (self.target, target)])
    }

    /// Sets x and t to sample `index` (0-based) of `data`.
    public func setSample(_ index: Int, of data: Dataset, in graph: inout Graph) {
        setSample(input: data.inputTensor(index), target: data.targetTensor(index), in: &graph)
    }

    /// Whether the canonical names are still bound to this network's nodes
    /// (false after, say, `W1 = [[1, 2, 3]]` rebinds W1 to a leaf of another shape).
    public func isCurrent(in graph: Graph) -> Bool {
        var pairs: [(String, NodeID)] = [(NetworkNames.input, input), (NetworkNames.target, target),
                                         (NetworkNames.loss, loss)]
        for l in 1...spec.depth {
            pairs += [(NetworkNames.weight(l), weights[l - 1]), (NetworkNames.bias(l), biases[l - 1]),
                      (NetworkNames.preActivation(l), preActivations[l - 1]),
                      (NetworkNames.activation(l), activations[l - 1])]
        }
        return pairs.allSatisfy { graph.bindings[$0.0] == $0.1 }
    }
}
