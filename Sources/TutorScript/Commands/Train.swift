import BackpropCore
import ScriptSyntax
import TutorStore

/// `train epochs=N eta=E [mode=batch|sgd|minibatch] [batch=K] [seed=S] [lambda=Λ]`: gradient
/// descent on the current network and data. The options, their ranges and wording are
/// declared once in ScriptSyntax's `TrainSyntax`.
extension Interpreter {
    /// Runs to the end (Ctrl-C through `hooks.shouldCancel` stops it, keeping the weights
    /// reached), or with `hooks.trainsInSlices` starts the run for the front end to advance
    /// (no output then; `advanceTraining` gives the report when it ends).
    mutating func train(_ options: [CommandOption], keyword: Identifier) throws(Diagnostic) -> [Output] {
        let (network, data) = try networkAndData(keyword)
        try TrainSyntax.schema.validate(options)
        let epochs = try options.required(TrainSyntax.epochs, at: keyword) { o throws(Diagnostic) in
            try o.wholeNumber(TrainSyntax.epochs)
        }
        let eta = try options.required(TrainSyntax.eta, at: keyword) { o throws(Diagnostic) in try o.number(TrainSyntax.eta) }
        let mode = try options.word(TrainSyntax.mode).flatMap(TrainingMode.init(rawValue:)) ?? .batch
        let batch = try options.wholeNumber(TrainSyntax.batch) ?? TrainingOptions.defaultBatchSize
        let seed = try options.wholeNumber(TrainSyntax.seed).map(UInt64.init) ?? TrainingOptions.defaultSeed
        let lambda = try options.number(TrainSyntax.lambda) ?? 0
        let trainingOptions = TrainingOptions(epochs: epochs, eta: eta, mode: mode, batchSize: batch, seed: seed,
                                              lambda: lambda)
        var job: TrainingJob
        do {
            job = try TrainingJob(network: network, data: data, options: trainingOptions)
        } catch {
            throw Diagnostic(error.scriptMessage, at: Self.span(of: error, in: options) ?? keyword.span)
        }
        session.training = job
        session.trainingIsCurrent = true
        if hooks.trainsInSlices { return [] }
        let hooks = self.hooks
        job.run { progress in
            hooks.progress?(progress)
            return !hooks.shouldCancel()
        }
        return [ended(job)]
    }

    /// Puts an ended run's weights into the graph and reports it as `train` does.
    mutating func ended(_ job: TrainingJob) -> Output {
        session.training = job
        let result = job.result
        setNetworkWeights(result.network)
        return .training(TrainingSummary(result, samples: job.data.count))
    }

    /// `losses`: the loss history of the last training run.
    func losses(keyword: Identifier) throws(Diagnostic) -> Output {
        guard let run = session.training else {
            throw Diagnostic(ScriptMessage.noTraining, at: keyword.span)
        }
        return .losses(history: run.lossHistory, stride: run.options.historyStride)
    }
}

extension TrainingSummary {
    /// The report of a run, from the options it was made with.
    init(_ result: TrainingResult, samples: Int) {
        let o = result.options
        self.init(mode: o.mode.rawValue, eta: o.eta, lambda: o.lambda, batchSize: o.mode == .minibatch ? o.batchSize : nil,
                  seed: o.seed, result: result, samples: samples)
    }
}

extension Command {
    /// Whether the statement leaves the last training run behind (`NetworkSession.trainingIsCurrent`):
    /// it changes the weights, the data or the sample, or starts another run.
    var endsTrainingRun: Bool {
        switch self {
        case .net, .sample, .step, .reset, .train: true
        case .data(let source, _): source != nil
        default: false
        }
    }
}

extension TextOutput {
    /// `train`: the run in one line, warnings, and the loss curve in brief.
    func lines(for t: TrainingSummary) -> [String] {
        let f = settings.numberFormat
        let r = t.result
        var head = "trained \(r.epochs) epoch\(r.epochs == 1 ? "" : "s") (\(t.mode)"
        if let b = t.batchSize { head += ", batch \(b)" }
        head += ", η = \(NumberFormat.roundTrip(t.eta))"
        if t.lambda != 0 { head += ", λ = \(NumberFormat.roundTrip(t.lambda))" }
        head += ", \(r.steps) step\(r.steps == 1 ? "" : "s")): mean loss \(f.format(r.loss))"
        if t.lambda != 0 { head += ", objective \(f.format(r.objective))" }
        if let a = r.accuracy, let c = r.correct { head += ", accuracy \(percent(a)) (\(c)/\(t.samples))" }
        var out = [head]
        switch r.stop {
        case .completed: break
        case .cancelled: out.append("  stopped after \(r.epochs) of \(r.requestedEpochs) epochs; the weights reached are kept")
        case .diverged(let e): out.append("  the loss became \(f.format(r.loss)) at epoch \(e): η is too large")
        }
        if r.stop != .diverged(epoch: r.epochs), let first = r.lossHistory.first, first > 0, r.loss > 10 * first {
            out.append("  the loss grew from \(f.format(first)) to \(f.format(r.loss)): η is probably too large")
        }
        if r.lossHistory.count > 1 { out.append("  loss " + Self.sparkline(r.lossHistory, width: 48) + "  ('losses' for more)") }
        return out
    }

    /// `losses`: the loss per epoch as a sparkline.
    func lossLines(_ history: [Double], stride: Int) -> [String] {
        let f = settings.numberFormat
        guard let first = history.first, let last = history.last else { return ["no losses recorded"] }
        let epochs = (history.count - 1) * stride
        let spread = (history.min() ?? 1) > 0 && (history.max() ?? 1) / (history.min() ?? 1) > 100
        return ["loss over \(epochs) epoch\(epochs == 1 ? "" : "s")\(stride > 1 ? " (every \(stride)th kept)" : ""): "
                + "\(f.format(first)) → \(f.format(last)) (min \(f.format(history.min() ?? last)))",
                "  " + Self.sparkline(history, width: 64) + (spread ? "  (log scale)" : "")]
    }
}

extension JSONOutput {
    /// `{"train": {...}}`, the contract's keys first.
    static func json(for t: TrainingSummary) -> JSONValue {
        let r = t.result
        let stopped: String = switch r.stop {
        case .completed: "completed"
        case .cancelled: "cancelled"
        case .diverged: "diverged"
        }
        return .object([("train", .object([
            ("epochs", .number(Double(r.epochs))),
            ("loss", .number(r.loss)),
            ("objective", .number(r.objective)),
            ("accuracy", optional(r.accuracy)),
            ("correct", optional(r.correct.map(Double.init))),
            ("samples", .number(Double(t.samples))),
            ("steps", .number(Double(r.steps))),
            ("mode", .string(t.mode)),
            ("eta", .number(t.eta)),
            ("lambda", .number(t.lambda)),
            ("batch", optional(t.batchSize.map(Double.init))),
            ("seed", t.mode == "batch" ? .null : .number(Double(t.seed))),   // batch mode draws nothing
            ("stopped", .string(stopped)),
            ("requested_epochs", .number(Double(r.requestedEpochs))),
        ]))])
    }

    /// `{"losses": {"stride": S, "values": [...]}}`.
    static func lossesJSON(_ history: [Double], stride: Int) -> JSONValue {
        return .object([("losses", .object([("stride", .number(Double(stride))), ("values", numbers(history))]))])
    }
}
