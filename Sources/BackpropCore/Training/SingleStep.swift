/// One gradient step, reported in full so a lesson can show a single update
/// the way lecture 001 does: pick a sample, forward, then update the output
/// layer's weights (V) first and the layer below (W) next, "deep back to
/// shallow". All gradients come from the same forward pass at the old weights
/// (δ_(l−1) uses the old W_l, as the lecture's δ_m uses V^t), so the order is
/// the order of the telling, not a change to the arithmetic.
///
/// The step is θ ← θ − η ( (1/B) Σ_samples ∂L/∂θ + Λ W ), B the number of samples.
public enum SingleStep {
    /// One step on the samples `indices` (0-based; one sample, some, or all).
    public static func step(_ network: Network, data: Dataset, samples indices: [Int], eta: Double,
                            lambda: Double = 0) throws(TrainingError) -> StepReport {
        try TrainingError.check(network, data)
        try TrainingOptions(epochs: 1, eta: eta, lambda: lambda).validate()
        guard !indices.isEmpty else { throw .emptyData }
        for i in indices where i < 0 || i >= data.count { throw .sampleOutOfRange(i + 1, count: data.count) }

        let spec = network.spec
        let rows = indices.count
        let engine = BatchEngine(spec: spec, capacity: rows)
        engine.load(network)
        var layersForward: [StepReport.LayerValues] = []
        var updates: [StepReport.LayerUpdate] = []
        var lossBefore = 0.0, lossAfter = 0.0
        let scale = 1 / Double(rows)

        data.inputs.withUnsafeBufferPointer { xs in
            data.targets.withUnsafeBufferPointer { ts in
                engine.gather(xs.baseAddress!, targets: ts.baseAddress!, indices: indices[...])
                engine.forward(engine.xBuffer, rows: rows)
                lossBefore = engine.lossSum(engine.tBuffer, rows: rows) * scale
                for l in 1...spec.depth {
                    layersForward.append(StepReport.LayerValues(
                        layer: l,
                        z: engine.matrix(engine.z[l - 1], rows: rows, columns: spec.sizes[l]).transposed,
                        a: engine.matrix(engine.a[l - 1], rows: rows, columns: spec.sizes[l]).transposed))
                }
                // δ per sample (scale 1), gradients summed, then averaged.
                engine.zeroGradients()
                engine.outputDelta(engine.tBuffer, rows: rows, scale: 1)
                engine.backward()
                for l in stride(from: spec.depth, through: 1, by: -1) {
                    let n = spec.sizes[l], k = spec.sizes[l - 1]
                    var gw = engine.matrix(engine.gw[l - 1], rows: n, columns: k)
                    var gb = engine.matrix(engine.gb[l - 1], rows: n, columns: 1)
                    for q in 0..<gw.count { gw.storage[q] *= scale }
                    for q in 0..<gb.count { gb.storage[q] *= scale }
                    let oldW = network.weights[l - 1], oldB = network.biases[l - 1]
                    var step = gw
                    for q in 0..<step.count { step.storage[q] += lambda * oldW.storage[q] }
                    var newW = oldW, newB = oldB
                    for q in 0..<newW.count { newW.storage[q] -= eta * step.storage[q] }
                    for q in 0..<newB.count { newB.storage[q] -= eta * gb.storage[q] }
                    updates.append(StepReport.LayerUpdate(
                        layer: l,
                        delta: engine.matrix(engine.d[l - 1], rows: rows, columns: n).transposed,
                        gradientW: gw, gradientB: gb,
                        weightsBefore: oldW, weightsAfter: newW, biasesBefore: oldB, biasesAfter: newB))
                }
            }
        }
        var after = network
        for u in updates {
            after.weights[u.layer - 1] = u.weightsAfter
            after.biases[u.layer - 1] = u.biasesAfter
        }
        engine.load(after)
        engine.forward(engine.xBuffer, rows: rows)
        lossAfter = engine.lossSum(engine.tBuffer, rows: rows) * scale
        return StepReport(samples: indices, eta: eta, lambda: lambda, lossBefore: lossBefore, lossAfter: lossAfter,
                          forward: layersForward, updates: updates, before: network, after: after)
    }

    /// One step on sample `index` (0-based).
    public static func step(_ network: Network, data: Dataset, sample index: Int, eta: Double,
                            lambda: Double = 0) throws(TrainingError) -> StepReport {
        try step(network, data: data, samples: [index], eta: eta, lambda: lambda)
    }

    /// One full-batch step (all samples).
    public static func batchStep(_ network: Network, data: Dataset, eta: Double,
                                 lambda: Double = 0) throws(TrainingError) -> StepReport {
        try step(network, data: data, samples: Array(0..<data.count), eta: eta, lambda: lambda)
    }

}

/// What one step did. Matrices over several samples have one column per sample
/// (the lectures' layout: δ_l is n_l × B).
public struct StepReport: Sendable, Equatable {
    /// 0-based sample indices used.
    public var samples: [Int]
    public var eta: Double
    public var lambda: Double
    /// Mean L over the step's samples before and after the update.
    public var lossBefore: Double
    public var lossAfter: Double
    /// z_l, a_l for l = 1…L at the old weights (a_0 is the input).
    public var forward: [LayerValues]
    /// Output layer first: L, L−1, …, 1 (lecture 001: V first, then W).
    public var updates: [LayerUpdate]
    public var before: Network
    public var after: Network

    public struct LayerValues: Sendable, Equatable {
        public var layer: Int
        public var z: Tensor
        public var a: Tensor
    }

    public struct LayerUpdate: Sendable, Equatable {
        public var layer: Int
        /// δ_l = ∂L/∂z_l per sample (not averaged).
        public var delta: Tensor
        /// (1/B) Σ δ_l a_(l−1)ᵀ and (1/B) Σ δ_l (without the decay term).
        public var gradientW: Tensor
        public var gradientB: Tensor
        public var weightsBefore: Tensor
        public var weightsAfter: Tensor
        public var biasesBefore: Tensor
        public var biasesAfter: Tensor
    }
}
