import BackpropCore
import ScriptSyntax

/// `train epochs=N eta=E [mode=batch|sgd|minibatch] [batch=K] [seed=S] [lambda=Λ]`: gradient
/// descent on the current network and data. The options, their ranges and wording are
/// declared once in ScriptSyntax's `TrainSyntax`.
extension Interpreter {
    mutating func train(_ options: [CommandOption], keyword: Identifier) throws(Diagnostic) -> Output {
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
        let hooks = self.hooks
        do {
            var trainer = try BatchTrainer(network: network, data: data)
            let result = try trainer.train(trainingOptions) { progress in
                hooks.progress?(progress)
                return !hooks.shouldCancel()
            }
            session.network!.write(result.network, to: &graph)
            session.lastTraining = result
            return .training(TrainingSummary(mode: mode.rawValue, eta: eta, lambda: lambda,
                                             batchSize: mode == .minibatch ? batch : nil, seed: seed,
                                             result: result, samples: data.count))
        } catch {
            throw Diagnostic(error.description, code: error.code, at: Self.span(of: error, in: options) ?? keyword.span)
        }
    }

    /// `losses`: the loss history of the last training run.
    func losses(keyword: Identifier) throws(Diagnostic) -> Output {
        guard let result = session.lastTraining else {
            throw Diagnostic("no training has run yet: 'train epochs=N eta=E' first", code: .noTraining,
                             at: keyword.span)
        }
        return .losses(history: result.lossHistory, stride: result.historyStride)
    }
}
