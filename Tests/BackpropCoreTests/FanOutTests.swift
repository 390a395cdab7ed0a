#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import BackpropCore

/// Fan-out (one node feeding several consumers), reuse, micrograd-style
/// rebinding, and changing a leaf after a backward.
@Suite struct FanOutTests {
    /// y = x · x uses x twice: ȳ x + ȳ x = 2x.
    @Test(arguments: [3.0, -1.25, 0.5, 0])
    func squareBySelfProduct(x0: Double) throws {
        var b = Builder()
        let x = b.leaf("x", x0)
        let y = try b.define("y", n(x) * n(x))
        var g = b.graph
        try g.backward(from: y)
        expectIdentical(g.value(of: y).scalar, x0 * x0)
        expectIdentical(g.gradient(of: x)!.scalar, 2 * x0)

        // The explanation lists both uses (one consumer, so no contributions list).
        let e = try g.explainGradient(of: x, renderer: renderer(g))
        #expect(e.steps.first == "ȳ · ∂y/∂x")
        #expect(e.steps.dropFirst().first == "ȳ · x + ȳ · x")
        #expect(e.contributions.isEmpty)
    }

    /// a feeds u = 2a, v = exp(a) and w = a³; L = u + v + w:
    /// ā = 2 + e^a + 3a², and each consumer's error signal is 1.
    @Test(arguments: [0.3, -0.8, 1.7])
    func nodeWithThreeConsumers(a0: Double) throws {
        var b = Builder()
        let a = b.leaf("a", a0)
        let u = try b.define("u", lit(2) * n(a))
        let v = try b.define("v", fn(.exp, n(a)))
        let w = try b.define("w", n(a) ^^ lit(3))
        let L = try b.define("L", n(u) + n(v) + n(w))
        var g = b.graph
        try g.backward(from: L)

        expectClose(g.value(of: L).scalar, 2 * a0 + exp(a0) + a0 * a0 * a0)
        for id in [u, v, w] { expectIdentical(g.gradient(of: id)!.scalar, 1) }
        let expected = 2 + exp(a0) + 3 * a0 * a0
        expectClose(g.gradient(of: a)!.scalar, expected)

        let e = try g.explainGradient(of: a, renderer: renderer(g))
        #expect(e.contributions.map(\.through) == ["u", "v", "w"])
        #expect(e.contributions.map(\.formula) == ["ū · 2", "v̄ · exp'(a)", "w̄ · 3 · a²"])
        let parts = [2, exp(a0), 3 * a0 * a0]
        for (c, p) in zip(e.contributions, parts) { expectClose(c.value.scalar, p) }
        expectClose(e.contributions.map(\.value.scalar).reduce(0, +), expected)
        #expect(e.steps.first == "ū · ∂u/∂a + v̄ · ∂v/∂a + w̄ · ∂w/∂a")
        #expect(e.steps.dropFirst().first == "ū · 2 + v̄ · exp'(a) + w̄ · 3 · a²")
        // exp'(a) = exp(a), which is v, in the closed form (as σ'(z) becomes y(1 − y)).
        #expect(e.steps.dropFirst(2).first == "ū · 2 + v̄ · v + w̄ · 3 · a²")
        #expect(e.note == "a fans out to 3 quantities: their contributions add up")
    }

    /// micrograd's `c = c + 1`: a new node computed from the old c, and the name
    /// c bound to it. The old node keeps its value and is shown as c#1.
    ///   a = 2, b = −3, c = a·b = −6, c = c + 1 = −5, d = c·c + a = 27
    ///   d̄ = 1, c̄ = 2c = −10, c̄#1 = c̄ = −10, ā = c̄#1·b + 1 = 31, b̄ = c̄#1·a = −20
    @Test func rebindingLikeMicrograd() throws {
        var b = Builder()
        let a = b.leaf("a", 2), bb = b.leaf("b", -3)
        let c1 = try b.define("c", n(a) * n(bb))
        let c2 = try b.define("c", n(c1) + lit(1))
        let d = try b.define("d", n(c2) * n(c2) + n(a))
        var g = b.graph

        #expect(c1 != c2)
        #expect(g.bindings["c"] == c2)
        #expect(g.displayName(of: c1) == "c#1")
        #expect(g.displayName(of: c2) == "c")
        #expect(g[c1].version == 1 && g[c2].version == 2)
        expectIdentical(g.value(of: c1).scalar, -6)
        expectIdentical(g.value(of: c2).scalar, -5)
        expectIdentical(g.value(of: d).scalar, 27)

        try g.backward(from: d)
        expectIdentical(g.gradient(of: d)!.scalar, 1)
        expectIdentical(g.gradient(of: c2)!.scalar, -10)
        expectIdentical(g.gradient(of: c1)!.scalar, -10)
        expectIdentical(g.gradient(of: a)!.scalar, 31)
        expectIdentical(g.gradient(of: bb)!.scalar, -20)

        let r = renderer(g)
        let ec1 = try g.explainGradient(of: c1, renderer: r)
        #expect(ec1.quantity == "c̄#1")
        #expect(ec1.steps == ["c̄ · ∂c/∂c#1", "c̄", "−10"])
        let ea = try g.explainGradient(of: a, renderer: r)
        #expect(ea.contributions.map(\.through) == ["c#1", "d"])
        #expect(ea.contributions.map(\.formula) == ["c̄#1 · b", "d̄"])
        #expect(ea.contributions.map(\.value.scalar) == [30, 1])
        #expect(ea.steps == ["c̄#1 · ∂c#1/∂a + d̄ · ∂d/∂a", "c̄#1 · b + d̄", "−10 · (−3) + 1", "31"])

        // A third rebinding makes the middle one c#2.
        var b3 = Builder(graph: g)
        let c3 = try b3.define("c", n(c2) * lit(2))
        #expect(b3.graph.displayName(of: c2) == "c#2")
        #expect(b3.graph.displayName(of: c3) == "c")
        #expect(b3.graph.displayName(of: c1) == "c#1")
    }

    /// setLeaf recomputes every dependent and re-runs the last backward.
    /// After a = 4: c#1 = −12, c = −11, d = 125; c̄ = −22, ā = 67, b̄ = −88.
    @Test func setLeafRecomputesValuesAndGradients() throws {
        var b = Builder()
        let a = b.leaf("a", 2), bb = b.leaf("b", -3)
        let unrelated = b.leaf("u", 7)
        let c1 = try b.define("c", n(a) * n(bb))
        let c2 = try b.define("c", n(c1) + lit(1))
        let d = try b.define("d", n(c2) * n(c2) + n(a))
        let e = try b.define("e", n(unrelated) * lit(3))
        var g = b.graph
        try g.backward(from: d)
        let before = g

        g.setLeaf(a, to: Tensor(scalar: 4))
        expectIdentical(g.value(of: c1).scalar, -12)
        expectIdentical(g.value(of: c2).scalar, -11)
        expectIdentical(g.value(of: d).scalar, 125)
        expectIdentical(g.value(of: e).scalar, 21)
        #expect(g.lastBackwardRoot == d)
        expectIdentical(g.gradient(of: c2)!.scalar, -22)
        expectIdentical(g.gradient(of: c1)!.scalar, -22)
        expectIdentical(g.gradient(of: a)!.scalar, 67)
        expectIdentical(g.gradient(of: bb)!.scalar, -88)
        #expect(g.gradient(of: unrelated) == nil)

        // The graph is a value: the copy taken before is untouched.
        expectIdentical(before.value(of: d).scalar, 27)
        expectIdentical(before.gradient(of: a)!.scalar, 31)

        // Changing a leaf the root does not depend on changes only its dependents.
        g.setLeaf(unrelated, to: Tensor(scalar: -1))
        expectIdentical(g.value(of: e).scalar, -3)
        expectIdentical(g.value(of: d).scalar, 125)
        expectIdentical(g.gradient(of: a)!.scalar, 67)
    }

    /// Without a backward, setLeaf only recomputes values.
    @Test func setLeafWithoutBackward() throws {
        var b = Builder()
        let x = b.leaf("x", Tensor(column: [1, 2]))
        let y = try b.define("y", ap(.sum, n(x) * n(x)))
        var g = b.graph
        g.setLeaf(x, to: Tensor(column: [3, -4]))
        expectIdentical(g.value(of: y).scalar, 25)
        #expect(g.lastBackwardRoot == nil)
        #expect(g.gradient(of: x) == nil)
        #expect(throws: ExplainError.noBackward(name: "x")) { try g.explainGradient(of: x, renderer: renderer(g)) }
    }

    /// Fan-out of a vector through matmul and an elementwise use:
    /// L = sum(W x) + sum(x ⊙ x):  x̄ = Wᵀ 1 + 2x,  W̄ = 1 xᵀ.
    @Test func vectorFanOut() throws {
        let W0 = Tensor(rowsOf: [[1, -2, 0.5], [3, 0.25, -1]])
        let x0 = [0.5, -1.5, 2]
        var b = Builder()
        let W = b.leaf("W", W0)
        let x = b.leaf("x", Tensor(column: x0))
        let h = try b.define("h", ap(.matmul, n(W), n(x)))
        let q = try b.define("q", n(x) * n(x))
        let L = try b.define("L", ap(.sum, n(h)) + ap(.sum, n(q)))
        var g = b.graph
        try g.backward(from: L)
        let xbar = (0..<3).map { j in W0[0, j] + W0[1, j] + 2 * x0[j] }
        expectClose(g.gradient(of: x), Tensor(column: xbar))
        expectClose(g.gradient(of: W), Tensor(rowsOf: [x0, x0]))
        let e = try g.explainGradient(of: x, renderer: renderer(g))
        #expect(e.contributions.map(\.through) == ["h", "q"])
        #expect(e.contributions.map(\.formula) == ["Wᵀ h̄", "q̄ ⊙ x + q̄ ⊙ x"])
        let sum = zip(e.contributions[0].value.storage, e.contributions[1].value.storage).map { $0 + $1 }
        expectClose(Tensor(column: sum), Tensor(column: xbar))
    }
}
