#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Forward and backward passes on blocks of up to `capacity` samples at once,
/// in buffers allocated once (one allocation) and reused for every block,
/// step and epoch. Samples are rows, so for a block of B samples
///
///   Z_l = A_(l−1) W_lᵀ + 1 b_lᵀ      A_l = f_l(Z_l)          (B × n_l)
///   Δ_L = s · ∂L/∂Z_L                 (s = 1/|S|, the mean over the step's samples)
///   ∂W_l += Δ_lᵀ A_(l−1)              ∂b_l += Δ_lᵀ 1
///   Δ_(l−1) = (Δ_l W_l) ⊙ f'_(l−1)(Z_(l−1))
///
/// which is lecture 003's δ recursion (δ_(l−1) = D_(l−1) W_lᵀ δ_l,
/// ∂C/∂W_l = δ_l a_(l−1)ᵀ) for every sample at once: row i of Δ_l is δ_lᵀ of
/// sample i. Output layer: squared loss Δ_L = s (A_L − T) ⊙ f'(Z_L) (through the
/// softmax Jacobian for a softmax output); softmax + xent Δ_L = s (A_L Σ_k t_k − T),
/// which is lecture 003's g − e_y for one-hot targets.
final class BatchEngine {
    let spec: NetworkSpec
    let depth: Int
    let sizes: [Int]
    let capacity: Int

    private let storage: UnsafeMutablePointer<Double>
    private let storageCount: Int
    /// Per layer l (index l − 1).
    private(set) var w: [UnsafeMutablePointer<Double>] = []     // n_l × n_(l−1)
    private(set) var wt: [UnsafeMutablePointer<Double>] = []    // n_(l−1) × n_l
    private(set) var b: [UnsafeMutablePointer<Double>] = []
    private(set) var gw: [UnsafeMutablePointer<Double>] = []
    private(set) var gb: [UnsafeMutablePointer<Double>] = []
    private(set) var z: [UnsafeMutablePointer<Double>] = []     // capacity × n_l
    private(set) var a: [UnsafeMutablePointer<Double>] = []
    private(set) var d: [UnsafeMutablePointer<Double>] = []
    /// Gather buffers for shuffled samples.
    let xBuffer: UnsafeMutablePointer<Double>
    let tBuffer: UnsafeMutablePointer<Double>
    /// log Σ e^z per row of a softmax output.
    let lse: UnsafeMutablePointer<Double>
    /// Scratch for the matrix kernels' packed panels.
    let panel: UnsafeMutablePointer<Double>

    /// The inputs of the last forward block (A_0).
    private var lastInput: UnsafePointer<Double>
    private var lastRows = 0

    init(spec: NetworkSpec, capacity: Int) {
        self.spec = spec
        self.depth = spec.depth
        self.sizes = spec.sizes
        self.capacity = max(1, capacity)
        var total = 0
        for l in 1...spec.depth {
            let params = spec.sizes[l] * spec.sizes[l - 1]
            total += 3 * params + 2 * spec.sizes[l] + 3 * self.capacity * spec.sizes[l]
        }
        total += self.capacity * (spec.inputSize + spec.outputSize + 1)
        let widest = max(self.capacity, spec.sizes.max()!)
        total += DenseKernels.panelSize(p: widest)
        storageCount = total
        storage = .allocate(capacity: total)
        storage.initialize(repeating: 0, count: total)
        var cursor = storage
        func take(_ n: Int) -> UnsafeMutablePointer<Double> {
            defer { cursor += n }
            return cursor
        }
        for l in 1...spec.depth {
            let n = spec.sizes[l], k = spec.sizes[l - 1]
            w.append(take(n * k)); wt.append(take(n * k)); gw.append(take(n * k))
            b.append(take(n)); gb.append(take(n))
            z.append(take(self.capacity * n)); a.append(take(self.capacity * n)); d.append(take(self.capacity * n))
        }
        xBuffer = take(self.capacity * spec.inputSize)
        tBuffer = take(self.capacity * spec.outputSize)
        lse = take(self.capacity)
        panel = take(DenseKernels.panelSize(p: widest))
        lastInput = UnsafePointer(xBuffer)
    }

    deinit {
        storage.deinitialize(count: storageCount)
        storage.deallocate()
    }

    // MARK: Parameters

    func load(_ network: Network) {
        for l in 0..<depth {
            network.weights[l].storage.withUnsafeBufferPointer { w[l].update(from: $0.baseAddress!, count: $0.count) }
            network.biases[l].storage.withUnsafeBufferPointer { b[l].update(from: $0.baseAddress!, count: $0.count) }
        }
        refreshTransposes()
    }

    func network() -> Network {
        var weights: [Tensor] = [], biases: [Tensor] = []
        for l in 1...depth {
            let n = sizes[l], k = sizes[l - 1]
            weights.append(Tensor(rows: n, columns: k, storage: Array(UnsafeBufferPointer(start: w[l - 1], count: n * k))))
            biases.append(Tensor(rows: n, columns: 1, storage: Array(UnsafeBufferPointer(start: b[l - 1], count: n))))
        }
        return try! Network(spec: spec, weights: weights, biases: biases)
    }

    /// Wᵀ for the forward products, after every change of W.
    func refreshTransposes() {
        for l in 1...depth {
            DenseKernels.transpose(w[l - 1], rows: sizes[l], columns: sizes[l - 1], into: wt[l - 1])
        }
    }

    func zeroGradients() {
        for l in 1...depth {
            gw[l - 1].update(repeating: 0, count: sizes[l] * sizes[l - 1])
            gb[l - 1].update(repeating: 0, count: sizes[l])
        }
    }

    /// θ ← θ − η (∂θ + Λ W) with the accumulated gradients (decay on W only).
    func update(eta: Double, lambda: Double) {
        for l in 1...depth {
            let count = sizes[l] * sizes[l - 1]
            let wl = w[l - 1], gl = gw[l - 1]
            if lambda == 0 {
                for k in 0..<count { wl[k] -= eta * gl[k] }
            } else {
                for k in 0..<count { wl[k] -= eta * (gl[k] + lambda * wl[k]) }
            }
            let bl = b[l - 1], gbl = gb[l - 1]
            for k in 0..<sizes[l] { bl[k] -= eta * gbl[k] }
        }
        refreshTransposes()
    }

    // MARK: Passes

    /// Z_l and A_l for `rows` samples whose inputs are the rows of `x`.
    func forward(_ x: UnsafePointer<Double>, rows: Int) {
        precondition(rows <= capacity)
        lastInput = x
        lastRows = rows
        var input = x
        for l in 1...depth {
            let n = sizes[l], k = sizes[l - 1]
            let zl = z[l - 1], al = a[l - 1], bl = b[l - 1]
            DenseKernels.gemm(m: rows, n: n, p: k, a: input, aRow: k, aCol: 1,
                              b: wt[l - 1], ldb: n, c: zl, ldc: n, accumulate: false, panel: panel)
            for r in 0..<rows {
                let zr = zl + r * n
                for j in 0..<n { zr[j] += bl[j] }
            }
            let f = spec.activations[l - 1]
            if f == .softmax {
                // The tape's softmax, row by row; lse kept for the cross-entropy.
                for r in 0..<rows { lse[r] = Softmax.forward(al + r * n, z: zl + r * n, n) }
            } else {
                ActivationKernels.apply(f, zl, al, rows: rows, columns: n)
            }
            input = UnsafePointer(al)
        }
    }

    /// The outputs A_L of the last forward block.
    var output: UnsafeMutablePointer<Double> { a[depth - 1] }

    /// Σ_i L_i over the last forward block, with targets the rows of `t`.
    /// The per-sample loss is computed exactly as the graph's L node does.
    func lossSum(_ t: UnsafePointer<Double>, rows: Int) -> Double {
        let n = spec.outputSize
        let out = a[depth - 1], zL = z[depth - 1]
        var total = 0.0
        switch spec.loss {
        case .squared:
            for r in 0..<rows {
                let ar = out + r * n, tr = t + r * n
                var s = 0.0
                for k in 0..<n { let e = ar[k] - tr[k]; s += e * e }
                total += 0.5 * s
            }
        case .xent:
            for r in 0..<rows {
                let zr = zL + r * n, tr = t + r * n
                let m = lse[r]
                var s = 0.0
                for k in 0..<n { s += tr[k] * (zr[k] - m) }
                total += -s
            }
        }
        return total
    }

    /// Δ_L = scale · ∂L_i/∂Z_L for every row of the last forward block.
    func outputDelta(_ t: UnsafePointer<Double>, rows: Int, scale: Double) {
        let n = spec.outputSize
        let out = a[depth - 1], zL = z[depth - 1], dL = d[depth - 1]
        let f = spec.outputActivation
        switch spec.loss {
        case .squared:
            for k in 0..<(rows * n) { dL[k] = scale * (out[k] - t[k]) }
            if f == .softmax {
                Softmax.pullbackRows(p: out, delta: dL, rows: rows, columns: n)
            } else {
                ActivationKernels.multiplyDerivative(f, z: zL, a: out, delta: dL, count: rows * n)
            }
        case .xent:
            // ∂/∂z_k (−Σ_j t_j (z_j − lse)) = a_k Σ_j t_j − t_k
            for r in 0..<rows {
                let ar = out + r * n, tr = t + r * n, dr = dL + r * n
                var tsum = 0.0
                for k in 0..<n { tsum += tr[k] }
                for k in 0..<n { dr[k] = scale * (ar[k] * tsum - tr[k]) }
            }
        }
    }

    /// Accumulates ∂W_l, ∂b_l for the last forward block from Δ_L, walking the
    /// δ recursion down to layer 1.
    func backward() {
        let rows = lastRows
        for l in stride(from: depth, through: 1, by: -1) {
            let n = sizes[l], k = sizes[l - 1]
            let dl = d[l - 1]
            let input: UnsafePointer<Double> = l == 1 ? lastInput : UnsafePointer(a[l - 2])
            // ∂W_l (n×k) += Δ_lᵀ A_(l−1)
            DenseKernels.gemm(m: n, n: k, p: rows, a: dl, aRow: 1, aCol: n,
                              b: input, ldb: k, c: gw[l - 1], ldc: k, accumulate: true, panel: panel)
            let gbl = gb[l - 1]
            for r in 0..<rows {
                let dr = dl + r * n
                for j in 0..<n { gbl[j] += dr[j] }
            }
            if l > 1 {
                // Δ_(l−1) = (Δ_l W_l) ⊙ f'(Z_(l−1))
                let below = d[l - 2]
                DenseKernels.gemm(m: rows, n: k, p: n, a: dl, aRow: n, aCol: 1,
                                  b: w[l - 1], ldb: k, c: below, ldc: k, accumulate: false, panel: panel)
                ActivationKernels.multiplyDerivative(spec.activations[l - 2], z: z[l - 2], a: a[l - 2],
                                                     delta: below, count: rows * k)
            }
        }
    }

    /// Copies sample rows `indices` of `data` into the gather buffers.
    func gather(_ data: UnsafePointer<Double>, targets: UnsafePointer<Double>, indices: ArraySlice<Int>) {
        let n0 = spec.inputSize, nL = spec.outputSize
        var r = 0
        for i in indices {
            (xBuffer + r * n0).update(from: data + i * n0, count: n0)
            (tBuffer + r * nL).update(from: targets + i * nL, count: nL)
            r += 1
        }
    }

    // MARK: Reading buffers (for single steps and tests)

    func matrix(_ p: UnsafePointer<Double>, rows: Int, columns: Int) -> Tensor {
        Tensor(rows: rows, columns: columns, storage: Array(UnsafeBufferPointer(start: p, count: rows * columns)))
    }
}
