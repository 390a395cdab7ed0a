#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import BackpropCore

/// Extreme inputs: no NaN where the math has none, exact values where the math
/// rounds to them, and honest −Inf/NaN (not crashes) where the math has them.
@Suite struct StabilityTests {
    /// L = −Σ t log softmax(z) with one-hot t: z̄ = p − t.
    static let crossEntropyCases: [([Double], [Double])] = [
        ([1000, -1000, 0], [0, 1, 0]),
        ([1000, -1000, 0], [1, 0, 0]),
        ([1000, -1000, 0], [0, 0, 1]),
        ([0.5, -1.25, 2, 0.1], [0, 0, 1, 0]),
        ([-3, 4, 1], [1, 0, 0]),
    ]

    @Test(arguments: crossEntropyCases)
    func softmaxCrossEntropy(z0: [Double], t0: [Double]) throws {
        var b = Builder()
        let z = b.leaf("z", Tensor(column: z0))
        let t = b.leaf("t", Tensor(column: t0))
        let p = try b.define("p", ap(.softmax, n(z)))
        let L = try b.define("L", -ap(.sum, n(t) * fn(.log, n(p))))
        var g = b.graph
        try g.backward(from: L)

        let pRef = Ref.softmax(z0)
        let logp = z0.map { v in v - (z0.max()! + log(z0.map { exp($0 - z0.max()!) }.reduce(0, +))) }
        let k = t0.firstIndex(of: 1)!
        expectClose(g.value(of: p), Tensor(column: pRef), relative: 1e-14)
        expectClose(g.value(of: L).scalar, -logp[k], relative: 1e-14)
        let zbar = g.gradient(of: z)!
        #expect(zbar.storage.allSatisfy { $0.isFinite })
        expectClose(zbar, Tensor(column: zip(pRef, t0).map { $0 - $1 }), relative: 1e-12, floor: 1e-15)
        // p̄ = −t / p: −Inf where p underflowed under a target, never NaN.
        let pbar = g.gradient(of: p)!
        #expect(!pbar.storage.contains { $0.isNaN }, "p̄ = \(pbar.rowArrays)")
        for i in z0.indices where t0[i] == 0 { #expect(pbar.storage[i] == 0) }
    }

    /// At z = [1000, −1000, 0] everything is exact: p = [1, 0, 0] and with the
    /// target on the second entry L = 2000, z̄ = [1, −1, 0].
    @Test func crossEntropyAtThousandIsExact() throws {
        var b = Builder()
        let z = b.leaf("z", Tensor(column: [1000, -1000, 0]))
        let t = b.leaf("t", Tensor(column: [0, 1, 0]))
        let p = try b.define("p", ap(.softmax, n(z)))
        let L = try b.define("L", -ap(.sum, n(t) * fn(.log, n(p))))
        var g = b.graph
        try g.backward(from: L)
        #expect(g.value(of: p).storage == [1, 0, 0])
        #expect(g.value(of: L).scalar == 2000)
        #expect(g.gradient(of: z)!.storage == [1, -1, 0])
        #expect(g.gradient(of: t)!.storage == [0, 2000, 1000])   // t̄ = −log p
        // p̄ = −t/p = [−0, −1/e^(−2000) → −Inf, −0]: the overflow is honest, no NaN.
        #expect(g.gradient(of: p)!.storage == [0, -.infinity, 0])
    }

    /// Moving z to the extremes with setLeaf recomputes the fused log-softmax and
    /// its scaled error signals from scratch (nothing left over from before).
    @Test func setLeafToExtremesThroughFusedLog() throws {
        var b = Builder()
        let z = b.leaf("z", Tensor(column: [0.5, -0.25, 1]))
        let t = b.leaf("t", Tensor(column: [0, 1, 0]))
        let p = try b.define("p", ap(.softmax, n(z)))
        let L = try b.define("L", -ap(.sum, n(t) * fn(.log, n(p))))
        var g = b.graph
        try g.backward(from: L)
        g.setLeaf(z, to: Tensor(column: [1000, -1000, 0]))
        #expect(g.value(of: L).scalar == 2000)
        #expect(g.gradient(of: z)!.storage == [1, -1, 0])
        #expect(g.gradient(of: p)!.storage == [0, -.infinity, 0])
        g.setLeaf(z, to: Tensor(column: [0.5, -0.25, 1]))
        let pRef = Ref.softmax([0.5, -0.25, 1])
        expectClose(g.gradient(of: z), Tensor(column: [pRef[0], pRef[1] - 1, pRef[2]]), floor: 1e-15)
        expectClose(g.gradient(of: p), Tensor(column: [0, -1 / pRef[1], 0]))
    }

    @Test(arguments: [1000.0, -1000])
    func sigmoidSoftplusAtThousand(z0: Double) throws {
        var g = Graph()
        let z = g.addLeaf(Tensor(scalar: z0))
        let s = try g.addOp(.function(.sigmoid), [z])
        let sp = try g.addOp(.function(.softplus), [z])
        let positive = z0 > 0
        #expect(g.value(of: s).scalar == (positive ? 1 : 0))
        #expect(g.value(of: sp).scalar == (positive ? 1000 : 0))
        try g.backward(from: s)
        #expect(g.gradient(of: z)!.scalar == 0)                  // σ'(±1000) = e^−1000 → 0
        try g.backward(from: sp)
        #expect(g.gradient(of: z)!.scalar == (positive ? 1 : 0)) // softplus' = σ
    }

    /// log σ(z) = −softplus(−z): log σ(−1000) = −1000 with gradient 1 − σ(z) = 1;
    /// log σ(1000) = 0 with gradient 0.
    @Test(arguments: [(-1000.0, -1000.0, 1.0), (1000, 0, 0), (-30, -30.000000000000092, 1 - 9.357622968840175e-14)])
    func logSigmoidAtExtremes(z0: Double, value: Double, gradient: Double) throws {
        var b = Builder()
        let z = b.leaf("z", z0)
        let s = try b.define("s", fn(.sigmoid, n(z)))
        let L = try b.define("L", fn(.log, n(s)))
        var g = b.graph
        #expect(g[L].op == .logSigmoid)
        try g.backward(from: L)
        expectClose(g.value(of: L).scalar, value, relative: 1e-15)
        expectClose(g.gradient(of: z)!.scalar, gradient, relative: 1e-15)
        #expect(!g.gradient(of: s)!.scalar.isNaN)
        // Also in one statement: L = log(sigmoid(z)).
        var b2 = Builder()
        let z2 = b2.leaf("z", z0)
        let L2 = try b2.define("L", fn(.log, fn(.sigmoid, n(z2))))
        var g2 = b2.graph
        try g2.backward(from: L2)
        expectClose(g2.value(of: L2).scalar, value, relative: 1e-15)
        expectClose(g2.gradient(of: z2)!.scalar, gradient, relative: 1e-15)
    }

    /// A target of 0 under an underflowed sigmoid: t·log σ(z) has gradient 0 into s, not 0/0.
    @Test func zeroSeedIntoUnderflowedSigmoid() throws {
        var b = Builder()
        let z = b.leaf("z", -1000)
        let t = b.leaf("t", 0)
        let s = try b.define("s", fn(.sigmoid, n(z)))
        let L = try b.define("L", n(t) * fn(.log, n(s)))
        var g = b.graph
        try g.backward(from: L)
        #expect(g.value(of: L).scalar == 0)   // 0 · (−1000)
        #expect(g.gradient(of: s)!.scalar == 0)
        #expect(g.gradient(of: z)!.scalar == 0)
        #expect(g.gradient(of: t)!.scalar == -1000)
    }

    @Test func softmaxOfThousand() throws {
        var g = Graph()
        let z = g.addLeaf(Tensor(column: [1000, -1000]))
        let p = try g.addOp(.softmax, [z])
        #expect(g.value(of: p).storage == [1, 0])
        let first = try g.addOp(.index(row: 0, column: 0), [p])
        try g.backward(from: first)
        // ∂p₁/∂z = p₁(e₁ − p) = [0, 0] (to double precision: e^−2000).
        #expect(g.gradient(of: z)!.storage == [0, 0])
        let lp = try g.addOp(.function(.log), [p])
        let second = try g.addOp(.index(row: 1, column: 0), [lp])
        #expect(g.value(of: second).scalar == -2000)
        try g.backward(from: second)
        #expect(g.gradient(of: z)!.storage == [-1, 1])          // e₂ − p
    }

    /// log(0) = −Inf with gradient +Inf; 0/0 = NaN. Reported, not trapped.
    @Test func honestInfinitiesAndNaN() throws {
        var b = Builder()
        let x = b.leaf("x", 0)
        let y = b.leaf("y", 0)
        let l = try b.define("l", fn(.log, n(x)))
        let q = try b.define("q", n(x) / n(y))
        let L = try b.define("L", n(l) + n(q))
        var g = b.graph
        #expect(g.value(of: l).scalar == -.infinity)
        #expect(g.value(of: q).scalar.isNaN)
        #expect(g.value(of: L).scalar.isNaN)
        try g.backward(from: l)
        #expect(g.gradient(of: x)!.scalar == .infinity)
        try g.backward(from: q)
        #expect(g.gradient(of: x)!.scalar == .infinity)        // 1/0
        #expect(g.gradient(of: y)!.scalar.isNaN)               // −0/0
        let r = renderer(g)
        #expect(g.explainValue(of: l, renderer: r).steps == ["log(x)", "log(0)", "−Inf"])
        #expect(g.explainValue(of: q, renderer: r).steps == ["x / y", "0 / 0", "NaN"])
        #expect(try g.explainGradient(of: y, renderer: r).steps.last == "NaN")
        // A gradient check on a NaN graph reports NaN, it does not trap.
        let check = try g.gradCheck(root: q)
        #expect(check.entries.count == 2)
        #expect(check.entries.contains { $0.numeric.isNaN })
    }

    @Test func hugeExponentOverflowsToInf() throws {
        var g = Graph()
        let z = g.addLeaf(Tensor(scalar: 1000))
        let e = try g.addOp(.function(.exp), [z])
        #expect(g.value(of: e).scalar == .infinity)
        try g.backward(from: e)
        #expect(g.gradient(of: z)!.scalar == .infinity)
    }

    /// relu'(0) and abs'(0) are 0; step and sign have derivative 0 everywhere (also at 0).
    @Test func kinksAtZero() throws {
        for f in [ElementwiseFunction.relu, .abs, .step, .sign] {
            var g = Graph()
            let z = g.addLeaf(Tensor(scalar: 0))
            let y = try g.addOp(.function(f), [z])
            try g.backward(from: y)
            #expect(g.gradient(of: z)!.scalar == 0, "\(f)")
        }
        #expect(ElementwiseFunction.step.apply(0) == 1)
        #expect(ElementwiseFunction.sign.apply(0) == 1)
        #expect(ElementwiseFunction.sign.apply(-0.5) == -1)
        #expect(ElementwiseFunction.step.apply(.nan).isNaN)
        #expect(ElementwiseFunction.relu.apply(-2) == 0)
    }
}

/// Regressions for numeric edge cases found in review.
@Suite struct EdgeCaseRegressionTests {
    /// 0 · ∞ is NaN in a matrix product too (the kernel must not skip zero entries).
    @Test func matmulKeepsZeroTimesInfinityNaN() throws {
        var g = Graph()
        let a = g.addLeaf(Tensor(rowsOf: [[0, 1]]))
        let b = g.addLeaf(Tensor(column: [Double.infinity, 2]))
        let c = try g.addOp(.matmul, [a, b])
        #expect(g.value(of: c).scalar.isNaN)
    }

    /// d/dx x^0 = 0 and d/dw x^w at x = 0 (w > 0) is 0: no 0 · ∞ NaN.
    @Test func powerDerivativesAtZero() throws {
        var g = Graph()
        let x = g.addLeaf(Tensor(scalar: 0))
        let zero = g.addLeaf(Tensor(scalar: 0))
        let w = g.addLeaf(Tensor(scalar: 2))
        let p0 = try g.addOp(.power, [x, zero])      // x^0 = 1
        let p2 = try g.addOp(.power, [x, w])         // x^2 = 0
        let L = try g.addOp(.add, [p0, p2])
        try g.backward(from: L)
        #expect(g.value(of: L).scalar == 1)
        #expect(g.gradient(of: x)!.scalar == 0)      // 0·x^(−1) + 2x = 0
        #expect(g.gradient(of: w)!.scalar == 0)      // x^w log x → 0
    }

    /// A gradient that is exactly 0 (sum of a softmax is 1 for every z) agrees with
    /// finite-difference noise: judged absolutely, not relatively.
    @Test func gradCheckAcceptsZeroGradient() throws {
        var g = Graph()
        let z = g.addLeaf(Tensor(column: [1, 2, 3]))
        let s = try g.addOp(.sum, [try g.addOp(.softmax, [z])])
        let check = try g.gradCheck(root: s)
        #expect(check.passed)
        #expect(check.entries.allSatisfy { $0.absoluteError < 1e-10 })
    }
}

/// Explanations never show numbers that contradict the engine's value.
@Suite struct ExplanationConsistencyTests {
    /// log σ(z) at z = −1000: the rule's numbers are ∞ · 0, the engine's value is 1.
    @Test func fusedLogAtExtremesSaysSoInsteadOfShowingInfinityTimesZero() throws {
        var g = Graph()
        let z = g.addLeaf(Tensor(scalar: -1000))
        let s = try g.addOp(.function(.sigmoid), [z])
        g.bind("z", to: z, definition: nil)
        g.bind("s", to: s, definition: .apply(.function(.sigmoid), [.node(z)]))
        let L = try g.addOp(.function(.log), [s])
        g.bind("L", to: L, definition: .apply(.function(.log), [.node(s)]))
        try g.backward(from: L)
        let e = try g.explainGradient(of: z, renderer: FormulaRenderer(graph: g))
        #expect(e.value.scalar == 1)
        #expect(e.steps.last == "1")
        #expect(!e.steps.contains { $0.contains("Inf") }, "\(e.steps)")
        #expect(e.note?.contains("∞ · 0") == true)
    }

    /// A chain that simplifies to 0 ends with one "0", not two.
    @Test func zeroChainIsNotRepeated() throws {
        var g = Graph()
        let u = g.addLeaf(Tensor(scalar: 0))
        g.bind("u", to: u, definition: nil)
        let v = try g.addOp(.function(.step), [u])
        g.bind("v", to: v, definition: .apply(.function(.step), [.node(u)]))
        try g.backward(from: v)
        let e = try g.explainGradient(of: u, renderer: FormulaRenderer(graph: g))
        #expect(e.steps.filter { $0 == "0" }.count == 1, "\(e.steps)")
    }
}
