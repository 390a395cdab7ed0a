/// `predict` and `accuracy`: the network's outputs and classes on inputs or a
/// data set, through the same batched forward pass as training.
public enum Evaluation {
    /// a_L for one input (d values).
    public static func predict(_ network: Network, input: [Double]) -> [Double] {
        network.output(input)
    }

    /// a_L for every sample of `data`: N × n_L, one row per sample.
    public static func predict(_ network: Network, data: Dataset) throws(TrainingError) -> Tensor {
        guard data.inputWidth == network.spec.inputSize else {
            throw .inputMismatch(network: network.spec.inputSize, data: data.inputWidth)
        }
        return outputs(network, inputs: data.inputs, count: data.count)
    }

    /// a_L for `count` inputs given row-major: count × n_L.
    static func outputs(_ network: Network, inputs: [Double], count: Int) -> Tensor {
        let nL = network.spec.outputSize, n0 = network.spec.inputSize
        var out = Tensor(rows: count, columns: nL)
        guard count > 0 else { return out }
        let engine = BatchEngine(spec: network.spec, capacity: min(count, BatchTrainer.defaultBlockRows))
        engine.load(network)
        inputs.withUnsafeBufferPointer { xs in
            out.storage.withUnsafeMutableBufferPointer { o in
                var start = 0
                while start < count {
                    let rows = min(engine.capacity, count - start)
                    engine.forward(xs.baseAddress! + start * n0, rows: rows)
                    (o.baseAddress! + start * nL).update(from: engine.output, count: rows * nL)
                    start += rows
                }
            }
        }
        return out
    }

    /// The class of each sample under `rule`.
    public static func classes(_ outputs: Tensor, rule: ClassificationRule) -> [Int] {
        outputs.storage.withUnsafeBufferPointer { o in
            (0..<outputs.rows).map { rule.predictedClass(o.baseAddress! + $0 * outputs.columns, count: outputs.columns) }
        }
    }

    /// Accuracy on `data` (nil when the targets are not classes; see `ClassificationRule`).
    public static func accuracy(_ network: Network, data: Dataset) throws(TrainingError) -> AccuracyReport? {
        try TrainingError.check(network, data)
        guard let rule = ClassificationRule.infer(for: data, outputs: network.spec.outputSize) else { return nil }
        let out = try predict(network, data: data)
        let predicted = classes(out, rule: rule)
        let k = rule == .argmax ? data.targetWidth : 2
        var confusion = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
        var correct = 0
        data.targets.withUnsafeBufferPointer { t in
            for i in 0..<data.count {
                let truth = rule.trueClass(t.baseAddress! + i * data.targetWidth, count: data.targetWidth)
                confusion[truth][predicted[i]] += 1
                if truth == predicted[i] { correct += 1 }
            }
        }
        return AccuracyReport(correct: correct, count: data.count, rule: rule, predicted: predicted,
                              confusion: confusion)
    }
}

public struct AccuracyReport: Sendable, Equatable {
    public var correct: Int
    public var count: Int
    public var rule: ClassificationRule
    /// The predicted class of each sample (0-based; with a threshold rule 0 = the low target, 1 = the high).
    public var predicted: [Int]
    /// confusion[true][predicted].
    public var confusion: [[Int]]
    public var accuracy: Double { Double(correct) / Double(count) }
}
