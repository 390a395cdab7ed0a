#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropCore

/// Independent computations for the tests, written from the lectures' formulas
/// with plain arrays (nothing from the library but its value types):
/// lecture 003's forward pass and δ recursion
///   δ_L = S'(z_L) ⊙ (a_L − t)        (squared, ½Σ(a − t)²)
///   δ_L = a_L Σt − t                  (softmax + cross-entropy; g − e_y for one-hot t)
///   δ_(l−1) = D_(l−1) W_lᵀ δ_l,   ∂C/∂W_l = δ_l a_(l−1)ᵀ,   ∂C/∂b_l = δ_l.
enum Reference {
    typealias Matrix = [[Double]]

    static func f(_ act: Activation, _ z: [Double]) -> [Double] {
        switch act {
        case .sigmoid: return z.map { 1 / (1 + exp(-$0)) }
        case .tanh: return z.map { tanh($0) }
        case .relu: return z.map { max($0, 0) }
        case .softplus: return z.map { log(1 + exp($0)) }
        case .identity: return z
        case .step: return z.map { $0 >= 0 ? 1 : 0 }
        case .sign: return z.map { $0 >= 0 ? 1 : -1 }
        case .softmax:
            let m = z.max()!
            let e = z.map { exp($0 - m) }
            let s = e.reduce(0, +)
            return e.map { $0 / s }
        }
    }

    /// S'(z) entry by entry (not for softmax).
    static func fprime(_ act: Activation, _ z: [Double]) -> [Double] {
        switch act {
        case .sigmoid: return z.map { let s = 1 / (1 + exp(-$0)); return s * (1 - s) }
        case .tanh: return z.map { 1 - tanh($0) * tanh($0) }
        case .relu: return z.map { $0 > 0 ? 1 : 0 }
        case .softplus: return z.map { 1 / (1 + exp(-$0)) }
        case .identity: return z.map { _ in 1 }
        case .step, .sign: return z.map { _ in 0 }
        case .softmax: fatalError("softmax has a full Jacobian")
        }
    }

    static func matrix(_ t: Tensor) -> Matrix { t.rowArrays }
    static func column(_ t: Tensor) -> [Double] { t.storage }

    static func matvec(_ w: Matrix, _ x: [Double]) -> [Double] {
        w.map { row in zip(row, x).reduce(0) { $0 + $1.0 * $1.1 } }
    }

    static func transposeTimes(_ w: Matrix, _ d: [Double]) -> [Double] {
        (0..<w[0].count).map { j in (0..<w.count).reduce(0) { $0 + w[$1][j] * d[$1] } }
    }

    struct Pass {
        var z: [[Double]]
        var a: [[Double]]        // a[0] = x
        var loss: Double
        var delta: [[Double]]    // delta[l-1] = δ_l
        var gradW: [Matrix]
        var gradB: [[Double]]
    }

    /// Forward and the δ recursion for one sample.
    static func pass(_ net: Network, x: [Double], t: [Double]) -> Pass {
        let spec = net.spec
        let L = spec.depth
        var zs: [[Double]] = []
        var acts: [[Double]] = [x]
        for l in 1...L {
            let z = zip(matvec(matrix(net.weights[l - 1]), acts[l - 1]), column(net.biases[l - 1])).map { $0 + $1 }
            zs.append(z)
            acts.append(f(spec.activations[l - 1], z))
        }
        let aL = acts[L], zL = zs[L - 1]
        var loss: Double
        var deltaL: [Double]
        switch spec.loss {
        case .squared:
            loss = 0.5 * zip(aL, t).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
            let g = zip(aL, t).map { $0 - $1 }
            if spec.outputActivation == .softmax {
                // Jacobian of softmax: J_kj = a_k (δ_kj − a_j), δz = Jᵀ g
                deltaL = []
                for k in 0..<aL.count {
                    var s = 0.0
                    for j in 0..<aL.count {
                        let kronecker: Double = k == j ? 1 : 0
                        let jacobian: Double = aL[j] * (kronecker - aL[k])   // ∂a_j/∂z_k
                        s += jacobian * g[j]
                    }
                    deltaL.append(s)
                }
            } else {
                deltaL = zip(fprime(spec.outputActivation, zL), g).map { $0 * $1 }
            }
        case .xent:
            let m = zL.max()!
            let lse = m + log(zL.reduce(0) { $0 + exp($1 - m) })
            loss = -zip(t, zL).reduce(0) { $0 + $1.0 * ($1.1 - lse) }
            let tsum = t.reduce(0, +)
            deltaL = zip(aL, t).map { $0 * tsum - $1 }
        }
        var deltas = [[Double]](repeating: [], count: L)
        deltas[L - 1] = deltaL
        if L >= 2 {
            for l in stride(from: L, through: 2, by: -1) {
                let back = transposeTimes(matrix(net.weights[l - 1]), deltas[l - 1])
                deltas[l - 2] = zip(fprime(spec.activations[l - 2], zs[l - 2]), back).map { $0 * $1 }
            }
        }
        var gradW: [Matrix] = [], gradB: [[Double]] = []
        for l in 1...L {
            gradW.append(deltas[l - 1].map { d in acts[l - 1].map { d * $0 } })
            gradB.append(deltas[l - 1])
        }
        return Pass(z: zs, a: acts, loss: loss, delta: deltas, gradW: gradW, gradB: gradB)
    }

    /// The mean gradient and mean loss over samples `indices`.
    static func meanGradient(_ net: Network, _ data: Dataset, _ indices: [Int]) -> (loss: Double, w: [Matrix], b: [[Double]]) {
        var loss = 0.0
        var gw: [Matrix] = net.weights.map { w in [[Double]](repeating: [Double](repeating: 0, count: w.columns), count: w.rows) }
        var gb: [[Double]] = net.biases.map { [Double](repeating: 0, count: $0.rows) }
        for i in indices {
            let p = pass(net, x: Array(data.input(i)), t: Array(data.target(i)))
            loss += p.loss
            for l in 0..<gw.count {
                for r in 0..<gw[l].count {
                    for c in 0..<gw[l][r].count { gw[l][r][c] += p.gradW[l][r][c] }
                    gb[l][r] += p.gradB[l][r]
                }
            }
        }
        let s = 1 / Double(indices.count)
        return (loss * s, gw.map { $0.map { $0.map { $0 * s } } }, gb.map { $0.map { $0 * s } })
    }

    /// θ ← θ − η (∇ + Λ W).
    static func update(_ net: inout Network, _ g: (loss: Double, w: [Matrix], b: [[Double]]), eta: Double, lambda: Double) {
        for l in 0..<net.weights.count {
            for k in 0..<net.weights[l].count {
                let r = k / net.weights[l].columns, c = k % net.weights[l].columns
                net.weights[l].storage[k] -= eta * (g.w[l][r][c] + lambda * net.weights[l].storage[k])
            }
            for k in 0..<net.biases[l].count { net.biases[l].storage[k] -= eta * g.b[l][k] }
        }
    }

    /// The reference training loop: the contract's modes, written out.
    static func train(_ start: Network, _ data: Dataset, epochs: Int, eta: Double, mode: TrainingMode,
                      batch: Int = 32, seed: UInt64 = 1, lambda: Double = 0) -> (net: Network, history: [Double]) {
        var net = start
        var history: [Double] = []
        let all = Array(0..<data.count)
        switch mode {
        case .batch:
            for _ in 0..<epochs {
                let g = meanGradient(net, data, all)
                history.append(g.loss)
                update(&net, g, eta: eta, lambda: lambda)
            }
        case .sgd, .minibatch:
            history.append(meanGradient(net, data, all).loss)
            var rng = SplitMix64(seed: seed)
            var order = all
            let size = mode == .sgd ? 1 : batch
            for _ in 0..<epochs {
                rng.shuffle(&order)
                var s = 0
                while s < order.count {
                    let e = min(s + size, order.count)
                    update(&net, meanGradient(net, data, Array(order[s..<e])), eta: eta, lambda: lambda)
                    s = e
                }
                history.append(meanGradient(net, data, all).loss)
            }
        }
        if mode == .batch { history.append(meanGradient(net, data, all).loss) }
        return (net, history)
    }

    static func maxRelativeDifference(_ a: [Double], _ b: [Double], floor: Double = 1e-12) -> Double {
        precondition(a.count == b.count)
        var worst = 0.0
        for (x, y) in zip(a, b) {
            if x == y { continue }
            worst = max(worst, abs(x - y) / max(abs(x), abs(y), floor))
        }
        return worst
    }

    static func flat(_ m: Matrix) -> [Double] { m.flatMap { $0 } }
}

/// A small random data set: inputs uniform in (−2, 2), targets per the loss.
func randomData(_ spec: NetworkSpec, count: Int, seed: UInt64) -> Dataset {
    var rng = SplitMix64(seed: seed)
    var inputs: [[Double]] = [], targets: [[Double]] = []
    for _ in 0..<count {
        inputs.append((0..<spec.inputSize).map { _ in rng.uniform(-2, 2) })
        if spec.outputActivation == .softmax {
            var t = [Double](repeating: 0, count: spec.outputSize)
            t[rng.below(spec.outputSize)] = 1
            targets.append(t)
        } else {
            targets.append((0..<spec.outputSize).map { _ in rng.uniform(-1, 1) })
        }
    }
    return Dataset(name: "random", inputs: inputs, targets: targets)
}

/// The data files of the lessons, found from this file's path.
func lessonDataPath(_ name: String, file: String = #filePath) -> String {
    var parts = file.split(separator: "/", omittingEmptySubsequences: false)
    while let last = parts.last, last != "Tests" { parts.removeLast() }
    parts.removeLast()
    return parts.joined(separator: "/") + "/Lessons/data/" + name
}

/// Reads a file line by line into the CSV reader (the interpreter streams files the same way).
func loadCSV(_ path: String, targets: CSVDataReader.Targets = .columns(1)) throws -> Dataset {
    guard let file = fopen(path, "r") else { throw CSVFileMissing(path: path) }
    defer { fclose(file) }
    var reader = try CSVDataReader(name: path, targets: targets)
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    defer { free(line) }
    while true {
        let n = getline(&line, &capacity, file)
        if n < 0 { break }
        var length = n
        while length > 0, line![length - 1] == 10 { length -= 1 }
        try line!.withMemoryRebound(to: UInt8.self, capacity: max(length, 1)) {
            try reader.consume(utf8: UnsafeBufferPointer(start: $0, count: length))
        }
    }
    return try reader.finish()
}

struct CSVFileMissing: Error { var path: String }

/// Feeds text (lines separated by \n) to a reader.
func parseCSV(_ text: String, targets: CSVDataReader.Targets = .columns(1)) throws(DataError) -> Dataset {
    var reader = try CSVDataReader(name: "test.csv", targets: targets)
    // Split on the byte 10 (a Swift Character "\r\n" is one grapheme, so not on Characters).
    for line in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
        try reader.consume(line: String(String.UnicodeScalarView(line)))
    }
    return try reader.finish()
}
