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
        guard shapes[root].isScalar else {
            throw .notScalar(name: displayName(of: root), shapes[root])
        }
        for i in 0..<count where hasGradientFlags[i] { hasGradientFlags[i] = false }
        var reach = ancestors(of: root)
        for i in 0...root where reach[i] {
            // Constants take no gradient; nor does anything computed only from constants.
            guard requiresGradientFlags[i] else { reach[i] = false; continue }
            hasGradientFlags[i] = true
            let o = offsets[i]
            for k in o..<(o + shapes[i].count) { gradients[k] = 0 }
            let so = scaledOffsets[i]
            if so >= 0 { for k in so..<(so + shapes[i].count) { scaledGradients[k] = 0 } }
        }
        gradients[offsets[root]] = 1
        let tape = layout
        let scaled = scaledOffsets
        values.withUnsafeBufferPointer { v in
            gradients.withUnsafeMutableBufferPointer { g in
                scaledGradients.withUnsafeMutableBufferPointer { s in
                    var i = root
                    while i >= 0 {
                        if reach[i] {
                            tape.propagate(from: i, values: v.baseAddress!, gradients: g.baseAddress!,
                                           scaled: s.baseAddress, scaledOffsets: scaled, reach: reach)
                        }
                        i -= 1
                    }
                }
            }
        }
        lastBackwardRoot = root
    }

    /// Forgets all gradients (used when the graph is reset or rebuilt).
    public mutating func clearGradients() {
        for i in 0..<count { hasGradientFlags[i] = false }
        lastBackwardRoot = nil
    }
}

extension TapeLayout {
    /// Adds node `id`'s local vector–Jacobian products into its inputs' gradients.
    @inline(__always)
    func propagate(from id: NodeID, values: UnsafePointer<Double>, gradients: UnsafeMutablePointer<Double>,
                   scaled: UnsafeMutablePointer<Double>?, scaledOffsets: [Int], reach: [Bool]) {
        let op = ops[id]
        let arity = op.arity
        guard arity > 0 else { return }
        let n = shapes[id].count
        let g = UnsafePointer(gradients + offsets[id])
        let ia = input0[id]
        let a = values + offsets[ia]
        let ga = gradients + offsets[ia]
        let na = shapes[ia].count
        let wantA = reach[ia]
        let ib = arity >= 2 ? input1[id] : ia
        let b = values + offsets[ib]
        let gb = gradients + offsets[ib]
        let nb = shapes[ib].count
        let wantB = arity >= 2 && reach[ib]

        switch op {
        case .leaf, .constant:
            return
        case .add, .subtract:
            let signB: Double = op == .add ? 1 : -1
            if wantA { Self.addReduced(ga, na, g, n, scale: 1) }
            if wantB { Self.addReduced(gb, nb, g, n, scale: signB) }
        case .multiply, .divide, .power:
            let sa = na == 1 && n != 1, sb = nb == 1 && n != 1
            let y = values + offsets[id]
            if wantA {
                for k in 0..<n {
                    let x = sa ? a[0] : a[k]
                    let w = sb ? b[0] : b[k]
                    let local: Double = switch op {
                    case .multiply: w                                   // ∂(x·w)/∂x = w
                    case .divide: 1 / w                                 // ∂(x/w)/∂x = 1/w
                    default: w == 0 ? 0 : w * Graph.power(x, w - 1)     // ∂(x^w)/∂x = w x^(w−1); x^0 is constant
                    }
                    ga[sa ? 0 : k] += g[k] * local
                }
            }
            if wantB {
                for k in 0..<n {
                    let x = sa ? a[0] : a[k]
                    let w = sb ? b[0] : b[k]
                    let local: Double = switch op {
                    case .multiply: x                                   // ∂(x·w)/∂w = x
                    case .divide: -x / (w * w)                          // ∂(x/w)/∂w = −x/w²
                    default: y[k] == 0 && x == 0 ? 0 : y[k] * log(x)   // ∂(x^w)/∂w = x^w log x (→ 0 as x → 0⁺)
                    }
                    gb[sb ? 0 : k] += g[k] * local
                }
            }
        case .matmul:
            // C = A B (m×k · k×n):  Ā += C̄ Bᵀ,  B̄ += Aᵀ C̄.
            let m = shapes[ia].rows, k = shapes[ia].columns, cols = shapes[ib].columns
            if wantA { TensorKernels.matmulTransposedRight(g, b, ga, m: m, k: cols, n: k) }
            if wantB { TensorKernels.matmulTransposedLeft(a, g, gb, m: k, k: m, n: cols) }
        case .negate:
            if wantA { Self.addReduced(ga, na, g, n, scale: -1) }
        case .function(let f):
            guard wantA else { return }
            let y = values + offsets[id]
            let so = scaledOffsets[id]
            if f == .sigmoid, so >= 0, let scaled {
                // z̄ = (y ⊙ ȳ_other + scaled) ⊙ (1 − y), never forming ∞ · 0.
                for k in 0..<n { ga[k] += (y[k] * g[k] + scaled[so + k]) * (1 - y[k]) }
            } else {
                for k in 0..<n { ga[k] += g[k] * f.derivative(at: a[k], output: y[k]) }
            }
        case .logSigmoid, .logSoftmax:
            // Into s (the sigmoid/softmax node) in scaled form: s ⊙ s̄ += ḡ.
            guard wantA, let scaled else { return }
            let so = scaledOffsets[ia]
            for k in 0..<n { scaled[so + k] += g[k] }
        case .softmax:
            // p = softmax(z): z̄ = u − p Σu, where u = p ⊙ p̄ (+ scaled log contributions).
            guard wantA else { return }
            let p = values + offsets[id]
            let so = scaledOffsets[id]
            func u(_ k: Int) -> Double { p[k] * g[k] + (so >= 0 ? scaled![so + k] : 0) }
            var total = 0.0
            for k in 0..<n { total += u(k) }
            for k in 0..<n { ga[k] += u(k) - p[k] * total }
        case .sum, .mean:
            guard wantA else { return }
            let each = op == .sum ? g[0] : g[0] / Double(na)
            for k in 0..<na { ga[k] += each }
        case .transpose:
            guard wantA else { return }
            let rows = shapes[id].rows, columns = shapes[id].columns
            for i in 0..<rows {
                for j in 0..<columns { ga[j * rows + i] += g[i * columns + j] }
            }
        case let .index(row, column):
            guard wantA else { return }
            ga[row * shapes[ia].columns + column] += g[0]
        }
    }

    /// target += scale · g, summing g into one entry when target is a broadcast 1×1.
    @inline(__always)
    static func addReduced(_ target: UnsafeMutablePointer<Double>, _ targetCount: Int,
                           _ g: UnsafePointer<Double>, _ n: Int, scale: Double) {
        if targetCount == n {
            for k in 0..<n { target[k] += scale * g[k] }
        } else {
            var s = 0.0
            for k in 0..<n { s += g[k] }
            target[0] += scale * s
        }
    }
}
