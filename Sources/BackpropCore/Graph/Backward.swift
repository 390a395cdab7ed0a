#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reverse mode: v̄ = Σ_{c ∈ children(v)} c̄ · ∂c/∂v, walking the tape backwards
/// from the root and *accumulating* into each input, so fan-out is summed.
extension Graph {
    /// Computes ∂root/∂v for every node v that root depends on. Root must be 1×1.
    public mutating func backward(from root: NodeID) throws(GraphError) {
        let shape = nodes[root].shape
        guard shape.isScalar else {
            throw .notScalar(name: displayName(of: root), shape)
        }
        for i in nodes.indices where nodes[i].hasGradient { nodes[i].hasGradient = false }
        var reach = ancestors(of: root)
        for i in 0...root where reach[i] {
            // Constants take no gradient; nor does anything computed only from constants.
            guard nodes[i].requiresGradient else { reach[i] = false; continue }
            nodes[i].hasGradient = true
            Self.zero(&nodes[i].gradientBuffer)
            if nodes[i].scaledGradientBuffer != nil { Self.zero(&nodes[i].scaledGradientBuffer!) }
        }
        nodes[root].gradientBuffer.storage[0] = 1
        var i = root
        while i >= 0 {
            if reach[i] { propagate(from: i, reach: reach) }
            i -= 1
        }
        lastBackwardRoot = root
    }

    /// Forgets all gradients (used when the graph is reset or rebuilt).
    public mutating func clearGradients() {
        for i in nodes.indices { nodes[i].hasGradient = false }
        lastBackwardRoot = nil
    }

    private static func zero(_ t: inout Tensor) {
        for k in 0..<t.count { t.storage[k] = 0 }
    }

    /// Adds node `id`'s local vector–Jacobian products into its inputs' gradients.
    private mutating func propagate(from id: NodeID, reach: [Bool]) {
        let node = nodes[id]
        let g = node.gradientBuffer
        let a = node.op.arity >= 1 ? nodes[node.input0].value : Tensor.placeholder
        let b = node.op.arity >= 2 ? nodes[node.input1].value : Tensor.placeholder
        let wantA = node.op.arity >= 1 && reach[node.input0]
        let wantB = node.op.arity >= 2 && reach[node.input1]

        switch node.op {
        case .leaf, .constant:
            return
        case .add, .subtract:
            let signB: Double = node.op == .add ? 1 : -1
            if wantA { accumulate(into: node.input0) { Self.addReduced(&$0, g, scale: 1) } }
            if wantB { accumulate(into: node.input1) { Self.addReduced(&$0, g, scale: signB) } }
        case .multiply, .divide, .power:
            let n = g.count
            let sa = a.count == 1 && n != 1, sb = b.count == 1 && n != 1
            let y = node.value
            if wantA {
                accumulate(into: node.input0) { ga in
                    for k in 0..<n {
                        let x = sa ? a.storage[0] : a.storage[k]
                        let w = sb ? b.storage[0] : b.storage[k]
                        let local: Double = switch node.op {
                        case .multiply: w                                   // ∂(x·w)/∂x = w
                        case .divide: 1 / w                                 // ∂(x/w)/∂x = 1/w
                        default: w * Self.power(x, w - 1)                   // ∂(x^w)/∂x = w x^(w−1)
                        }
                        ga.storage[sa ? 0 : k] += g.storage[k] * local
                    }
                }
            }
            if wantB {
                accumulate(into: node.input1) { gb in
                    for k in 0..<n {
                        let x = sa ? a.storage[0] : a.storage[k]
                        let w = sb ? b.storage[0] : b.storage[k]
                        let local: Double = switch node.op {
                        case .multiply: x                                   // ∂(x·w)/∂w = x
                        case .divide: -x / (w * w)                          // ∂(x/w)/∂w = −x/w²
                        default: y.storage[k] * log(x)                      // ∂(x^w)/∂w = x^w log x
                        }
                        gb.storage[sb ? 0 : k] += g.storage[k] * local
                    }
                }
            }
        case .matmul:
            // C = A B:  Ā += C̄ Bᵀ,  B̄ += Aᵀ C̄.
            let m = a.rows, k = a.columns, n = b.columns
            if wantA {
                accumulate(into: node.input0) { ga in
                    g.storage.withUnsafeBufferPointer { pg in
                        b.storage.withUnsafeBufferPointer { pb in
                            ga.storage.withUnsafeMutableBufferPointer { pa in
                                TensorKernels.matmulTransposedRight(pg.baseAddress!, pb.baseAddress!,
                                                                    pa.baseAddress!, m: m, k: n, n: k)
                            }
                        }
                    }
                }
            }
            if wantB {
                accumulate(into: node.input1) { gb in
                    a.storage.withUnsafeBufferPointer { pa in
                        g.storage.withUnsafeBufferPointer { pg in
                            gb.storage.withUnsafeMutableBufferPointer { pb in
                                TensorKernels.matmulTransposedLeft(pa.baseAddress!, pg.baseAddress!,
                                                                   pb.baseAddress!, m: k, k: m, n: n)
                            }
                        }
                    }
                }
            }
        case .negate:
            if wantA { accumulate(into: node.input0) { Self.addReduced(&$0, g, scale: -1) } }
        case .function(let f):
            guard wantA else { return }
            let y = node.value
            if f == .sigmoid, let scaled = node.scaledGradientBuffer {
                // z̄ = (y ⊙ ȳ_other + scaled) ⊙ (1 − y), never forming ∞ · 0.
                accumulate(into: node.input0) { ga in
                    for k in 0..<g.count {
                        let yk = y.storage[k]
                        ga.storage[k] += (yk * g.storage[k] + scaled.storage[k]) * (1 - yk)
                    }
                }
            } else {
                accumulate(into: node.input0) { ga in
                    for k in 0..<g.count {
                        ga.storage[k] += g.storage[k] * f.derivative(at: a.storage[k], output: y.storage[k])
                    }
                }
            }
        case .logSigmoid, .logSoftmax:
            // Into s (the sigmoid/softmax node) in scaled form: s ⊙ s̄ += ḡ.
            guard wantA else { return }
            nodes[node.input0].scaledGradientBuffer!.storage.withUnsafeMutableBufferPointer { sc in
                for k in 0..<g.count { sc[k] += g.storage[k] }
            }
        case .softmax:
            // p = softmax(z): z̄ = u − p Σu, where u = p ⊙ p̄ (+ scaled log contributions).
            guard wantA else { return }
            let p = node.value
            var u = [Double](repeating: 0, count: g.count)
            var total = 0.0
            for k in 0..<g.count {
                u[k] = p.storage[k] * g.storage[k] + (node.scaledGradientBuffer?.storage[k] ?? 0)
                total += u[k]
            }
            accumulate(into: node.input0) { ga in
                for k in 0..<g.count { ga.storage[k] += u[k] - p.storage[k] * total }
            }
        case .sum, .mean:
            guard wantA else { return }
            let each = node.op == .sum ? g.storage[0] : g.storage[0] / Double(a.count)
            accumulate(into: node.input0) { ga in
                for k in 0..<ga.count { ga.storage[k] += each }
            }
        case .transpose:
            guard wantA else { return }
            accumulate(into: node.input0) { ga in
                for i in 0..<g.rows {
                    for j in 0..<g.columns { ga.storage[j * g.rows + i] += g.storage[i * g.columns + j] }
                }
            }
        case let .index(row, column):
            guard wantA else { return }
            accumulate(into: node.input0) { ga in ga[row, column] += g.storage[0] }
        }
    }

    /// Runs `body` on node `id`'s gradient buffer, in place (no copy-on-write).
    @inline(__always)
    private mutating func accumulate(into id: NodeID, _ body: (inout Tensor) -> Void) {
        var buffer = nodes[id].gradientBuffer
        nodes[id].gradientBuffer = .placeholder
        body(&buffer)
        nodes[id].gradientBuffer = buffer
    }

    /// target += scale · g, summing g to one entry when target is a broadcast 1×1.
    @inline(__always)
    private static func addReduced(_ target: inout Tensor, _ g: Tensor, scale: Double) {
        if target.count == g.count {
            for k in 0..<g.count { target.storage[k] += scale * g.storage[k] }
        } else {
            var s = 0.0
            for v in g.storage { s += v }
            target.storage[0] += scale * s
        }
    }
}
