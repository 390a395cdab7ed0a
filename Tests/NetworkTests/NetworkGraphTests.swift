import Testing
import BackpropCore

@Suite("net: spec and graph")
struct NetworkGraphTests {
    @Test("parsing `net` options")
    func parse() throws {
        let a = try NetworkSpec.parse(sizes: "2-3-1", hidden: "sigmoid", output: "sigmoid", loss: "squared")
        #expect(a.sizes == [2, 3, 1] && a.activations == [.sigmoid, .sigmoid] && a.loss == .squared)
        let b = try NetworkSpec.parse(sizes: "64-32-16-10", hidden: "relu", output: "softmax", loss: "xent")
        #expect(b.activations == [.relu, .relu, .softmax] && b.depth == 3)
        let c = try NetworkSpec.parse(sizes: "4-8-8-3", act: "tanh,relu,softmax")
        #expect(c.activations == [.tanh, .relu, .softmax] && c.loss == .xent)
        #expect(try NetworkSpec.parse(sizes: "2-1").activations == [.sigmoid])
        #expect(try NetworkSpec.parse(sizes: [2, 3, 1], act: "relu,sigmoid").activations == [.relu, .sigmoid])
        #expect(try NetworkSpec.parse(sizes: c.description.split(separator: " ")[0].description,
                                      act: "tanh,relu,softmax", loss: "xent") == c)
        #expect(c.description == "4-8-8-3 act=tanh,relu,softmax loss=xent")
        #expect(a.parameterCount == 2 * 3 + 3 + 3 * 1 + 1)
    }

    @Test("bad `net` options name the option at fault", arguments: [
        ("2", nil, nil, nil, nil, "sizes"),
        ("2-x-1", nil, nil, nil, nil, "sizes"),
        ("2-0-1", nil, nil, nil, nil, "sizes"),
        ("2-3-1", nil, "sigmod", nil, nil, "hidden"),
        ("2-3-1", nil, nil, "softmax", nil, "act"),       // a one-unit softmax
        ("2-3-2", nil, "softmax", "softmax", nil, "act"), // hidden softmax
        ("2-3-1", nil, nil, nil, "xent", "loss"),
        ("2-3-1", nil, nil, nil, "hinge", "loss"),
        ("2-3-1", "relu", nil, nil, nil, "act"),          // one activation for two layers
        ("2-3-1", "relu,relu", "relu", nil, nil, "act"),  // both forms
    ] as [(String, String?, String?, String?, String?, String)])
    func parseErrors(sizes: String, act: String?, hidden: String?, output: String?, loss: String?, option: String) {
        do {
            _ = try NetworkSpec.parse(sizes: sizes, act: act, hidden: hidden, output: output, loss: loss)
            Issue.record("expected an error for \(sizes) \(act ?? "") \(hidden ?? "") \(output ?? "") \(loss ?? "")")
        } catch {
            #expect(error.option == option, "\(error)")
            #expect(!error.description.isEmpty)
        }
    }

    @Test("canonical names, shapes and definitions on the tape")
    func canonicalNodes() throws {
        let spec = try NetworkSpec(sizes: [2, 3, 1], hidden: .sigmoid, output: .sigmoid, loss: .squared)
        let net = Network(spec: spec, seed: 3)
        var graph = Graph()
        let n = try NetworkBuilder.install(net, into: &graph, input: Tensor(column: [1, 0]), target: Tensor(column: [1]))
        for name in NetworkNames.all(depth: 2) { #expect(graph.bindings[name] != nil, "\(name)") }
        #expect(NetworkNames.all(depth: 2) == ["x", "t", "W1", "b1", "z1", "a1", "W2", "b2", "z2", "a2", "L"])
        #expect(graph[n.weights[0]].shape == Shape(rows: 3, columns: 2))
        #expect(graph[n.weights[1]].shape == Shape(rows: 1, columns: 3))
        #expect(graph[n.biases[0]].shape == Shape(rows: 3, columns: 1))
        #expect(graph[n.input].isLeaf && graph[n.target].isLeaf && graph[n.weights[0]].isLeaf)
        #expect(graph[n.preActivations[0]].definition
                == .apply(.add, [.apply(.matmul, [.node(n.weights[0]), .node(n.input)]), .node(n.biases[0])]))
        #expect(graph[n.activations[0]].definition == .apply(.function(.sigmoid), [.node(n.preActivations[0])]))
        #expect(graph[n.preActivations[1]].definition
                == .apply(.add, [.apply(.matmul, [.node(n.weights[1]), .node(n.activations[0])]), .node(n.biases[1])]))
        #expect(graph[n.loss].definition == .apply(.multiply, [.scalar(0.5), .apply(.sum, [
            .apply(.power, [.apply(.subtract, [.node(n.activations[1]), .node(n.target)]), .scalar(2)])])]))
        #expect(n.isCurrent(in: graph))
        // explain works on them
        let renderer = FormulaRenderer(graph: graph)
        let z1 = graph.explainValue(of: n.preActivations[0], renderer: renderer)
        #expect(z1.steps.first!.contains("W1") && z1.steps.first!.contains("b1"))
        try graph.backward(from: n.loss)
        let w2bar = try graph.explainGradient(of: n.weights[1], renderer: renderer)
        #expect(w2bar.value == graph.gradient(of: n.weights[1]))
        // values agree with Network.forward
        let fwd = net.forward([1, 0])
        #expect(graph.value(of: n.activations[1]).storage == fwd.a[1])
        #expect(graph.value(of: n.preActivations[0]).storage == fwd.z[0])
    }

    @Test("xent's L = −sum(t * log(aL)) fuses into log-softmax")
    func xentFused() throws {
        let spec = try NetworkSpec(sizes: [2, 3], activations: [.softmax], loss: .xent)
        var graph = Graph()
        let n = try NetworkBuilder.install(Network(spec: spec), into: &graph)
        #expect(graph[n.loss].definition == .apply(.negate, [.apply(.sum, [
            .apply(.multiply, [.node(n.target), .apply(.function(.log), [.node(n.activations[0])])])])]))
        #expect(graph.nodes.contains { $0.op == .logSoftmax })
    }

    @Test("weights sync both ways; x and t follow a sample")
    func sync() throws {
        let spec = try NetworkSpec(sizes: [2, 2, 1])
        var graph = Graph()
        let net = Network(spec: spec, seed: 1)
        let n = try NetworkBuilder.install(net, into: &graph)
        try graph.backward(from: n.loss)
        // The student overwrites W1 in place; read picks it up.
        graph.setLeaf(n.weights[0], to: Tensor(rowsOf: [[0.1, 0.2], [0.3, 0.4]]))
        var read = n.read(from: graph)
        #expect(read.weights[0] == Tensor(rowsOf: [[0.1, 0.2], [0.3, 0.4]]))
        #expect(read.weights[1] == net.weights[1])
        // Training's result is written back; everything downstream and the gradients follow.
        var trainer = try BatchTrainer(network: read, data: BuiltinDataset.xor.dataset)
        let trained = try trainer.train(TrainingOptions(epochs: 10, eta: 1)).network
        n.setSample(3, of: BuiltinDataset.xor.dataset, in: &graph)
        n.write(trained, to: &graph)
        read = n.read(from: graph)
        #expect(read == trained)
        #expect(graph.value(of: n.input).storage == [1, 1])
        #expect(graph.value(of: n.activations[1]).storage == trained.output([1, 1]))
        var fresh = Graph()
        let m = try NetworkBuilder.install(trained, into: &fresh, input: Tensor(column: [1, 1]), target: Tensor(column: [0]))
        try fresh.backward(from: m.loss)
        #expect(graph.gradient(of: n.weights[0]) == fresh.gradient(of: m.weights[0]))
        // Rebinding W1 to another shape makes the network's nodes stale.
        let other = graph.addLeaf(Tensor(rowsOf: [[1, 2, 3]]))
        graph.bind("W1", to: other, definition: nil)
        #expect(!n.isCurrent(in: graph))
    }

    @Test("install checks the shapes of x, t and the parameters")
    func installChecks() throws {
        let spec = try NetworkSpec(sizes: [2, 1])
        var graph = Graph()
        #expect(throws: NetworkBuildError.self) {
            _ = try NetworkBuilder.install(Network(spec: spec), into: &graph, input: Tensor(column: [1, 2, 3]))
        }
        #expect(throws: NetworkShapeError.self) {
            _ = try Network(spec: spec, weights: [Tensor(rowsOf: [[1, 2, 3]])], biases: [Tensor(column: [0])])
        }
    }
}
