import Foundation
import Testing
import BackpropCore
import ScriptSyntax
@testable import TutorScript

// Independent reference math for the network tests: plain Double loops over
// [[Double]] matrices, written from the lectures' formulas, sharing no code
// with the engine (except SplitMix64, whose shuffle the engine documents).

/// A layered network in plain arrays: W[l][i][j] is the weight from unit j of
/// layer l to unit i of layer l + 1 (0-based l), b[l][i] its bias.
struct ReferenceNet {
    var W: [[[Double]]]
    var b: [[Double]]
    /// One per layer: sigmoid, tanh, relu, identity, step, softmax.
    var activations: [String]
    /// squared or xent.
    var loss: String

    var depth: Int { W.count }

    static func apply(_ f: String, _ z: [Double]) -> [Double] {
        switch f {
        case "sigmoid": return z.map { 1 / (1 + exp(-$0)) }
        case "tanh": return z.map { tanh($0) }
        case "relu": return z.map { max(0, $0) }
        case "identity": return z
        case "step": return z.map { $0 >= 0 ? 1 : 0 }
        case "softmax":
            let m = z.max()!
            let e = z.map { exp($0 - m) }
            let s = e.reduce(0, +)
            return e.map { $0 / s }
        default: fatalError("no reference for \(f)")
        }
    }

    /// f'(z) elementwise (not for softmax).
    static func derivative(_ f: String, _ z: [Double]) -> [Double] {
        switch f {
        case "sigmoid": return z.map { let s = 1 / (1 + exp(-$0)); return s * (1 - s) }
        case "tanh": return z.map { 1 - tanh($0) * tanh($0) }
        case "relu": return z.map { $0 > 0 ? 1 : 0 }
        case "identity": return z.map { _ in 1 }
        case "step": return z.map { _ in 0 }
        default: fatalError("no reference derivative for \(f)")
        }
    }

    /// z_l and a_l for l = 1…L (index l − 1), a_0 = x not included.
    func forward(_ x: [Double]) -> (z: [[Double]], a: [[Double]]) {
        var zs: [[Double]] = [], as_: [[Double]] = []
        var previous = x
        for l in 0..<depth {
            var z = [Double](repeating: 0, count: W[l].count)
            for i in 0..<W[l].count {
                var s = 0.0
                for j in 0..<previous.count { s += W[l][i][j] * previous[j] }
                z[i] = s + b[l][i]
            }
            let a = Self.apply(activations[l], z)
            zs.append(z)
            as_.append(a)
            previous = a
        }
        return (zs, as_)
    }

    func output(_ x: [Double]) -> [Double] { forward(x).a.last! }

    func lossValue(_ x: [Double], _ t: [Double]) -> Double {
        let (z, a) = forward(x)
        let y = a.last!
        if loss == "squared" {
            var s = 0.0
            for k in 0..<y.count { s += (y[k] - t[k]) * (y[k] - t[k]) }
            return 0.5 * s
        }
        // −Σ t_k log softmax(z)_k with log softmax = z − log Σ e^z.
        let zL = z.last!
        let m = zL.max()!
        let lse = m + log(zL.map { exp($0 - m) }.reduce(0, +))
        var s = 0.0
        for k in 0..<zL.count { s += t[k] * (zL[k] - lse) }
        return -s
    }

    /// Error signals of one sample: z̄_l, ā_l, W̄_l, b̄_l (index l − 1), x̄, t̄.
    struct Gradients {
        var loss: Double
        var z: [[Double]]
        var a: [[Double]]
        var zBar: [[Double]]
        var aBar: [[Double]]
        var wBar: [[[Double]]]
        var bBar: [[Double]]
        var xBar: [Double]
        var tBar: [Double]
    }

    func gradients(_ x: [Double], _ t: [Double]) -> Gradients {
        let (z, a) = forward(x)
        let L = depth
        let y = a[L - 1]
        var zBar = [[Double]](repeating: [], count: L)
        var aBar = [[Double]](repeating: [], count: L)
        var tBar: [Double]
        if loss == "squared" {
            aBar[L - 1] = (0..<y.count).map { y[$0] - t[$0] }
            tBar = aBar[L - 1].map { -$0 }
            if activations[L - 1] == "softmax" {
                // Softmax Jacobian: z̄_k = a_k (ā_k − Σ_j a_j ā_j).
                var dot = 0.0
                for j in 0..<y.count { dot += y[j] * aBar[L - 1][j] }
                zBar[L - 1] = (0..<y.count).map { y[$0] * (aBar[L - 1][$0] - dot) }
            } else {
                let d = Self.derivative(activations[L - 1], z[L - 1])
                zBar[L - 1] = (0..<y.count).map { aBar[L - 1][$0] * d[$0] }
            }
        } else {
            // softmax + cross-entropy: z̄ = a Σ t − t (a − t for one-hot t).
            let tsum = t.reduce(0, +)
            aBar[L - 1] = (0..<y.count).map { -t[$0] / y[$0] }
            zBar[L - 1] = (0..<y.count).map { y[$0] * tsum - t[$0] }
            tBar = y.map { -log($0) }
        }
        var wBar = [[[Double]]](repeating: [], count: L)
        var bBar = [[Double]](repeating: [], count: L)
        var xBar: [Double] = []
        for l in stride(from: L - 1, through: 0, by: -1) {
            let below = l == 0 ? x : a[l - 1]
            wBar[l] = zBar[l].map { d in below.map { d * $0 } }
            bBar[l] = zBar[l]
            // ā_(l−1) = W_lᵀ z̄_l
            var back = [Double](repeating: 0, count: below.count)
            for j in 0..<below.count {
                for i in 0..<zBar[l].count { back[j] += W[l][i][j] * zBar[l][i] }
            }
            if l == 0 {
                xBar = back
            } else {
                aBar[l - 1] = back
                let d = Self.derivative(activations[l - 1], z[l - 1])
                zBar[l - 1] = (0..<back.count).map { back[$0] * d[$0] }
            }
        }
        return Gradients(loss: lossValue(x, t), z: z, a: a, zBar: zBar, aBar: aBar, wBar: wBar, bBar: bBar,
                         xBar: xBar, tBar: tBar)
    }

    /// One gradient step on the mean over `samples` (+ λ W on the weights).
    mutating func step(_ samples: [([Double], [Double])], eta: Double, lambda: Double = 0) {
        var gW = W.map { $0.map { $0.map { _ in 0.0 } } }
        var gB = b.map { $0.map { _ in 0.0 } }
        let scale = 1 / Double(samples.count)
        for (x, t) in samples {
            let g = gradients(x, t)
            for l in 0..<depth {
                for i in 0..<W[l].count {
                    for j in 0..<W[l][i].count { gW[l][i][j] += scale * g.wBar[l][i][j] }
                    gB[l][i] += scale * g.bBar[l][i]
                }
            }
        }
        for l in 0..<depth {
            for i in 0..<W[l].count {
                for j in 0..<W[l][i].count { W[l][i][j] -= eta * (gW[l][i][j] + lambda * W[l][i][j]) }
                b[l][i] -= eta * gB[l][i]
            }
        }
    }

    func meanLoss(_ samples: [([Double], [Double])]) -> Double {
        samples.map { lossValue($0.0, $0.1) }.reduce(0, +) / Double(samples.count)
    }

    /// The contract's training loop: batch (one step per epoch), sgd (one step per
    /// sample) or minibatch (steps on `batch` consecutive samples), the order
    /// shuffled anew each epoch by one SplitMix64(seed) Fisher–Yates stream.
    mutating func train(_ samples: [([Double], [Double])], epochs: Int, eta: Double, mode: String = "batch",
                        batch: Int = 32, seed: UInt64 = 1, lambda: Double = 0) {
        var rng = SplitMix64(seed: seed)
        var order = Array(0..<samples.count)
        for _ in 0..<epochs {
            if mode == "batch" {
                step(samples, eta: eta, lambda: lambda)
                continue
            }
            rng.shuffle(&order)
            let size = mode == "sgd" ? 1 : batch
            var start = 0
            while start < order.count {
                let end = min(start + size, order.count)
                step(order[start..<end].map { samples[$0] }, eta: eta, lambda: lambda)
                start = end
            }
        }
    }

    var weightNormSquared: Double {
        W.flatMap { $0.flatMap { $0 } }.reduce(0) { $0 + $1 * $1 }
    }
}

/// A matrix as a literal of the language: [[1, 2], [3, 4]].
func literal(_ m: [[Double]]) -> String {
    "[" + m.map { "[" + $0.map { "\($0)" }.joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
}

/// A column vector as a literal: [1, 2].
func literal(_ v: [Double]) -> String {
    "[" + v.map { "\($0)" }.joined(separator: ", ") + "]"
}

/// The statements that give a net the reference's weights: W1 = …, b1 = …, ….
func assignments(_ net: ReferenceNet) -> String {
    (0..<net.depth).map { l in
        "W\(l + 1) = \(literal(net.W[l]))\nb\(l + 1) = \(literal(net.b[l]))"
    }.joined(separator: "\n")
}

/// The built-in truth tables, written out: (x1, x2) → t in the order 00, 01, 10, 11.
func truthTable(_ f: (Bool, Bool) -> Bool) -> [([Double], [Double])] {
    [(false, false), (false, true), (true, false), (true, true)].map { p, q in
        ([p ? 1 : 0, q ? 1 : 0], [f(p, q) ? 1 : 0])
    }
}

/// Flattened row-major, as Tensor.storage.
func flat(_ m: [[Double]]) -> [Double] { m.flatMap { $0 } }

extension Session {
    /// The last result (not an acknowledgement) that `text` produces, which must succeed.
    mutating func result(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Output {
        let r = run(text)
        #expect(r.errors.isEmpty, "unexpected errors: \(r.errors.map { "\($0.span.start): \($0.message)" })",
                sourceLocation: sourceLocation)
        return try #require(r.results.last, "no result from \(text)", sourceLocation: sourceLocation)
    }

    mutating func training(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> TrainingSummary {
        guard case .training(let t) = try result(text, sourceLocation: sourceLocation) else {
            Issue.record("expected a training result", sourceLocation: sourceLocation)
            throw TestFailure.unexpectedOutput
        }
        return t
    }

    mutating func stepReport(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> StepReport {
        guard case .step(let s) = try result(text, sourceLocation: sourceLocation) else {
            Issue.record("expected a step report", sourceLocation: sourceLocation)
            throw TestFailure.unexpectedOutput
        }
        return s
    }

    mutating func perceptronReport(_ text: String,
                                   sourceLocation: SourceLocation = #_sourceLocation) throws -> PerceptronReport {
        guard case .perceptron(let p) = try result(text, sourceLocation: sourceLocation) else {
            Issue.record("expected a perceptron report", sourceLocation: sourceLocation)
            throw TestFailure.unexpectedOutput
        }
        return p
    }

    mutating func predictions(_ text: String,
                              sourceLocation: SourceLocation = #_sourceLocation) throws -> PredictionTable {
        guard case .predictions(let p) = try result(text, sourceLocation: sourceLocation) else {
            Issue.record("expected predictions", sourceLocation: sourceLocation)
            throw TestFailure.unexpectedOutput
        }
        return p
    }

    /// The network's current weights and biases, read back from the graph.
    func weights(depth: Int) throws -> (W: [Tensor], b: [Tensor]) {
        (try (1...depth).map { try current("W\($0)") }, try (1...depth).map { try current("b\($0)") })
    }
}

/// Checks a tensor against a reference matrix (rows of values).
func expectMatrix(_ t: Tensor?, _ m: [[Double]], relative: Double = 1e-12, _ what: String = "",
                  sourceLocation: SourceLocation = #_sourceLocation) {
    expectClose(t, flat(m), rows: m.count, relative: relative, what, sourceLocation: sourceLocation)
    if let t, let first = m.first {
        #expect(t.columns == first.count, "\(what): \(t.shape)", sourceLocation: sourceLocation)
    }
}

/// Checks plain arrays entry by entry.
func expectClose(_ a: [Double], _ b: [Double], relative: Double = 1e-12, _ what: String = "",
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.count == b.count, "\(what): \(a.count) vs \(b.count) entries", sourceLocation: sourceLocation)
    for (x, y) in zip(a, b) { expectClose(x, y, relative: relative, what, sourceLocation: sourceLocation) }
}

/// Relative agreement with an absolute floor, for values that may be 0 in one
/// and a rounding residue in the other.
func near(_ a: Double, _ b: Double, relative: Double, absolute: Double) -> Bool {
    abs(a - b) <= max(absolute, relative * max(abs(a), abs(b)))
}

/// A fresh temporary directory for data files.
struct DataDirectory {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("bptutor-nettest-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        let file = path + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: file))
        return file
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}
