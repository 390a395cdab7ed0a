import Testing
import BackpropCore

/// The graph's gradients for `net`-built networks against lecture 003's δ
/// recursion written out in `Reference`, and against finite differences, for
/// random nets of depth 1 to 4 with every activation and both losses.
@Suite("δ recursion vs the graph")
struct DeltaRecursionTests {
    /// Every (hidden, output, loss) combination the spec allows, depths 1…4.
    static let cases: [(depth: Int, hidden: Activation, output: Activation, loss: Loss)] = {
        var out: [(Int, Activation, Activation, Loss)] = []
        let hidden: [Activation] = [.sigmoid, .tanh, .relu, .softplus, .identity, .step, .sign]
        let outputs: [Activation] = [.sigmoid, .tanh, .relu, .softplus, .identity, .softmax]
        for depth in 1...4 {
            for h in hidden {
                for o in outputs {
                    out.append((depth, h, o, .squared))
                    if o == .softmax { out.append((depth, h, o, .xent)) }
                }
            }
        }
        return out
    }()

    static func spec(_ c: (depth: Int, hidden: Activation, output: Activation, loss: Loss), seed: UInt64) -> NetworkSpec {
        var rng = SplitMix64(seed: seed)
        var sizes = [1 + rng.below(4)]
        for _ in 0..<c.depth { sizes.append(1 + rng.below(4)) }
        if c.output == .softmax { sizes[c.depth] = max(2, sizes[c.depth]) }
        return try! NetworkSpec(sizes: sizes, hidden: c.hidden, output: c.output, loss: c.loss)
    }

    @Test("graph gradients = δ recursion, every activation, both losses, depth 1–4")
    func graphMatchesRecursion() throws {
        for (k, c) in Self.cases.enumerated() {
            let seed = UInt64(1000 + k)
            let spec = Self.spec(c, seed: seed)
            let net = Network(spec: spec, seed: seed)
            let data = randomData(spec, count: 1, seed: seed)
            var graph = Graph()
            let nodes = try NetworkBuilder.install(net, into: &graph, input: data.inputTensor(0), target: data.targetTensor(0))
            try graph.backward(from: nodes.loss)
            let ref = Reference.pass(net, x: Array(data.input(0)), t: Array(data.target(0)))
            let label = "\(spec)"

            #expect(abs(graph.value(of: nodes.loss).scalar - ref.loss) <= 1e-12 * max(1, abs(ref.loss)), "\(label)")
            for l in 1...spec.depth {
                let z = graph.value(of: nodes.preActivations[l - 1]).storage
                #expect(Reference.maxRelativeDifference(z, ref.z[l - 1]) < 1e-12, "z\(l) \(label)")
                // z̄_l is δ_l
                let zbar = graph.gradient(of: nodes.preActivations[l - 1])?.storage ?? []
                #expect(zbar.count == ref.delta[l - 1].count, "δ\(l) reached \(label)")
                if zbar.count == ref.delta[l - 1].count {
                    #expect(Reference.maxRelativeDifference(zbar, ref.delta[l - 1], floor: 1e-9) < 1e-9, "δ\(l) \(label)")
                }
                let gw = graph.gradient(of: nodes.weights[l - 1])?.storage ?? []
                #expect(Reference.maxRelativeDifference(gw, Reference.flat(ref.gradW[l - 1]), floor: 1e-9) < 1e-9,
                        "∂W\(l) \(label)")
                let gb = graph.gradient(of: nodes.biases[l - 1])?.storage ?? []
                #expect(Reference.maxRelativeDifference(gb, ref.gradB[l - 1], floor: 1e-9) < 1e-9, "∂b\(l) \(label)")
            }
        }
    }

    @Test("graph gradients = finite differences (gradcheck) where the loss is smooth")
    func graphMatchesFiniteDifferences() throws {
        var checked = 0
        for (k, c) in Self.cases.enumerated() where c.hidden != .step && c.hidden != .sign {
            let seed = UInt64(5000 + k)
            let spec = Self.spec(c, seed: seed)
            let net = Network(spec: spec, seed: seed)
            let data = randomData(spec, count: 1, seed: seed)
            var graph = Graph()
            let nodes = try NetworkBuilder.install(net, into: &graph, input: data.inputTensor(0), target: data.targetTensor(0))
            // Skip draws with a relu pre-activation within reach of the kink.
            let nearKink = (1...spec.depth).contains { l in
                spec.activations[l - 1] == .relu
                    && graph.value(of: nodes.preActivations[l - 1]).storage.contains { abs($0) < 1e-2 }
            }
            if nearKink { continue }
            let check = try graph.gradCheck(root: nodes.loss)
            let worst = check.entries.filter { max(abs($0.backprop), abs($0.numeric)) > 1e-7 }
                .map(\.relativeError).max() ?? 0
            #expect(worst < 1e-6, "\(spec): worst relative error \(worst)")
            checked += 1
        }
        #expect(checked > 100)
    }

    @Test("the batch engine's mean gradient = δ recursion averaged over samples")
    func batchEngineMatchesRecursion() throws {
        for (k, c) in Self.cases.enumerated() where k % 3 == 0 {
            let seed = UInt64(9000 + k)
            let spec = Self.spec(c, seed: seed)
            let net = Network(spec: spec, seed: seed)
            let data = randomData(spec, count: 13, seed: seed)
            let indices = Array(0..<13)
            let report = try SingleStep.step(net, data: data, samples: indices, eta: 0.1)
            let ref = Reference.meanGradient(net, data, indices)
            #expect(abs(report.lossBefore - ref.loss) <= 1e-12 * max(1, ref.loss), "\(spec)")
            for u in report.updates {
                let l = u.layer
                #expect(Reference.maxRelativeDifference(u.gradientW.storage, Reference.flat(ref.w[l - 1]), floor: 1e-9) < 1e-9,
                        "∂W\(l) \(spec)")
                #expect(Reference.maxRelativeDifference(u.gradientB.storage, ref.b[l - 1], floor: 1e-9) < 1e-9,
                        "∂b\(l) \(spec)")
                // δ_l per sample, one column per sample.
                for (col, i) in indices.enumerated() {
                    let p = Reference.pass(net, x: Array(data.input(i)), t: Array(data.target(i)))
                    let column = (0..<u.delta.rows).map { u.delta[$0, col] }
                    #expect(Reference.maxRelativeDifference(column, p.delta[l - 1], floor: 1e-9) < 1e-9, "δ\(l) \(spec)")
                }
            }
        }
    }

    @Test("softmax + xent: δ_L = a − t (lecture 003's g − e_y), stable at huge logits")
    func softmaxCrossEntropyDelta() throws {
        let spec = try NetworkSpec(sizes: [2, 3], activations: [.softmax], loss: .xent)
        let net = try Network(spec: spec, weights: [Tensor(rowsOf: [[900, 0], [0, 900], [-900, -900]])],
                              biases: [Tensor(column: [0, 0, 0])])
        var graph = Graph()
        let nodes = try NetworkBuilder.install(net, into: &graph, input: Tensor(column: [1, 0]), target: Tensor(column: [0, 0, 1]))
        try graph.backward(from: nodes.loss)
        let a = graph.value(of: nodes.activations[0]).storage
        let zbar = graph.gradient(of: nodes.preActivations[0])!.storage
        #expect(graph.value(of: nodes.loss).scalar == 1800)
        #expect(zbar == [a[0] - 0, a[1] - 0, a[2] - 1])
        #expect(zbar.allSatisfy { $0.isFinite })
    }
}
