import BackpropCore

/// A chain of `count` scalar nodes mixing the common ops, ending in a 1×1 loss.
func scalarChain(count: Int) -> (Graph, NodeID) {
    var g = Graph()
    let x = g.addLeaf(Tensor(scalar: 0.3))
    let w = g.addLeaf(Tensor(scalar: 0.7))
    var v = x
    var made = 2
    var k = 0
    while made < count {
        let next: NodeID
        switch k % 4 {
        case 0: next = try! g.addOp(.multiply, [v, w])
        case 1: next = try! g.addOp(.add, [v, x])
        case 2: next = try! g.addOp(.function(.tanh), [v])
        default: next = try! g.addOp(.function(.sigmoid), [v])
        }
        v = next
        made += 1
        k += 1
    }
    return (g, v)
}

/// L = sum(tanh(A @ B) @ C) with 64×64 matrices: three 64×64 products forward and backward.
func matrixGraph(size n: Int) -> (Graph, NodeID) {
    var rng = SplitMix64(seed: 42)
    func random() -> Tensor {
        Tensor(rows: n, columns: n, storage: (0..<(n * n)).map { _ in rng.uniform(-0.1, 0.1) })
    }
    var g = Graph()
    let a = g.addLeaf(random()), b = g.addLeaf(random()), c = g.addLeaf(random())
    let ab = try! g.addOp(.matmul, [a, b])
    let h = try! g.addOp(.function(.tanh), [ab])
    let hc = try! g.addOp(.matmul, [h, c])
    let loss = try! g.addOp(.sum, [hc])
    return (g, loss)
}

func graphBenchmarks() -> [(String, String)] {
    var results: [(String, String)] = []
    var (chain, root) = scalarChain(count: 1000)
    let scalar = measure {
        chain.forward()
        try! chain.backward(from: root)
    }
    results.append(("forward + backward, 1,000-node scalar graph", formatDuration(scalar)))

    var (matrices, loss) = matrixGraph(size: 64)
    let matrix = measure {
        matrices.forward()
        try! matrices.backward(from: loss)
    }
    results.append(("forward + backward, sum(tanh(A@B)@C), 64×64", formatDuration(matrix)))
    return results
}
