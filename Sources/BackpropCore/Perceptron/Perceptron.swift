/// Rosenblatt's perceptron (lecture 004), exactly as the contract states it:
/// targets 0/1 are read as y = −1/+1; w = 0, b = 0; the samples are visited
/// in file order, epoch after epoch; a sample with y (w·x + b) ≤ 0 updates
///   w ← w + y x,   b ← b + y;
/// the run stops after the first epoch with no update (converged) or after
/// the epoch limit. (Folding b into w with a constant input 1 gives the
/// lecture's `w ← w + y x` on augmented inputs x̃ = (x, 1).)
///
/// A value with its state, so a lesson can go one visit at a time (`visit()`),
/// one epoch at a time (`runEpoch()`), or all the way (`run(maxEpochs:)`).
public struct Perceptron: Sendable {
    public let inputWidth: Int
    public let count: Int
    /// N×d inputs, row-major, and the labels y_n ∈ {−1, +1}.
    public let inputs: [Double]
    public let labels: [Double]

    public private(set) var w: [Double]
    public private(set) var b: Double = 0
    /// Updates so far (the k of the bound).
    public private(set) var updates = 0
    /// Epochs completed so far.
    public private(set) var epochs = 0
    /// The next sample to visit (0-based) within the current epoch.
    public private(set) var position = 0
    public private(set) var updatesThisEpoch = 0
    /// True once a whole epoch made no update.
    public private(set) var converged = false
    /// One entry per completed epoch (the lecture's table).
    public private(set) var epochLog: [EpochSummary] = []

    public static let defaultMaxEpochs = 1000

    public init(data: Dataset) throws(PerceptronError) {
        labels = try Self.labels(of: data)
        inputWidth = data.inputWidth
        count = data.count
        inputs = data.inputs
        w = [Double](repeating: 0, count: data.inputWidth)
    }

    /// y_n from the targets: one column of 0/1 (or −1/+1), or `classes=2`.
    public static func labels(of data: Dataset) throws(PerceptronError) -> [Double] {
        guard data.count > 0 else { throw .empty }
        if data.targetWidth == 2, data.classes == 2 {
            return (0..<data.count).map { data.label($0) == 1 ? 1 : -1 }
        }
        guard data.targetWidth == 1 else { throw .notBinary(targetColumns: data.targetWidth) }
        var out = [Double](repeating: 0, count: data.count)
        for i in 0..<data.count {
            let t = data.targets[i]
            switch t {
            case 1: out[i] = 1
            case 0, -1: out[i] = -1
            default: throw .badTarget(sample: i + 1, value: t)
            }
        }
        return out
    }

    /// w·x_n + b.
    public func activation(_ n: Int) -> Double {
        var s = b
        let base = n * inputWidth
        for j in 0..<inputWidth { s += w[j] * inputs[base + j] }
        return s
    }

    /// Visits the next sample: computes y (w·x + b), updates if it is ≤ 0.
    /// Returns nil once converged (nothing left to do).
    public mutating func visit() -> Visit? {
        guard !converged else { return nil }
        let n = position
        let y = labels[n]
        let s = activation(n)
        let updated = y * s <= 0
        if updated {
            let base = n * inputWidth
            for j in 0..<inputWidth { w[j] += y * inputs[base + j] }
            b += y
            updates += 1
            updatesThisEpoch += 1
        }
        let record = Visit(epoch: epochs + 1, sample: n, x: Array(inputs[(n * inputWidth)..<((n + 1) * inputWidth)]),
                           y: y, activation: s, margin: y * s, updated: updated, w: w, b: b, updates: updates)
        position += 1
        if position == count { finishEpoch() }
        return record
    }

    private mutating func finishEpoch() {
        epochs += 1
        epochLog.append(EpochSummary(epoch: epochs, updates: updatesThisEpoch, errors: misclassified(),
                                     count: count, w: w, b: b))
        if updatesThisEpoch == 0 { converged = true }
        updatesThisEpoch = 0
        position = 0
    }

    /// Runs the rest of the current epoch (or a whole one).
    @discardableResult
    public mutating func runEpoch() -> EpochSummary? {
        guard !converged else { return nil }
        let target = epochs + 1
        while !converged, epochs < target { _ = visit() }
        return epochLog.last
    }

    /// Runs until converged or `maxEpochs` epochs have completed (counting the
    /// ones already run). The monitor is asked after every epoch whether to go on.
    public mutating func run(maxEpochs: Int = defaultMaxEpochs,
                             monitor: (EpochSummary) -> Bool = { _ in true }) {
        while !converged, epochs < maxEpochs {
            guard let summary = runEpoch(), monitor(summary) else { return }
        }
    }

    /// Samples with y (w·x + b) ≤ 0 at the current w, b.
    public func misclassified() -> Int {
        var errors = 0
        for n in 0..<count where labels[n] * activation(n) <= 0 { errors += 1 }
        return errors
    }

    /// R = max_n ‖(x_n, 1)‖, the radius of the augmented inputs.
    public var radius: Double {
        var r2 = 0.0
        for n in 0..<count {
            var s = 1.0
            for j in 0..<inputWidth { let v = inputs[n * inputWidth + j]; s += v * v }
            r2 = Swift.max(r2, s)
        }
        return r2.squareRoot()
    }

    /// One visit: the sample, y (w·x + b), and whether it updated.
    public struct Visit: Sendable, Equatable {
        /// 1-based epoch, 0-based sample index.
        public var epoch: Int
        public var sample: Int
        public var x: [Double]
        public var y: Double
        /// w·x + b before the visit.
        public var activation: Double
        /// y (w·x + b); ≤ 0 means an update.
        public var margin: Double
        public var updated: Bool
        /// w, b after the visit, and the updates so far.
        public var w: [Double]
        public var b: Double
        public var updates: Int
    }

    /// One row of the lecture's table: `epoch 0 nb_changes 64 train_error 0.23%`.
    public struct EpochSummary: Sendable, Equatable {
        /// 1-based.
        public var epoch: Int
        public var updates: Int
        /// Misclassified samples at the end of the epoch.
        public var errors: Int
        public var count: Int
        public var w: [Double]
        public var b: Double
        public var trainingError: Double { Double(errors) / Double(count) }
    }
}

public enum PerceptronError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case notBinary(targetColumns: Int)
    case badTarget(sample: Int, value: Double)

    public var description: String {
        switch self {
        case .empty:
            "the data set has no samples"
        case .notBinary(let k):
            "the perceptron needs one target column of 0/1 labels, but the data has \(k) target columns"
        case let .badTarget(sample, value):
            "the perceptron needs targets 0 or 1 (read as −1/+1), but sample \(sample) has \(DataError.format(value))"
        }
    }
}
