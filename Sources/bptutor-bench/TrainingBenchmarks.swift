#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropCore

/// The training benchmarks, for the bench executable (which reads the
/// digits file and prints). Each returns the training result and the wall
/// time of the `train` call alone, in seconds (monotonic clock).
///
/// Targets (release build, this 2-core machine): XOR 2-2-1 full batch 20,000
/// epochs < 100 ms; digits 64-32-10 softmax full batch 300 epochs ≈ numpy+BLAS.
enum TrainingBenchmarks {
    struct Timing: Sendable {
        var name: String
        var seconds: Double
        var result: TrainingResult
    }

    /// `data xor; net 2-2-1 hidden=sigmoid output=sigmoid loss=squared; train epochs=N eta=η`.
    static func xor(epochs: Int = 20_000, eta: Double = 0.5, seed: UInt64 = 1) -> Timing {
        let spec = try! NetworkSpec(sizes: [2, 2, 1], hidden: .sigmoid, output: .sigmoid, loss: .squared)
        return run(name: "xor 2-2-1 sigmoid, full batch, \(epochs) epochs", spec: spec,
                   data: BuiltinDataset.xor.dataset, seed: seed,
                   options: TrainingOptions(epochs: epochs, eta: eta))
    }

    /// `net 64-H-10 hidden=F output=softmax loss=xent; train epochs=N eta=η [mode=…]`
    /// on `data` (the digits with `classes=10`; pixel values as in the file).
    static func digits(_ data: Dataset, hidden: Int = 32, activation: Activation = .relu,
                              epochs: Int = 300, eta: Double = 0.01, mode: TrainingMode = .batch,
                              batchSize: Int = 32, seed: UInt64 = 1,
                              blockRows: Int = BatchTrainer.defaultBlockRows) -> Timing {
        let spec = try! NetworkSpec(sizes: [data.inputWidth, hidden, data.targetWidth], hidden: activation,
                                    output: .softmax, loss: .xent)
        return run(name: "digits \(data.inputWidth)-\(hidden)-\(data.targetWidth) \(activation)/softmax, \(mode), \(epochs) epochs",
                   spec: spec, data: data, seed: seed,
                   options: TrainingOptions(epochs: epochs, eta: eta, mode: mode, batchSize: batchSize),
                   blockRows: blockRows)
    }

    /// A stand-in for the digits when the file is not at hand: N samples of 64
    /// values 0…16 (about half zeros) and labels 0…9, from `seed`.
    static func syntheticDigits(count: Int = 1797, seed: UInt64 = 7) -> Dataset {
        var rng = SplitMix64(seed: seed)
        var inputs = [Double](repeating: 0, count: count * 64)
        var targets = [Double](repeating: 0, count: count * 10)
        for i in 0..<count {
            let label = rng.below(10)
            targets[i * 10 + label] = 1
            for j in 0..<64 where rng.nextUnit() < 0.5 {
                inputs[i * 64 + j] = Double((rng.below(16) + label + j) % 17)
            }
        }
        var d = Dataset(name: "synthetic digits", inputWidth: 64, targetWidth: 10, inputs: inputs, targets: targets)
        d.classes = 10
        return d
    }

    static func run(name: String, spec: NetworkSpec, data: Dataset, seed: UInt64, options: TrainingOptions,
                    blockRows: Int = BatchTrainer.defaultBlockRows) -> Timing {
        var trainer = try! BatchTrainer(network: Network(spec: spec, seed: seed), data: data, blockRows: blockRows)
        let start = now()
        let result = try! trainer.train(options)
        return Timing(name: name, seconds: now() - start, result: result)
    }

    /// Seconds on the monotonic clock.
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
    }
}
