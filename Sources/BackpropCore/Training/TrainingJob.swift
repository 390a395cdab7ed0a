/// One training run as a value that advances in slices: the options, the weights
/// reached, the loss curve so far and where the run stands (the epoch, the place in
/// the epoch's shuffled order, the shuffle generator). `BatchTrainer.train` runs one
/// to the end; the screen advances one a slice per tick, so its keys stay live.
///
/// Slicing changes nothing in the arithmetic: a run advanced in any slices gives the
/// same weights, steps and loss curve, to the bit, as the same run made in one go.
/// (Each slice loads the weights into a fresh `BatchEngine` and reads them back, so
/// the value holds no buffers and copies are independent.)
///
/// The loss curve: `lossHistory[i]` is the mean loss after i · stride epochs
/// (stride = `options.historyStride`). In batch mode each epoch's forward pass gives
/// the loss at the weights before its update; the loss after the last update is
/// computed when the run ends. In sgd and minibatch modes the loss is computed at
/// the start and after every stride-th epoch.
public struct TrainingJob: Sendable {
    public let options: TrainingOptions
    public let data: Dataset
    /// The weights the run started from.
    public let start: Network
    /// Samples per forward/backward block (see `BatchTrainer.blockRows`).
    public let blockRows: Int

    /// The weights reached so far.
    public private(set) var network: Network
    public private(set) var lossHistory: [Double] = []
    /// Epochs completed.
    public private(set) var epochsDone = 0
    /// Parameter updates made.
    public private(set) var steps = 0
    /// Why the run ended; nil while it can go on.
    public private(set) var stop: TrainingStop?

    /// The samples of an epoch in their shuffled order (sgd, minibatch), and the
    /// index of the next step's first sample in it (0: the epoch has not begun).
    private var order: [Int]
    private var position = 0
    private var rng: SplitMix64
    /// Mean loss and correct count at the final weights, once the run has ended.
    private var final: (loss: Double, correct: Int?)?

    public init(network: Network, data: Dataset, options: TrainingOptions,
                blockRows: Int = BatchTrainer.defaultBlockRows) throws(TrainingError) {
        try TrainingError.check(network, data)
        try options.validate()
        self.options = options
        self.data = data
        self.start = network
        self.network = network
        self.blockRows = max(1, blockRows)
        order = Array(0..<data.count)
        rng = SplitMix64(seed: options.seed)
        lossHistory.reserveCapacity(min(options.epochs, TrainingOptions.maxHistory) / options.historyStride + 2)
    }

    /// The same run again from its starting weights (or from `network`).
    public func restarted(from network: Network? = nil) -> TrainingJob {
        // The options were valid and the shapes checked when this job was made.
        try! TrainingJob(network: network ?? start, data: data, options: options, blockRows: blockRows)
    }

    public var isFinished: Bool { stop != nil }

    public var progress: TrainingProgress {
        TrainingProgress(epoch: epochsDone, epochs: options.epochs, loss: lossHistory.last ?? .nan)
    }

    /// Samples in one step of the run's mode.
    public var stepRows: Int {
        switch options.mode {
        case .batch: data.count
        case .sgd: 1
        case .minibatch: min(options.batchSize, data.count)
        }
    }

    // MARK: Advancing

    /// Makes steps until about `budget` samples have been visited (at least one
    /// step), or the run ends. A full-batch step visits every sample.
    public mutating func advance(budget: Int) {
        withEngine { job, engine, x, t in
            job.work(engine, x, t, budget: max(1, budget), pollEpochs: nil, pollSteps: nil)
        }
    }

    /// Runs to the end. The monitor is asked whether to go on every
    /// `options.pollEvery` epochs (and every `options.pollSteps` steps within an
    /// sgd or minibatch epoch); false stops the run, keeping the weights reached.
    public mutating func run(monitor: (TrainingProgress) -> Bool = { _ in true }) {
        withEngine { job, engine, x, t in
            while job.stop == nil {
                job.work(engine, x, t, budget: .max, pollEpochs: job.options.pollEvery, pollSteps: job.options.pollSteps)
                if job.stop == nil, !monitor(job.progress) { job.end(.cancelled, engine, x, t) }
            }
        }
    }

    /// Ends the run here (Ctrl-C, a key): the weights reached are kept. No effect on an ended run.
    public mutating func cancel() {
        guard stop == nil else { return }
        withEngine { job, engine, x, t in job.end(.cancelled, engine, x, t) }
    }

    /// The run's outcome: meant for an ended run (for one that can go on, the loss
    /// and accuracy are evaluated at the weights reached now).
    public var result: TrainingResult {
        let evaluation = final ?? BatchTrainer.evaluate(network: network, data: data, blockRows: blockRows)
        var stop = self.stop ?? .cancelled
        if case .completed = stop, !evaluation.loss.isFinite { stop = .diverged(epoch: epochsDone) }
        return TrainingResult(network: network, epochs: epochsDone, requestedEpochs: options.epochs, steps: steps,
                              loss: evaluation.loss,
                              objective: evaluation.loss + 0.5 * options.lambda * network.weightNormSquared,
                              accuracy: evaluation.correct.map { Double($0) / Double(data.count) },
                              correct: evaluation.correct,
                              rule: ClassificationRule.infer(for: data, outputs: network.spec.outputSize),
                              lossHistory: lossHistory, historyStride: options.historyStride, stop: stop,
                              options: options)
    }

    // MARK: The steps

    /// Loads the weights into an engine for one slice and reads them back after it.
    private mutating func withEngine(
        _ body: (inout TrainingJob, BatchEngine, UnsafePointer<Double>, UnsafePointer<Double>) -> Void) {
        guard stop == nil else { return }
        let engine = BatchEngine(spec: network.spec, capacity: min(max(stepRows, 1), blockRows, data.count))
        engine.load(network)
        let data = self.data
        data.inputs.withUnsafeBufferPointer { xs in
            data.targets.withUnsafeBufferPointer { ts in
                body(&self, engine, xs.baseAddress!, ts.baseAddress!)
            }
        }
        network = engine.network()
    }

    /// Steps until `budget` samples are visited, the run ends, or (with `pollEpochs`)
    /// an epoch count divisible by it is reached, or (with `pollSteps`) a step count
    /// divisible by it is reached inside an epoch.
    private mutating func work(_ engine: BatchEngine, _ x: UnsafePointer<Double>, _ t: UnsafePointer<Double>,
                               budget: Int, pollEpochs: Int?, pollSteps: Int?) {
        let n = data.count, stride = options.historyStride
        var used = 0
        if options.mode != .batch, lossHistory.isEmpty {
            lossHistory.append(BatchTrainer.meanLoss(engine, x: x, t: t, n: n))
        }
        while stop == nil {
            if epochsDone >= options.epochs { return end(.completed, engine, x, t) }
            if used >= budget { return }
            if options.mode == .batch {
                let loss = BatchTrainer.fullBatchGradient(engine, x: x, t: t, n: n) / Double(n)
                if epochsDone % stride == 0 { lossHistory.append(loss) }
                if !loss.isFinite { return end(.diverged(epoch: epochsDone), engine, x, t) }
                engine.update(eta: options.eta, lambda: options.lambda)
                steps += 1
                epochsDone += 1
                used += n
            } else {
                if position == 0 { rng.shuffle(&order) }
                let end = min(position + stepRows, n)
                BatchTrainer.stepGradient(engine, x: x, t: t, indices: order[position..<end])
                engine.update(eta: options.eta, lambda: options.lambda)
                steps += 1
                used += end - position
                position = end < n ? end : 0
                if position != 0 {
                    if let pollSteps, steps % pollSteps == 0 { return }
                    continue
                }
                epochsDone += 1
                if epochsDone % stride == 0 {
                    let loss = BatchTrainer.meanLoss(engine, x: x, t: t, n: n)
                    lossHistory.append(loss)
                    if !loss.isFinite { return self.end(.diverged(epoch: epochsDone), engine, x, t) }
                }
            }
            if let pollEpochs, epochsDone % pollEpochs == 0, epochsDone < options.epochs { return }
        }
    }

    /// Ends the run: the loss after the last update joins the curve when it falls on
    /// the stride and is not there yet, and the final weights are evaluated.
    private mutating func end(_ why: TrainingStop, _ engine: BatchEngine, _ x: UnsafePointer<Double>,
                              _ t: UnsafePointer<Double>) {
        let stride = options.historyStride
        if case .diverged = why {} else if epochsDone % stride == 0, lossHistory.count == epochsDone / stride {
            lossHistory.append(BatchTrainer.meanLoss(engine, x: x, t: t, n: data.count))
        }
        stop = why
        let rule = ClassificationRule.infer(for: data, outputs: network.spec.outputSize)
        final = BatchTrainer.evaluate(engine, data: data, rule: rule)
    }
}
