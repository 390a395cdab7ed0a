/// Gradient descent on a network and a data set (see `TrainingOptions` for the
/// objective and the modes). The samples of a step are processed as matrices,
/// `blockRows` at a time, in buffers allocated once per `train` call: nothing
/// is allocated per epoch, step or sample, and no graph is interpreted.
///
/// Deterministic: the block size is fixed, so the sums run in the same order on
/// every machine; shuffles come from `SplitMix64(seed)`.
public struct BatchTrainer: Sendable {
    public private(set) var network: Network
    public let data: Dataset
    /// Samples per forward/backward block (a full batch is summed block by block,
    /// which keeps the working set in cache and the memory bounded for big files).
    public var blockRows: Int

    public static let defaultBlockRows = 256

    public init(network: Network, data: Dataset, blockRows: Int = defaultBlockRows) throws(TrainingError) {
        try TrainingError.check(network, data)
        self.network = network
        self.data = data
        self.blockRows = max(1, blockRows)
    }

    /// Trains, keeping the weights reached in `network` (also when the monitor
    /// stops it: Ctrl-C keeps the weights). The run is a `TrainingJob` run to the
    /// end: the monitor is called every `options.pollEvery` epochs (and every
    /// `pollSteps` steps inside an sgd/minibatch epoch); returning false stops training.
    public mutating func train(_ options: TrainingOptions,
                               monitor: (TrainingProgress) -> Bool = { _ in true }) throws(TrainingError) -> TrainingResult {
        var job = try TrainingJob(network: network, data: data, options: options, blockRows: blockRows)
        job.run(monitor: monitor)
        network = job.network
        return job.result
    }

    /// Mean loss and accuracy of the current weights on the data.
    public func evaluate() -> (loss: Double, accuracy: Double?, correct: Int?) {
        let e = Self.evaluate(network: network, data: data, blockRows: blockRows)
        return (e.loss, e.correct.map { Double($0) / Double(data.count) }, e.correct)
    }

    /// Mean loss and the number classified correctly (nil without classes) of `network` on `data`.
    static func evaluate(network: Network, data: Dataset, blockRows: Int) -> (loss: Double, correct: Int?) {
        let engine = BatchEngine(spec: network.spec, capacity: min(blockRows, data.count))
        engine.load(network)
        return evaluate(engine, data: data, rule: ClassificationRule.infer(for: data, outputs: network.spec.outputSize))
    }

    // MARK: Passes over blocks

    /// Zeroes the gradients and accumulates the full-batch mean gradient;
    /// returns Σ_n L_n at the current weights.
    static func fullBatchGradient(_ engine: BatchEngine, x: UnsafePointer<Double>, t: UnsafePointer<Double>,
                                  n: Int) -> Double {
        engine.zeroGradients()
        let n0 = engine.spec.inputSize, nL = engine.spec.outputSize
        let scale = 1 / Double(n)
        var total = 0.0
        var start = 0
        while start < n {
            let rows = min(engine.capacity, n - start)
            engine.forward(x + start * n0, rows: rows)
            total += engine.lossSum(t + start * nL, rows: rows)
            engine.outputDelta(t + start * nL, rows: rows, scale: scale)
            engine.backward()
            start += rows
        }
        return total
    }

    /// Zeroes the gradients and accumulates the mean gradient over the samples `indices`.
    static func stepGradient(_ engine: BatchEngine, x: UnsafePointer<Double>, t: UnsafePointer<Double>,
                             indices: ArraySlice<Int>) {
        engine.zeroGradients()
        let scale = 1 / Double(indices.count)
        var start = indices.startIndex
        while start < indices.endIndex {
            let end = min(start + engine.capacity, indices.endIndex)
            engine.gather(x, targets: t, indices: indices[start..<end])
            let rows = end - start
            engine.forward(engine.xBuffer, rows: rows)
            engine.outputDelta(engine.tBuffer, rows: rows, scale: scale)
            engine.backward()
            start = end
        }
    }

    /// (1/N) Σ_n L_n at the current weights (forward passes only).
    static func meanLoss(_ engine: BatchEngine, x: UnsafePointer<Double>, t: UnsafePointer<Double>, n: Int) -> Double {
        let n0 = engine.spec.inputSize, nL = engine.spec.outputSize
        var total = 0.0
        var start = 0
        while start < n {
            let rows = min(engine.capacity, n - start)
            engine.forward(x + start * n0, rows: rows)
            total += engine.lossSum(t + start * nL, rows: rows)
            start += rows
        }
        return total / Double(n)
    }

    /// Mean loss and the number classified correctly (nil without classes).
    static func evaluate(_ engine: BatchEngine, data: Dataset, rule: ClassificationRule?) -> (loss: Double, correct: Int?) {
        let n = data.count, n0 = data.inputWidth, nL = data.targetWidth
        var total = 0.0
        var correct = 0
        data.inputs.withUnsafeBufferPointer { xs in
            data.targets.withUnsafeBufferPointer { ts in
                var start = 0
                while start < n {
                    let rows = min(engine.capacity, n - start)
                    let t = ts.baseAddress! + start * nL
                    engine.forward(xs.baseAddress! + start * n0, rows: rows)
                    total += engine.lossSum(t, rows: rows)
                    if let rule {
                        let out = engine.output
                        for r in 0..<rows where rule.predictedClass(out + r * nL, count: nL)
                            == rule.trueClass(t + r * nL, count: nL) {
                            correct += 1
                        }
                    }
                    start += rows
                }
            }
        }
        return (total / Double(n), rule == nil ? nil : correct)
    }
}
