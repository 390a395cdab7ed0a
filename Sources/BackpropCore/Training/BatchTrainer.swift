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
    /// stops it: Ctrl-C keeps the weights). The monitor is called every
    /// `options.pollEvery` epochs (and every `pollSteps` steps inside an
    /// sgd/minibatch epoch); returning false stops training.
    public mutating func train(_ options: TrainingOptions,
                               monitor: (TrainingProgress) -> Bool = { _ in true }) throws(TrainingError) -> TrainingResult {
        try options.validate()
        let n = data.count
        let stepRows: Int = switch options.mode {
        case .batch: n
        case .sgd: 1
        case .minibatch: min(options.batchSize, n)
        }
        let engine = BatchEngine(spec: network.spec, capacity: min(max(stepRows, 1), blockRows, n))
        engine.load(network)
        let rule = ClassificationRule.infer(for: data, outputs: network.spec.outputSize)

        let stride = options.historyStride
        var history: [Double] = []
        history.reserveCapacity(options.epochs / stride + 2)
        var steps = 0
        var stop = TrainingStop.completed
        var epochsDone = 0
        var lastLoss = Double.nan

        data.inputs.withUnsafeBufferPointer { xs in
            data.targets.withUnsafeBufferPointer { ts in
                let x = xs.baseAddress!, t = ts.baseAddress!
                var order = Array(0..<n)
                var rng = SplitMix64(seed: options.seed)

                if options.mode == .batch {
                    // Each epoch's forward pass gives the loss at the current weights.
                    for epoch in 0..<options.epochs {
                        let loss = Self.fullBatchGradient(engine, x: x, t: t, n: n) / Double(n)
                        if epoch % stride == 0 { history.append(loss) }
                        if !loss.isFinite { stop = .diverged(epoch: epoch); break }
                        engine.update(eta: options.eta, lambda: options.lambda)
                        steps += 1
                        epochsDone = epoch + 1
                        if epochsDone % options.pollEvery == 0,
                           !monitor(TrainingProgress(epoch: epochsDone, epochs: options.epochs, loss: loss)) {
                            stop = .cancelled
                            break
                        }
                    }
                    // The loss after the last update is not known yet.
                    let diverged = if case .diverged = stop { true } else { false }
                    if !diverged, epochsDone % stride == 0 {
                        history.append(Self.meanLoss(engine, x: x, t: t, n: n))
                    }
                } else {
                    lastLoss = Self.meanLoss(engine, x: x, t: t, n: n)
                    history.append(lastLoss)
                    epochs: for epoch in 0..<options.epochs {
                        rng.shuffle(&order)
                        var start = 0
                        while start < n {
                            let end = min(start + stepRows, n)
                            Self.stepGradient(engine, x: x, t: t, indices: order[start..<end])
                            engine.update(eta: options.eta, lambda: options.lambda)
                            steps += 1
                            start = end
                            if steps % options.pollSteps == 0, start < n,
                               !monitor(TrainingProgress(epoch: epoch, epochs: options.epochs, loss: lastLoss)) {
                                stop = .cancelled
                                break epochs
                            }
                        }
                        epochsDone = epoch + 1
                        if epochsDone % stride == 0 {
                            lastLoss = Self.meanLoss(engine, x: x, t: t, n: n)
                            history.append(lastLoss)
                            if !lastLoss.isFinite { stop = .diverged(epoch: epochsDone); break }
                        }
                        if epochsDone % options.pollEvery == 0,
                           !monitor(TrainingProgress(epoch: epochsDone, epochs: options.epochs, loss: lastLoss)) {
                            stop = .cancelled
                            break
                        }
                    }
                }
            }
        }

        network = engine.network()
        let evaluation = Self.evaluate(engine, data: data, rule: rule)
        let loss = evaluation.loss
        if case .completed = stop, !loss.isFinite { stop = .diverged(epoch: epochsDone) }
        return TrainingResult(network: network, epochs: epochsDone, requestedEpochs: options.epochs, steps: steps,
                              loss: loss, objective: loss + 0.5 * options.lambda * network.weightNormSquared,
                              accuracy: evaluation.correct.map { Double($0) / Double(data.count) },
                              correct: evaluation.correct, rule: rule, lossHistory: history,
                              historyStride: stride, stop: stop)
    }

    /// Mean loss and accuracy of the current weights on the data.
    public func evaluate() -> (loss: Double, accuracy: Double?, correct: Int?) {
        let engine = BatchEngine(spec: network.spec, capacity: min(blockRows, data.count))
        engine.load(network)
        let rule = ClassificationRule.infer(for: data, outputs: network.spec.outputSize)
        let e = Self.evaluate(engine, data: data, rule: rule)
        return (e.loss, e.correct.map { Double($0) / Double(data.count) }, e.correct)
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
