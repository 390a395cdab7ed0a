import Testing
import BackpropCore
#if canImport(Glibc)
import Glibc
#endif

/// `train` against the reference loop written in `Reference.train`.
@Suite("training")
struct TrainingTests {
    static func compare(_ a: Network, _ b: Network, tolerance: Double, _ label: String) {
        for l in 0..<a.depth {
            #expect(Reference.maxRelativeDifference(a.weights[l].storage, b.weights[l].storage, floor: 1e-6) < tolerance,
                    "W\(l + 1) \(label)")
            #expect(Reference.maxRelativeDifference(a.biases[l].storage, b.biases[l].storage, floor: 1e-6) < tolerance,
                    "b\(l + 1) \(label)")
        }
    }

    @Test("batch, sgd and minibatch match the reference loop", arguments: [
        (TrainingMode.batch, 0.0), (.batch, 0.01), (.sgd, 0.0), (.sgd, 0.001), (.minibatch, 0.0), (.minibatch, 0.02),
    ])
    func modesMatchReference(mode: TrainingMode, lambda: Double) throws {
        let specs = [
            try NetworkSpec(sizes: [2, 3, 1], hidden: .sigmoid, output: .sigmoid, loss: .squared),
            try NetworkSpec(sizes: [3, 4, 3], hidden: .tanh, output: .softmax, loss: .xent),
            try NetworkSpec(sizes: [2, 3, 3, 2], hidden: .relu, output: .identity, loss: .squared),
            try NetworkSpec(sizes: [3, 2, 3], hidden: .softplus, output: .softmax, loss: .squared),
        ]
        for (k, spec) in specs.enumerated() {
            let data = randomData(spec, count: 11, seed: UInt64(40 + k))
            let start = Network(spec: spec, seed: UInt64(7 + k))
            let epochs = 25
            var trainer = try BatchTrainer(network: start, data: data, blockRows: 4)  // several blocks per step
            let result = try trainer.train(TrainingOptions(epochs: epochs, eta: 0.1, mode: mode, batchSize: 3,
                                                           seed: 99, lambda: lambda))
            let ref = Reference.train(start, data, epochs: epochs, eta: 0.1, mode: mode, batch: 3, seed: 99, lambda: lambda)
            let label = "\(mode) λ=\(lambda) \(spec)"
            Self.compare(result.network, ref.net, tolerance: 1e-9, label)
            #expect(result.lossHistory.count == epochs + 1, "\(label)")
            #expect(Reference.maxRelativeDifference(result.lossHistory, ref.history) < 1e-9, "history \(label)")
            #expect(abs(result.loss - ref.history.last!) < 1e-9 * max(1, ref.history.last!), "\(label)")
            let penalty = 0.5 * lambda * ref.net.weights.reduce(0) { $0 + $1.storage.reduce(0) { $0 + $1 * $1 } }
            #expect(abs(result.objective - (ref.history.last! + penalty)) < 1e-9, "\(label)")
            #expect(result.epochs == epochs && result.stop == .completed)
            let steps = switch mode { case .batch: epochs; case .sgd: epochs * 11; case .minibatch: epochs * 4 }
            #expect(result.steps == steps)
            #expect(trainer.network == result.network)
        }
    }

    @Test("the block size does not change the result beyond rounding")
    func blockSizeIndependent() throws {
        let spec = try NetworkSpec(sizes: [3, 5, 2], hidden: .tanh, output: .sigmoid, loss: .squared)
        let data = randomData(spec, count: 50, seed: 3)
        let start = Network(spec: spec, seed: 3)
        var a = try BatchTrainer(network: start, data: data, blockRows: 1)
        var b = try BatchTrainer(network: start, data: data, blockRows: 256)
        let ra = try a.train(TrainingOptions(epochs: 30, eta: 0.5))
        let rb = try b.train(TrainingOptions(epochs: 30, eta: 0.5))
        Self.compare(ra.network, rb.network, tolerance: 1e-12, "blocks")
    }

    @Test("same seed, same weights and shuffles; another seed, others")
    func seededDeterminism() throws {
        let spec = try NetworkSpec(sizes: [2, 4, 1], hidden: .tanh, output: .sigmoid)
        #expect(Network(spec: spec, seed: 5) == Network(spec: spec, seed: 5))
        #expect(Network(spec: spec, seed: 5) != Network(spec: spec, seed: 6))
        let data = BuiltinDataset.xor.dataset
        func run(_ seed: UInt64) throws -> Network {
            var t = try BatchTrainer(network: Network(spec: spec, seed: 1), data: data)
            return try t.train(TrainingOptions(epochs: 50, eta: 0.3, mode: .sgd, seed: seed)).network
        }
        #expect(try run(11) == run(11))
        #expect(try run(11) != run(12))
    }

    @Test("initialisation: Glorot uniform, He for relu, zero biases, from SplitMix64 in row order")
    func initialisation() throws {
        let spec = try NetworkSpec(sizes: [4, 3, 2], activations: [.relu, .sigmoid], loss: .squared)
        let net = Network(spec: spec, seed: 42)
        var rng = SplitMix64(seed: 42)
        let r1 = (6.0 / 4).squareRoot(), r2 = (6.0 / 5).squareRoot()
        for k in 0..<12 { #expect(net.weights[0].storage[k] == rng.uniform(-r1, r1)) }
        for k in 0..<6 { #expect(net.weights[1].storage[k] == rng.uniform(-r2, r2)) }
        #expect(net.biases.allSatisfy { $0.storage.allSatisfy { $0 == 0 } })
        #expect(Initialization.range(spec, layer: 1) == r1)
        #expect(Initialization.range(spec, layer: 2) == r2)
    }

    @Test("XOR 2-2-1 learns XOR; the loss history falls")
    func xorLearns() throws {
        let spec = try NetworkSpec(sizes: [2, 2, 1], hidden: .sigmoid, output: .sigmoid, loss: .squared)
        var trainer = try BatchTrainer(network: Network(spec: spec), data: BuiltinDataset.xor.dataset)
        let result = try trainer.train(TrainingOptions(epochs: 20_000, eta: 0.5))
        #expect(result.accuracy == 1)
        #expect(result.correct == 4)
        #expect(result.loss < 0.01)
        #expect(result.lossHistory.first! > 0.1)
        #expect(result.lossHistory.count == 20_001)
        #expect(result.rule == .threshold(0.5, low: 0, high: 1))
        for (x, t) in [([0.0, 0.0], 0.0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)] {
            #expect(abs(result.network.output(x)[0] - t) < 0.15)
        }
    }

    @Test("the monitor stops training and the weights reached are kept")
    func cancellationKeepsWeights() throws {
        let spec = try NetworkSpec(sizes: [2, 3, 1])
        let data = BuiltinDataset.xor.dataset
        let start = Network(spec: spec, seed: 2)
        var trainer = try BatchTrainer(network: start, data: data)
        var calls = 0
        let result = try trainer.train(TrainingOptions(epochs: 1000, eta: 0.5, pollEvery: 5)) { progress in
            calls += 1
            return progress.epoch < 15
        }
        #expect(result.stop == .cancelled)
        #expect(result.epochs == 15)
        #expect(calls == 3)
        #expect(result.lossHistory.count == 16)
        let ref = Reference.train(start, data, epochs: 15, eta: 0.5, mode: .batch)
        Self.compare(result.network, ref.net, tolerance: 1e-12, "cancelled")
        #expect(trainer.network == result.network)

        // Mid-epoch in sgd: the steps made so far are kept.
        let big = randomData(spec, count: 3000, seed: 1)
        var sgd = try BatchTrainer(network: start, data: big)
        let r2 = try sgd.train(TrainingOptions(epochs: 3, eta: 0.01, mode: .sgd, pollSteps: 1000)) { _ in false }
        #expect(r2.stop == .cancelled)
        #expect(r2.steps == 1000)
        #expect(r2.epochs == 0)
        #expect(r2.network != start)
    }

    @Test("a huge η diverges and says so")
    func divergence() throws {
        let spec = try NetworkSpec(sizes: [1, 1], activations: [.identity], loss: .squared)
        let data = Dataset(name: "line", inputs: [[1], [2], [3]], targets: [[2], [4], [6]])
        var trainer = try BatchTrainer(network: Network(spec: spec), data: data)
        let result = try trainer.train(TrainingOptions(epochs: 5000, eta: 10))
        guard case .diverged(let epoch) = result.stop else {
            Issue.record("expected divergence, got \(result.stop)")
            return
        }
        #expect(epoch < 5000)
    }

    @Test("lecture 004's contrast: η = 0.125 converges, η = 0.5 overshoots and diverges")
    func learningRates() throws {
        // L = ½ (2w + b − 1)²: the Hessian [[4, 2], [2, 1]] has eigenvalues 5 and 0, so the
        // error e = 2w + b − 1 is multiplied by 1 − 5η each step: 0.375 for η = 0.125,
        // −1.5 for η = 0.5 (it changes sign and grows).
        let spec = try NetworkSpec(sizes: [1, 1], activations: [.identity], loss: .squared)
        let data = Dataset(name: "one", inputs: [[2]], targets: [[1]])
        let start = try Network(spec: spec, weights: [Tensor(rowsOf: [[1]])], biases: [Tensor(column: [0])])
        var slow = try BatchTrainer(network: start, data: data)
        let a = try slow.train(TrainingOptions(epochs: 20, eta: 0.125))
        var fast = try BatchTrainer(network: start, data: data)
        let b = try fast.train(TrainingOptions(epochs: 20, eta: 0.5))
        for e in 0...20 {
            #expect(abs(a.lossHistory[e] - 0.5 * pow(0.375, 2 * Double(e))) <= 1e-12 * max(1, a.lossHistory[e]))
            #expect(abs(b.lossHistory[e] - 0.5 * pow(1.5, 2 * Double(e))) <= 1e-9 * b.lossHistory[e])
        }
    }

    @Test("options and shapes are checked")
    func validation() throws {
        let spec = try NetworkSpec(sizes: [2, 1])
        let net = Network(spec: spec)
        #expect(throws: TrainingError.inputMismatch(network: 2, data: 3)) {
            _ = try BatchTrainer(network: net, data: Dataset(name: "d", inputs: [[1, 2, 3]], targets: [[1]]))
        }
        #expect(throws: TrainingError.targetMismatch(network: 1, data: 2)) {
            _ = try BatchTrainer(network: net, data: Dataset(name: "d", inputs: [[1, 2]], targets: [[1, 0]]))
        }
        var t = try BatchTrainer(network: net, data: BuiltinDataset.and.dataset)
        #expect(throws: TrainingError.self) { _ = try t.train(TrainingOptions(epochs: 1, eta: 0)) }
        #expect(throws: TrainingError.self) { _ = try t.train(TrainingOptions(epochs: -1, eta: 1)) }
        #expect(throws: TrainingError.self) { _ = try t.train(TrainingOptions(epochs: 1, eta: 1, mode: .minibatch, batchSize: 0)) }
        #expect(throws: TrainingError.self) { _ = try t.train(TrainingOptions(epochs: 1, eta: 1, lambda: -1)) }
        let nan = #expect(throws: TrainingError.self) { _ = try t.train(TrainingOptions(epochs: 1, eta: .nan)) }
        #expect(nan?.option == .eta && nan?.description == "eta= must be a positive number, not nan")
        let batch = #expect(throws: TrainingError.self) {
            _ = try t.train(TrainingOptions(epochs: 1, eta: 1, mode: .minibatch, batchSize: 0))
        }
        #expect(batch?.option == .batch && batch?.description == "batch= must be at least 1, not 0")
        let zero = try t.train(TrainingOptions(epochs: 0, eta: 1))
        #expect(zero.lossHistory.count == 1 && zero.steps == 0 && zero.network == net)
    }

    @Test("digits 64-32-10 relu/softmax learns the digits (file read via the CSV reader)")
    func digits() throws {
        let data = try loadCSV(lessonDataPath("digits.csv"), targets: .classes(10))
        let spec = try NetworkSpec(sizes: [64, 32, 10], hidden: .relu, output: .softmax, loss: .xent)
        var trainer = try BatchTrainer(network: Network(spec: spec), data: data)
        let result = try trainer.train(TrainingOptions(epochs: 30, eta: 0.05, mode: .minibatch, batchSize: 32))
        #expect(result.accuracy! > 0.95)
        #expect(result.rule == .argmax)
        #expect(result.lossHistory.last! < result.lossHistory.first! / 5)
    }
}

@Suite("training history")
struct TrainingHistoryTests {
    @Test("a long run keeps a strided loss history")
    func stride() throws {
        let spec = try NetworkSpec(sizes: [2, 1], activations: [.sigmoid], loss: .squared)
        let data = BuiltinDataset.or.dataset
        let options = TrainingOptions(epochs: 250_000, eta: 0.5)
        #expect(options.historyStride == 3)
        var trainer = try BatchTrainer(network: Network(spec: spec), data: data)
        let r = try trainer.train(options)
        #expect(r.historyStride == 3)
        #expect(r.lossHistory.count == 250_000 / 3 + 1)
        // Entry i is the loss after 3i epochs.
        var check = try BatchTrainer(network: Network(spec: spec), data: data)
        let short = try check.train(TrainingOptions(epochs: 30, eta: 0.5))
        for i in 0...10 { #expect(r.lossHistory[i] == short.lossHistory[3 * i]) }
        #expect(TrainingOptions(epochs: 100_000, eta: 1).historyStride == 1)
    }
}
