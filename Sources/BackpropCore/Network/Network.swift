/// A layered network's parameters, with its spec:
///   z_l = W_l a_(l−1) + b_l,   a_l = f_l(z_l),   a_0 = x,   l = 1…L.
/// `weights[l − 1]` is W_l (n_l × n_(l−1)); W_l[i, j] is the weight from unit j
/// of layer l−1 to unit i of layer l. `biases[l − 1]` is b_l (n_l × 1).
/// A value: training returns a new one; the graph's leaves are synced to and
/// from it with `NetworkNodes.write` / `read`.
public struct Network: Sendable, Equatable {
    public let spec: NetworkSpec
    public var weights: [Tensor]
    public var biases: [Tensor]

    /// Fresh parameters from the seeded initialisation (see `Initialization`).
    public init(spec: NetworkSpec, seed: UInt64 = Initialization.defaultSeed) {
        self.spec = spec
        (weights, biases) = Initialization.parameters(spec, seed: seed)
    }

    /// Given parameters, one W and one b per layer; their shapes must match the spec.
    public init(spec: NetworkSpec, weights: [Tensor], biases: [Tensor]) throws(NetworkShapeError) {
        precondition(weights.count == spec.depth && biases.count == spec.depth,
                     "a network of depth \(spec.depth) needs \(spec.depth) weight matrices and bias vectors")
        self.spec = spec
        self.weights = weights
        self.biases = biases
        try validate()
    }

    /// Checks every Wl and bl against the spec's shapes.
    public func validate() throws(NetworkShapeError) {
        for l in 1...spec.depth {
            if weights[l - 1].shape != spec.weightShape(layer: l) {
                throw NetworkShapeError(name: NetworkNames.weight(l), expected: spec.weightShape(layer: l),
                                        found: weights[l - 1].shape)
            }
            if biases[l - 1].shape != spec.biasShape(layer: l) {
                throw NetworkShapeError(name: NetworkNames.bias(l), expected: spec.biasShape(layer: l),
                                        found: biases[l - 1].shape)
            }
        }
    }

    public var depth: Int { spec.depth }

    /// Σ_l ‖W_l‖² (Frobenius; the weights only, as in the weight-decay term).
    public var weightNormSquared: Double {
        var s = 0.0
        for w in weights { for v in w.storage { s += v * v } }
        return s
    }

    /// The forward pass for one input (n0 entries): z_l and a_l for l = 1…L.
    /// Plain and allocating; for lessons, predictions and tests. Training uses
    /// the batched trainer.
    public func forward(_ x: [Double]) -> (z: [[Double]], a: [[Double]]) {
        precondition(x.count == spec.inputSize, "input has \(x.count) entries, the network takes \(spec.inputSize)")
        // The batch kernels on one row: the arithmetic of train, predict and accuracy, so a
        // sample's values are the same bits whichever of them asks.
        let engine = BatchEngine(spec: spec, capacity: 1)
        engine.load(self)
        x.withUnsafeBufferPointer { engine.forward($0.baseAddress!, rows: 1) }
        let zs = (1...depth).map { l in Array(UnsafeBufferPointer(start: engine.z[l - 1], count: spec.sizes[l])) }
        let activations = (1...depth).map { l in Array(UnsafeBufferPointer(start: engine.a[l - 1], count: spec.sizes[l])) }
        return (zs, activations)
    }

    /// a_L for one input.
    public func output(_ x: [Double]) -> [Double] { forward(x).a[depth - 1] }
}

/// A parameter whose shape is not what the spec says.
public struct NetworkShapeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var name: String
    public var expected: Shape
    public var found: Shape

    public var description: String {
        "\(name) must be \(expected) for this network, but it is \(found)"
    }
}

/// The contract's canonical names: x, t, W1…WL, b1…bL, z1…zL, a1…aL, L.
/// (a0 is x and has no name of its own.)
public enum NetworkNames {
    public static let input = "x"
    /// `a0`, the contract's other name for the input (so `z1 = W1 @ a0 + b1` reads as written).
    public static let inputAlias = "a0"
    public static let target = "t"
    public static let loss = "L"
    public static func weight(_ l: Int) -> String { "W\(l)" }
    public static func bias(_ l: Int) -> String { "b\(l)" }
    public static func preActivation(_ l: Int) -> String { "z\(l)" }
    /// a0 is the input x.
    public static func activation(_ l: Int) -> String { l == 0 ? input : "a\(l)" }

    /// Every name a network of depth L binds, in tape order.
    public static func all(depth: Int) -> [String] {
        var names = [input, target]
        for l in 1...depth { names += [weight(l), bias(l), preActivation(l), activation(l)] }
        return names + [loss]
    }
}
