import Testing
import BackpropCore
#if canImport(Glibc)
import Glibc
#endif

@Suite("step, predict, accuracy, grid, lecture networks")
struct StepAndEvaluationTests {
    @Test("lecture 001's SGD step: output layer (V) first, then W, with the lecture's δ formulas")
    func lectureOneStep() throws {
        // x (M=2) → h = σ(W x + b1) (P=3) → d̂ = σ(V h + b2) (Q=2), squared loss.
        let spec = try NetworkSpec(sizes: [2, 3, 2], hidden: .sigmoid, output: .sigmoid, loss: .squared)
        let net = Network(spec: spec, seed: 17)
        let data = Dataset(name: "one", inputs: [[0.5, -1], [1, 2]], targets: [[1, 0], [0, 1]])
        let alpha = 0.7
        let report = try SingleStep.step(net, data: data, sample: 1, eta: alpha)
        #expect(report.updates.map(\.layer) == [2, 1])
        #expect(report.samples == [1])

        let x = [1.0, 2.0], d = [0.0, 1.0]
        let W = net.weights[0].rowArrays, V = net.weights[1].rowArrays
        let sig = { (z: Double) in 1 / (1 + exp(-z)) }
        let h = (0..<3).map { m in sig(W[m][0] * x[0] + W[m][1] * x[1] + net.biases[0].storage[m]) }
        var dhat: [Double] = []
        for k in 0..<2 {
            var z = net.biases[1].storage[k]
            for l in 0..<3 { z += V[k][l] * h[l] }
            dhat.append(sig(z))
        }
        // δ_k = (d̂ − d) d̂ (1 − d̂);  V_kl ← V_kl − α δ_k h_l
        let deltaK = (0..<2).map { k in (dhat[k] - d[k]) * dhat[k] * (1 - dhat[k]) }
        // δ_m = Σ_g δ_g V_gm h_m (1 − h_m);  W_mj ← W_mj − α δ_m x_j   (old V)
        var deltaM: [Double] = []
        for m in 0..<3 {
            var back = 0.0
            for g in 0..<2 { back += deltaK[g] * V[g][m] }
            deltaM.append(back * h[m] * (1 - h[m]))
        }
        let out = report.updates[0], hidden = report.updates[1]
        for k in 0..<2 {
            #expect(abs(out.delta[k, 0] - deltaK[k]) < 1e-15)
            for l in 0..<3 {
                #expect(abs(out.weightsAfter[k, l] - (V[k][l] - alpha * deltaK[k] * h[l])) < 1e-15)
            }
        }
        for m in 0..<3 {
            #expect(abs(hidden.delta[m, 0] - deltaM[m]) < 1e-15)
            for j in 0..<2 {
                #expect(abs(hidden.weightsAfter[m, j] - (W[m][j] - alpha * deltaM[m] * x[j])) < 1e-15)
            }
        }
        #expect(report.forward[0].a.storage.enumerated().allSatisfy { abs($0.element - h[$0.offset]) < 1e-15 })
        #expect(report.after.weights[1] == out.weightsAfter && report.after.weights[0] == hidden.weightsAfter)
        #expect(report.lossAfter < report.lossBefore)
    }

    @Test("a full-batch step equals one epoch of batch training")
    func batchStepIsOneEpoch() throws {
        let spec = try NetworkSpec(sizes: [2, 3, 1], hidden: .tanh, output: .sigmoid, loss: .squared)
        let net = Network(spec: spec, seed: 4)
        let data = BuiltinDataset.or.dataset
        let step = try SingleStep.batchStep(net, data: data, eta: 0.3, lambda: 0.01)
        var trainer = try BatchTrainer(network: net, data: data)
        let epoch = try trainer.train(TrainingOptions(epochs: 1, eta: 0.3, lambda: 0.01))
        for l in 0..<2 {
            #expect(Reference.maxRelativeDifference(step.after.weights[l].storage, epoch.network.weights[l].storage) < 1e-13)
            #expect(Reference.maxRelativeDifference(step.after.biases[l].storage, epoch.network.biases[l].storage) < 1e-13)
        }
        #expect(step.updates[0].delta.columns == 4)   // δ for each sample
        #expect(throws: TrainingError.sampleOutOfRange(5, count: 4)) {
            _ = try SingleStep.step(net, data: data, sample: 4, eta: 0.1)
        }
    }

    @Test("the classification rule follows the targets")
    func rules() throws {
        #expect(ClassificationRule.infer(for: BuiltinDataset.xor.dataset, outputs: 1) == .threshold(0.5, low: 0, high: 1))
        let pm = Dataset(name: "pm", inputs: [[0], [1]], targets: [[-1], [1]])
        #expect(ClassificationRule.infer(for: pm, outputs: 1) == .threshold(0, low: -1, high: 1))
        let onehot = try parseCSV("1,0\n2,1\n3,2\n", targets: .classes(3))
        #expect(ClassificationRule.infer(for: onehot, outputs: 3) == .argmax)
        let regression = Dataset(name: "r", inputs: [[0], [1]], targets: [[0.3], [1]])
        #expect(ClassificationRule.infer(for: regression, outputs: 1) == nil)
        let multiLabel = Dataset(name: "m", inputs: [[0]], targets: [[1, 1]])
        #expect(ClassificationRule.infer(for: multiLabel, outputs: 2) == nil)
        #expect(ClassificationRule.argmax.predictedClass([0.1, 0.7, 0.7]) == 1)
    }

    @Test("lecture 002's threshold XOR net: h1 = OR, h2 = AND, y = XOR")
    func thresholdXOR() throws {
        let net = LectureNetworks.thresholdXOR()
        let data = BuiltinDataset.xor.dataset
        for i in 0..<4 {
            let x = Array(data.input(i))
            let f = net.forward(x)
            #expect(f.a[0] == [BuiltinDataset.or.truth(x[0] == 1, x[1] == 1) ? 1 : 0,
                               BuiltinDataset.and.truth(x[0] == 1, x[1] == 1) ? 1 : 0])
            #expect(f.a[1] == [data.targets[i]])
        }
        let acc = try #require(try Evaluation.accuracy(net, data: data))
        #expect(acc.correct == 4 && acc.accuracy == 1)
        #expect(acc.confusion == [[2, 0], [0, 2]])
        // In the graph, the same net gives zero gradients (step has derivative 0).
        var graph = Graph()
        let n = try NetworkBuilder.install(net, into: &graph, input: Tensor(column: [0, 1]), target: Tensor(column: [1]))
        #expect(graph.value(of: n.loss).scalar == 0)
    }

    @Test("scaling up w and b: sigmoid units approach the threshold net (σ(5x) in the lecture)")
    func steepSigmoid() throws {
        let data = BuiltinDataset.xor.dataset
        var previous = Double.infinity
        for k in [1.0, 5, 20, 50] {
            let net = LectureNetworks.thresholdXOR(activation: .sigmoid, scale: k)
            var worst = 0.0
            for i in 0..<4 { worst = max(worst, abs(net.output(Array(data.input(i)))[0] - data.targets[i])) }
            #expect(worst < previous, "scale \(k)")
            previous = worst
        }
        #expect(previous < 1e-5)
        #expect(LectureNetworks.steepSigmoid(1, k: 5) == 1 / (1 + exp(-5)))
        #expect(LectureNetworks.stepGap(k: 5, gap: 1) < LectureNetworks.stepGap(k: 1, gap: 1))
    }

    @Test("predict matches the plain forward pass; the decision grid runs top-down")
    func predictAndGrid() throws {
        let spec = try NetworkSpec(sizes: [2, 5, 3], hidden: .relu, output: .softmax, loss: .xent)
        let net = Network(spec: spec, seed: 8)
        let data = randomData(spec, count: 300, seed: 8)
        let out = try Evaluation.predict(net, data: data)
        #expect(out.rows == 300 && out.columns == 3)
        for i in [0, 1, 150, 299] {
            let ref = Reference.pass(net, x: Array(data.input(i)), t: Array(data.target(i))).a[2]
            #expect(Reference.maxRelativeDifference((0..<3).map { out[i, $0] }, ref) < 1e-14)
        }
        let xorNet = LectureNetworks.thresholdXOR()
        let grid = try DecisionGrid.compute(xorNet, x1: 0...1, x2: 0...1, columns: 3, rows: 3,
                                            rule: .threshold(0.5, low: 0, high: 1))
        // top row is x2 = 1: (0,1) → 1, (0.5,1) → 0 (x1 + x2 = 1.5 turns h2 on), (1,1) → 0
        #expect(grid.x2(row: 0) == 1 && grid.x1(column: 0) == 0 && grid.x2(row: 2) == 0)
        #expect(grid.classes == [1, 0, 0,
                                 1, 1, 0,
                                 0, 1, 1])
        #expect(grid.value(row: 2, column: 0) == 0)
        let box = try #require(DecisionGrid.box(for: BuiltinDataset.xor.dataset))
        #expect(box.x1 == -0.25...1.25 && box.x2 == -0.25...1.25)
        #expect(throws: GridError.notTwoDimensional(3)) {
            _ = try DecisionGrid.compute(LectureNetworks.thresholdXOR().withInputs(3), x1: 0...1, x2: 0...1,
                                         columns: 3, rows: 3)
        }
    }
}

extension Network {
    /// A copy with `d` inputs (weights zero), for shape tests.
    func withInputs(_ d: Int) -> Network {
        let spec = try! NetworkSpec(sizes: [d] + self.spec.sizes.dropFirst(), activations: self.spec.activations,
                                    loss: self.spec.loss)
        return Network(spec: spec)
    }
}
