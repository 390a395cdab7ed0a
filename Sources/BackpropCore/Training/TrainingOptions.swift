/// `train epochs=N eta=E [mode=batch|sgd|minibatch] [batch=K] [seed=S] [lambda=Λ]`.
///
/// The objective is the contract's  C(θ) = (1/N) Σ_n L(x_n, t_n) + Λ/2 Σ_l ‖W_l‖²
/// (weights only, not biases), and every step is  θ ← θ − η ∇C_S(θ), where S
/// is the set of samples of the step:
/// - `batch`: S is the whole data set, one step per epoch;
/// - `sgd`: S is one sample, N steps per epoch, in an order shuffled by `seed`
///   (a new shuffle each epoch, from one SplitMix64 stream);
/// - `minibatch`: S is `batchSize` consecutive samples of the shuffled order
///   (the last batch of an epoch may be smaller), ⌈N/K⌉ steps per epoch.
/// ∇C_S = (1/|S|) Σ_{n∈S} ∇L_n + Λ W (the decay term on each W_l only).
public struct TrainingOptions: Sendable, Equatable {
    public var epochs: Int
    public var eta: Double
    public var mode: TrainingMode
    /// K for `minibatch` (ignored by the other modes).
    public var batchSize: Int
    public var seed: UInt64
    public var lambda: Double
    /// The monitor is asked whether to go on every this many epochs (and,
    /// within long sgd/minibatch epochs, every `pollSteps` steps).
    public var pollEvery: Int
    public var pollSteps: Int

    public static let defaultBatchSize = 32
    public static let defaultSeed: UInt64 = 1

    public init(epochs: Int, eta: Double, mode: TrainingMode = .batch, batchSize: Int = defaultBatchSize,
                seed: UInt64 = defaultSeed, lambda: Double = 0, pollEvery: Int = 1, pollSteps: Int = 1024) {
        self.epochs = epochs
        self.eta = eta
        self.mode = mode
        self.batchSize = batchSize
        self.seed = seed
        self.lambda = lambda
        self.pollEvery = pollEvery
        self.pollSteps = pollSteps
    }

    public func validate() throws(TrainingError) {
        guard epochs >= 0 else { throw .badOption(.epochs, Double(epochs)) }
        guard eta.isFinite, eta > 0 else { throw .badOption(.eta, eta) }
        guard batchSize >= 1 else { throw .badOption(.batch, Double(batchSize)) }
        guard lambda.isFinite, lambda >= 0 else { throw .badOption(.lambda, lambda) }
        guard pollEvery >= 1, pollSteps >= 1 else { throw .badOption(.poll, Double(min(pollEvery, pollSteps))) }
    }

    /// The options `validate` checks, named as `train` spells them.
    public enum Field: String, Sendable, Equatable {
        case epochs, eta, batch, lambda, poll

        /// What the value must be, for the error.
        var rule: String {
            switch self {
            case .epochs: "epochs= must be 0 or more"
            case .eta: "eta= must be a positive number"
            case .batch: "batch= must be at least 1"
            case .lambda: "lambda= must be 0 or a positive number"
            case .poll: "the monitor must be polled at least every epoch or step count ≥ 1"
            }
        }
    }

    /// The loss history keeps at most this many entries (plus the start).
    public static let maxHistory = 100_000

    /// Epochs between entries of the loss history: 1 up to `maxHistory`
    /// epochs, then ⌈epochs / maxHistory⌉ (so a long run's history stays small).
    public var historyStride: Int { max(1, (epochs + Self.maxHistory - 1) / Self.maxHistory) }
}

public enum TrainingMode: String, Sendable, CaseIterable {
    case batch, sgd, minibatch
}

/// What the monitor is told while training runs.
public struct TrainingProgress: Sendable, Equatable {
    /// Epochs completed so far.
    public var epoch: Int
    public var epochs: Int
    /// The latest mean loss known (at the weights of some recent epoch).
    public var loss: Double
}

/// Why training ended.
public enum TrainingStop: Sendable, Equatable {
    /// All requested epochs ran.
    case completed
    /// The monitor said stop (Ctrl-C, a key): the weights reached are kept.
    case cancelled
    /// The loss became NaN or infinite after this many epochs (η too large?).
    case diverged(epoch: Int)
}

public struct TrainingResult: Sendable, Equatable {
    /// The parameters reached.
    public var network: Network
    /// Epochs completed (fewer than requested when cancelled or diverged).
    public var epochs: Int
    public var requestedEpochs: Int
    /// Parameter updates made.
    public var steps: Int
    /// Mean L over the data set at the final weights.
    public var loss: Double
    /// loss + Λ/2 Σ‖W_l‖², the objective minimised.
    public var objective: Double
    /// Fraction classified correctly, when the targets are classes (see `ClassificationRule`).
    public var accuracy: Double?
    public var correct: Int?
    public var rule: ClassificationRule?
    /// lossHistory[i] is the mean loss after i · historyStride epochs, for plots
    /// (historyStride is 1 unless more than `TrainingOptions.maxHistory` epochs
    /// were asked for, so usually lossHistory[e] is the loss after e epochs,
    /// e = 0 … epochs).
    public var lossHistory: [Double]
    public var historyStride: Int
    public var stop: TrainingStop
    /// The options the run was made with.
    public var options: TrainingOptions
}

public enum TrainingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An option out of range, and its value.
    case badOption(TrainingOptions.Field, Double)
    case inputMismatch(network: Int, data: Int)
    case targetMismatch(network: Int, data: Int)
    case emptyData
    case sampleOutOfRange(Int, count: Int)

    public var description: String {
        switch self {
        case let .badOption(field, value):
            field.rule + ", not " + (value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : "\(value)")
        case let .inputMismatch(network, data):
            "the network takes \(network) input\(network == 1 ? "" : "s"), but the data has \(data) input column\(data == 1 ? "" : "s")"
        case let .targetMismatch(network, data):
            "the network has \(network) output\(network == 1 ? "" : "s"), but the data has \(data) target column\(data == 1 ? "" : "s")"
        case .emptyData:
            "the data set has no samples"
        case let .sampleOutOfRange(i, count):
            "sample \(i) is out of range 1…\(count)"
        }
    }

    /// The option the error is about, if any (to point the caret at it).
    public var option: TrainingOptions.Field? {
        if case .badOption(let field, _) = self { return field }
        return nil
    }

    static func check(_ network: Network, _ data: Dataset) throws(TrainingError) {
        guard data.count > 0 else { throw .emptyData }
        guard data.inputWidth == network.spec.inputSize else {
            throw .inputMismatch(network: network.spec.inputSize, data: data.inputWidth)
        }
        guard data.targetWidth == network.spec.outputSize else {
            throw .targetMismatch(network: network.spec.outputSize, data: data.targetWidth)
        }
    }
}
