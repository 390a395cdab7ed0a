/// A layered network's shape, independent of any syntax: layer sizes
/// n0 (inputs), n1, …, nL (outputs), one activation per layer 1…L, and the loss.
///
/// The contract's `net 2-3-1 hidden=sigmoid output=sigmoid loss=squared` is
/// `NetworkSpec(sizes: [2, 3, 1], hidden: .sigmoid, output: .sigmoid, loss: .squared)`;
/// per-layer activations (`act=relu,tanh,softmax`) give `activations` directly.
public struct NetworkSpec: Sendable, Equatable, CustomStringConvertible {
    /// n0, n1, …, nL: at least two entries, each ≥ 1.
    public let sizes: [Int]
    /// f1 … fL: `activations[l − 1]` is layer l's.
    public let activations: [Activation]
    public let loss: Loss

    /// The defaults when `net` leaves them out.
    public static let defaultHidden = Activation.sigmoid
    public static let defaultOutput = Activation.sigmoid

    public init(sizes: [Int], activations: [Activation], loss: Loss) throws(NetworkSpecError) {
        guard sizes.count >= 2 else { throw .tooFewLayers(sizes.count) }
        for (k, n) in sizes.enumerated() where n < 1 { throw .badLayerSize(layer: k, size: n) }
        guard activations.count == sizes.count - 1 else {
            throw .activationCount(given: activations.count, layers: sizes.count - 1)
        }
        for (k, f) in activations.dropLast().enumerated() where f == .softmax {
            throw .softmaxNotOutput(layer: k + 1)
        }
        if activations.last == .softmax, sizes.last! < 2 { throw .softmaxNeedsTwoUnits }
        if loss == .xent, activations.last != .softmax { throw .xentNeedsSoftmax(activations.last!) }
        self.sizes = sizes
        self.activations = activations
        self.loss = loss
    }

    /// Every hidden layer uses `hidden`, the last `output`.
    public init(sizes: [Int], hidden: Activation = defaultHidden, output: Activation = defaultOutput,
                loss: Loss? = nil) throws(NetworkSpecError) {
        let count = max(sizes.count - 1, 0)
        let acts = (0..<count).map { $0 == count - 1 ? output : hidden }
        try self.init(sizes: sizes, activations: acts, loss: loss ?? Self.defaultLoss(for: output))
    }

    /// `xent` for a softmax output, `squared` otherwise.
    public static func defaultLoss(for output: Activation) -> Loss {
        output == .softmax ? .xent : .squared
    }

    /// L, the number of weight layers.
    public var depth: Int { sizes.count - 1 }
    public var inputSize: Int { sizes[0] }
    public var outputSize: Int { sizes[sizes.count - 1] }
    public var outputActivation: Activation { activations[activations.count - 1] }

    /// Wl is n_l × n_(l−1).
    public func weightShape(layer l: Int) -> Shape { Shape(rows: sizes[l], columns: sizes[l - 1]) }
    /// bl is n_l × 1.
    public func biasShape(layer l: Int) -> Shape { Shape(rows: sizes[l], columns: 1) }

    /// Number of trainable numbers: Σ n_l (n_(l−1) + 1).
    public var parameterCount: Int {
        (1...depth).reduce(0) { $0 + sizes[$1] * (sizes[$1 - 1] + 1) }
    }

    /// `2-3-1 act=sigmoid,sigmoid loss=squared`: a form `parse` reads back.
    public var description: String {
        sizes.map(String.init).joined(separator: "-")
            + " act=" + activations.map(\.rawValue).joined(separator: ",")
            + " loss=" + loss.rawValue
    }
}

// MARK: - Parsing the pieces of `net`

extension NetworkSpec {
    /// `2-3-1` → [2, 3, 1].
    public static func parseSizes(_ text: String) throws(NetworkSpecError) -> [Int] {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        var sizes: [Int] = []
        for part in parts {
            guard let n = Int(part), n >= 1 else { throw .badSizes(text) }
            sizes.append(n)
        }
        guard sizes.count >= 2 else { throw .tooFewLayers(sizes.count) }
        return sizes
    }

    public static func parseActivation(_ text: String, option: String) throws(NetworkSpecError) -> Activation {
        guard let f = Activation(rawValue: text) else { throw .unknownActivation(text, option: option) }
        return f
    }

    /// `relu,relu,softmax` → [.relu, .relu, .softmax].
    public static func parseActivationList(_ text: String) throws(NetworkSpecError) -> [Activation] {
        var out: [Activation] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            out.append(try parseActivation(String(part), option: "act"))
        }
        return out
    }

    public static func parseLoss(_ text: String) throws(NetworkSpecError) -> Loss {
        guard let loss = Loss(rawValue: text) else { throw .unknownLoss(text) }
        return loss
    }

    /// The whole `net` command's options, as text (nil = not given):
    /// `net SIZES [act=F1,…,FL | hidden=F output=F] [loss=squared|xent]`.
    /// `act=` names every layer's activation; it cannot be combined with
    /// `hidden=`/`output=`. Defaults: hidden sigmoid, output sigmoid, loss
    /// `xent` for a softmax output and `squared` otherwise.
    public static func parse(sizes: String, act: String? = nil, hidden: String? = nil,
                             output: String? = nil, loss: String? = nil) throws(NetworkSpecError) -> NetworkSpec {
        try parse(sizes: try parseSizes(sizes), act: act, hidden: hidden, output: output, loss: loss)
    }

    /// The same, with the layer sizes already parsed (`net`'s `2-3-1` as [2, 3, 1]).
    public static func parse(sizes n: [Int], act: String? = nil, hidden: String? = nil,
                             output: String? = nil, loss: String? = nil) throws(NetworkSpecError) -> NetworkSpec {
        let lossValue = try loss.map { (text: String) throws(NetworkSpecError) -> Loss in try parseLoss(text) }
        if let act {
            if hidden != nil || output != nil { throw .conflictingActivations }
            let list = try parseActivationList(act)
            let finalLoss = lossValue ?? defaultLoss(for: list.last ?? defaultOutput)
            return try NetworkSpec(sizes: n, activations: list, loss: finalLoss)
        }
        let h = try hidden.map { (text: String) throws(NetworkSpecError) -> Activation in
            try parseActivation(text, option: "hidden")
        } ?? defaultHidden
        let o = try output.map { (text: String) throws(NetworkSpecError) -> Activation in
            try parseActivation(text, option: "output")
        } ?? defaultOutput
        return try NetworkSpec(sizes: n, hidden: h, output: o, loss: lossValue)
    }
}

/// Why a network description is not valid. `option` names the `net` option
/// at fault, so the interpreter can point its caret there.
public enum NetworkSpecError: Error, Sendable, Equatable, CustomStringConvertible {
    case badSizes(String)
    case tooFewLayers(Int)
    case badLayerSize(layer: Int, size: Int)
    case activationCount(given: Int, layers: Int)
    case unknownActivation(String, option: String)
    case unknownLoss(String)
    case softmaxNotOutput(layer: Int)
    case softmaxNeedsTwoUnits
    case xentNeedsSoftmax(Activation)
    case conflictingActivations

    /// The `net` option the error is about (`sizes` for the layer sizes).
    public var option: String {
        switch self {
        case .badSizes, .tooFewLayers, .badLayerSize: "sizes"
        case .activationCount, .softmaxNotOutput, .softmaxNeedsTwoUnits, .conflictingActivations: "act"
        case .unknownActivation(_, let option): option
        case .unknownLoss, .xentNeedsSoftmax: "loss"
        }
    }

    public var description: String {
        switch self {
        case .badSizes(let text):
            "layer sizes must be positive whole numbers joined by '-', like 2-3-1, not '\(text)'"
        case .tooFewLayers(let n):
            "a network needs at least an input and an output layer (like 2-1), but \(n) size\(n == 1 ? " was" : "s were") given"
        case let .badLayerSize(layer, size):
            "layer \(layer) has \(size) units; every layer needs at least 1"
        case let .activationCount(given, layers):
            "act= names \(given) activation\(given == 1 ? "" : "s"), but the network has \(layers) layer\(layers == 1 ? "" : "s") after the input (one activation each)"
        case let .unknownActivation(name, option):
            "unknown activation '\(name)' in \(option)=; the activations are: \(Activation.names)"
        case .unknownLoss(let name):
            "unknown loss '\(name)'; the losses are: squared xent"
        case .softmaxNotOutput(let layer):
            "softmax can only be the output layer's activation, but layer \(layer) is hidden"
        case .softmaxNeedsTwoUnits:
            "a softmax output needs at least 2 units (softmax of one number is always 1)"
        case .xentNeedsSoftmax(let f):
            "loss=xent needs output=softmax (the output is \(f)); use loss=squared, or a softmax output with one unit per class"
        case .conflictingActivations:
            "give either act=F1,…,FL or hidden=/output=, not both"
        }
    }
}
