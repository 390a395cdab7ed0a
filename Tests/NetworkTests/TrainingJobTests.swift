import Testing
import BackpropCore

/// A `TrainingJob` advanced in slices is the same run as one made in one go.
@Suite("training jobs")
struct TrainingJobTests {
    static let spec = try! NetworkSpec(sizes: [2, 3, 1], hidden: .tanh, output: .sigmoid, loss: .squared)

    @Test("slices of any size give the same weights, steps and loss curve, to the bit", arguments: [
        TrainingMode.batch, .sgd, .minibatch,
    ])
    func slicesChangeNothing(mode: TrainingMode) throws {
        let data = randomData(Self.spec, count: 7, seed: 5)
        let start = Network(spec: Self.spec, seed: 2)
        let options = TrainingOptions(epochs: 23, eta: 0.3, mode: mode, batchSize: 3, seed: 8, lambda: 0.01)
        var whole = try BatchTrainer(network: start, data: data)
        let reference = try whole.train(options)
        for budget in [1, 2, 5, 7, 16, 1000] {
            var job = try TrainingJob(network: start, data: data, options: options)
            var slices = 0
            while !job.isFinished {
                job.advance(budget: budget)
                slices += 1
            }
            #expect(job.result == reference, "budget \(budget)")
            #expect(job.network == reference.network)
            #expect(slices > 1 || budget == 1000, "budget \(budget): \(slices) slices")
        }
        // Again from the start: the same run.
        var job = try TrainingJob(network: start, data: data, options: options)
        job.run()
        var again = job.restarted()
        #expect(again.network == start && again.epochsDone == 0 && again.lossHistory.isEmpty)
        again.advance(budget: 4)
        again.run()
        #expect(again.result == reference)
    }

    @Test("cancel between slices ends the run at the weights reached; the curve so far")
    func cancelBetweenSlices() throws {
        let data = randomData(Self.spec, count: 4, seed: 1)
        let start = Network(spec: Self.spec, seed: 1)
        var job = try TrainingJob(network: start, data: data, options: TrainingOptions(epochs: 100, eta: 0.5))
        job.advance(budget: 40)                       // ten full-batch epochs of four samples
        #expect(job.epochsDone == 10 && job.steps == 10 && !job.isFinished)
        let reached = job.network
        job.cancel()
        #expect(job.isFinished && job.stop == .cancelled && job.network == reached)
        #expect(job.lossHistory.count == 11)          // epochs 0…9 and the loss after the tenth update
        job.advance(budget: 40)                       // an ended run does not go on
        #expect(job.epochsDone == 10)
        let result = job.result
        #expect(result.epochs == 10 && result.requestedEpochs == 100 && result.stop == .cancelled)
        #expect(result.options == TrainingOptions(epochs: 100, eta: 0.5))
    }
}
