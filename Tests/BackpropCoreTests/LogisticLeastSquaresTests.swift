#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import BackpropCore

/// Lecture 002 ("Simplified Example: Logistic Least Squares" and "Backpropagation
/// for Regularized Logistic Least Squares"):
///   z = w x + b,  y = σ(z),  L = ½(y − t)²,  R = ½w²,  Lreg = L + λR
///   ȳ = y − t,  z̄ = ȳ σ'(z),  w̄ = z̄ x (+ R̄ w),  b̄ = z̄,  R̄ = λ,  L̄ = 1
@Suite struct LogisticLeastSquaresTests {
    struct Model {
        var graph: Graph
        var w: NodeID, x: NodeID, b: NodeID, t: NodeID, lambda: NodeID
        var z: NodeID, y: NodeID, L: NodeID, R: NodeID, Lreg: NodeID

        /// Built as the interpreter builds `z = w*x + b`, `y = sigmoid(z)`,
        /// `L = 0.5 * (y - t)^2`, `R = 0.5 * w^2`, `Lreg = L + λ * R`.
        init(w w0: Double, x x0: Double, b b0: Double, t t0: Double, lambda l0: Double) throws {
            var bld = Builder()
            w = bld.leaf("w", w0)
            x = bld.leaf("x", x0)
            b = bld.leaf("b", b0)
            t = bld.leaf("t", t0)
            lambda = bld.leaf("λ", l0)
            z = try bld.define("z", n(w) * n(x) + n(b))
            y = try bld.define("y", fn(.sigmoid, n(z)))
            L = try bld.define("L", lit(0.5) * (n(y) - n(t)) ^^ lit(2))
            R = try bld.define("R", lit(0.5) * n(w) ^^ lit(2))
            Lreg = try bld.define("Lreg", n(L) + n(lambda) * n(R))
            graph = bld.graph
        }
    }

    /// The lecture's formulas in plain Double math.
    struct Closed {
        var z, y, L, ybar, zbar, wbar, bbar, xbar, tbar: Double
        var R, Lreg, wbarReg, lambdaBar: Double

        init(w: Double, x: Double, b: Double, t: Double, lambda: Double) {
            z = w * x + b
            y = 1 / (1 + exp(-z))
            L = 0.5 * (y - t) * (y - t)
            ybar = y - t
            let sigmaPrime = exp(-z) / ((1 + exp(-z)) * (1 + exp(-z)))
            zbar = ybar * sigmaPrime
            wbar = zbar * x
            bbar = zbar
            xbar = zbar * w
            tbar = -ybar
            R = 0.5 * w * w
            Lreg = L + lambda * R
            wbarReg = zbar * x + lambda * w     // R̄ = λ, dR/dw = w
            lambdaBar = R
        }
    }

    static let parameterSets: [(w: Double, x: Double, b: Double, t: Double, lambda: Double)] = [
        (0.5, 1, 0.4, 1, 0.1),
        (-1.3, 0.7, 0.25, 0, 0.01),
        (2.0, -1.5, -0.5, 1, 0.5),
        (0.1, 3.0, 1.2, 0.3, 2),
        (-0.6, -2.2, 0.9, 0.8, 0.05),
    ]

    @Test(arguments: parameterSets)
    func unregularizedErrorSignals(p: (w: Double, x: Double, b: Double, t: Double, lambda: Double)) throws {
        var m = try Model(w: p.w, x: p.x, b: p.b, t: p.t, lambda: p.lambda)
        let c = Closed(w: p.w, x: p.x, b: p.b, t: p.t, lambda: p.lambda)
        try m.graph.backward(from: m.L)
        let g = m.graph
        expectClose(g.value(of: m.z).scalar, c.z)
        expectClose(g.value(of: m.y).scalar, c.y)
        expectClose(g.value(of: m.L).scalar, c.L)
        expectIdentical(g.gradient(of: m.L)!.scalar, 1)
        expectClose(g.gradient(of: m.y)!.scalar, c.ybar, "ȳ")
        expectClose(g.gradient(of: m.z)!.scalar, c.zbar, "z̄")
        expectClose(g.gradient(of: m.w)!.scalar, c.wbar, "w̄")
        expectClose(g.gradient(of: m.b)!.scalar, c.bbar, "b̄")
        expectClose(g.gradient(of: m.x)!.scalar, c.xbar, "x̄")
        expectClose(g.gradient(of: m.t)!.scalar, c.tbar, "t̄")
        #expect(g.gradient(of: m.R) == nil)
        #expect(g.gradient(of: m.lambda) == nil)

        // Every explanation's value is the error signal; w has one path here.
        let r = renderer(g)
        for (id, expected) in [(m.y, c.ybar), (m.z, c.zbar), (m.w, c.wbar), (m.b, c.bbar), (m.x, c.xbar), (m.t, c.tbar)] {
            let e = try g.explainGradient(of: id, renderer: r)
            expectClose(e.value.scalar, expected)
            #expect(e.contributions.isEmpty)
        }
    }

    @Test(arguments: parameterSets)
    func regularizedErrorSignalsAndFanOut(p: (w: Double, x: Double, b: Double, t: Double, lambda: Double)) throws {
        var m = try Model(w: p.w, x: p.x, b: p.b, t: p.t, lambda: p.lambda)
        let c = Closed(w: p.w, x: p.x, b: p.b, t: p.t, lambda: p.lambda)
        try m.graph.backward(from: m.Lreg)
        let g = m.graph
        expectClose(g.value(of: m.R).scalar, c.R)
        expectClose(g.value(of: m.Lreg).scalar, c.Lreg)
        expectIdentical(g.gradient(of: m.Lreg)!.scalar, 1)
        expectIdentical(g.gradient(of: m.L)!.scalar, 1, "L̄ = 1")
        expectIdentical(g.gradient(of: m.R)!.scalar, p.lambda, "R̄ = λ")
        expectClose(g.gradient(of: m.y)!.scalar, c.ybar)
        expectClose(g.gradient(of: m.z)!.scalar, c.zbar)
        expectClose(g.gradient(of: m.w)!.scalar, c.wbarReg, "w̄ = z̄ x + R̄ w")
        expectClose(g.gradient(of: m.b)!.scalar, c.bbar)
        expectClose(g.gradient(of: m.lambda)!.scalar, c.lambdaBar, "λ̄ = R")

        // w fans out to z and R: two contributions, z̄ x and R̄ w, summing to w̄.
        let e = try g.explainGradient(of: m.w, renderer: renderer(g))
        #expect(e.quantity == "w̄")
        #expect(e.contributions.map(\.through) == ["z", "R"])
        #expect(e.contributions.map(\.formula) == ["z̄ · x", "R̄ · w"])
        try #require(e.contributions.count == 2)
        expectClose(e.contributions[0].value.scalar, c.zbar * p.x, "through z")
        expectClose(e.contributions[1].value.scalar, p.lambda * p.w, "through R")
        expectClose(e.contributions[0].value.scalar + e.contributions[1].value.scalar, c.wbarReg)
        expectClose(e.value.scalar, c.wbarReg)
        #expect(e.steps.prefix(2) == ["z̄ · ∂z/∂w + R̄ · ∂R/∂w", "z̄ · x + R̄ · w"])
        #expect(e.note == "w fans out to 2 quantities: their contributions add up")
    }

    /// The lecture's numbers (w = 0.5, x = 1, b = 0.4, t = 1, so z = 0.9 and
    /// y = σ(0.9) = 0.7109495…), every step of every explanation, exactly as
    /// printed. The numbers were worked out by hand from the closed forms:
    ///   ȳ = y − t = −0.2890505,  z̄ = ȳ y(1 − y) = −0.0593999660,
    ///   w̄ = z̄ x + λ w = −0.0593999660 + 0.05 = −0.0093999660.
    @Test func lectureExplanationsWordForWord() throws {
        var m = try Model(w: 0.5, x: 1, b: 0.4, t: 1, lambda: 0.1)
        try m.graph.backward(from: m.L)
        var r = renderer(m.graph)
        func steps(_ id: NodeID) throws -> [String] { try m.graph.explainGradient(of: id, renderer: r).steps }

        #expect(try m.graph.explainGradient(of: m.L, renderer: r).steps == ["1"])
        #expect(try steps(m.y) == ["L̄ · ∂L/∂y", "L̄(y − t)", "1 · (0.71095 − 1)", "−0.28905"])
        #expect(try steps(m.z) == ["ȳ · ∂y/∂z", "ȳ · σ'(z)", "ȳ · y(1 − y)",
                                   "−0.28905 · 0.71095 · (1 − 0.71095)", "−0.059400"])
        #expect(try steps(m.w) == ["z̄ · ∂z/∂w", "z̄ · x", "−0.059400 · 1", "−0.059400"])
        #expect(try steps(m.b) == ["z̄ · ∂z/∂b", "z̄", "−0.059400"])
        #expect(try steps(m.x) == ["z̄ · ∂z/∂x", "z̄ · w", "−0.059400 · 0.50000", "−0.029700"])
        #expect(try steps(m.t) == ["L̄ · ∂L/∂t", "−(L̄(y − t))", "−(1 · (0.71095 − 1))", "0.28905"])

        let ez = m.graph.explainValue(of: m.z, renderer: r)
        #expect(ez.steps == ["w · x + b", "0.50000 · 1 + 0.40000", "0.90000"])
        let ey = m.graph.explainValue(of: m.y, renderer: r)
        #expect(ey.steps == ["σ(z)", "σ(0.90000)", "0.71095"])
        let ew = m.graph.explainValue(of: m.w, renderer: r)
        #expect(ew.steps == ["0.50000"])
        #expect(ew.note == "w is a leaf: an input or parameter, set directly")

        try m.graph.backward(from: m.Lreg)
        r = renderer(m.graph)
        #expect(try steps(m.Lreg) == ["1"])
        #expect(try steps(m.L) == ["L̄reg · ∂Lreg/∂L", "L̄reg", "1"])
        #expect(try steps(m.R) == ["L̄reg · ∂Lreg/∂R", "L̄reg · λ", "1 · 0.10000", "0.10000"])
        #expect(try steps(m.w) == ["z̄ · ∂z/∂w + R̄ · ∂R/∂w", "z̄ · x + R̄ · w",
                                   "−0.059400 · 1 + 0.10000 · 0.50000", "−0.0094000"])
        #expect(try steps(m.z) == ["ȳ · ∂y/∂z", "ȳ · σ'(z)", "ȳ · y(1 − y)",
                                   "−0.28905 · 0.71095 · (1 − 0.71095)", "−0.059400"])
        #expect(try steps(m.lambda) == ["L̄reg · ∂Lreg/∂λ", "L̄reg · R", "1 · 0.12500", "0.12500"])
    }

    /// Changing w after the backward recomputes z, y, L, R, Lreg and every error signal.
    @Test func changingWRecomputesEverything() throws {
        var m = try Model(w: 0.5, x: 1.5, b: -0.2, t: 0, lambda: 0.3)
        try m.graph.backward(from: m.Lreg)
        for w in [-0.75, 1.25, 3.0] {
            m.graph.setLeaf(m.w, to: Tensor(scalar: w))
            let c = Closed(w: w, x: 1.5, b: -0.2, t: 0, lambda: 0.3)
            expectClose(m.graph.value(of: m.z).scalar, c.z)
            expectClose(m.graph.value(of: m.y).scalar, c.y)
            expectClose(m.graph.value(of: m.Lreg).scalar, c.Lreg)
            expectClose(m.graph.gradient(of: m.z)!.scalar, c.zbar)
            expectClose(m.graph.gradient(of: m.w)!.scalar, c.wbarReg)
            expectClose(m.graph.gradient(of: m.b)!.scalar, c.bbar)
            expectClose(m.graph.gradient(of: m.lambda)!.scalar, c.lambdaBar)
            let e = try m.graph.explainGradient(of: m.w, renderer: renderer(m.graph))
            expectClose(e.contributions.map(\.value.scalar).reduce(0, +), c.wbarReg)
        }
    }

    /// λ written as a number: R̄ is that number.
    @Test func literalLambda() throws {
        var bld = Builder()
        let w = bld.leaf("w", 0.5), x = bld.leaf("x", 1.0), b = bld.leaf("b", 0.4), t = bld.leaf("t", 1.0)
        let z = try bld.define("z", n(w) * n(x) + n(b))
        let y = try bld.define("y", fn(.sigmoid, n(z)))
        let L = try bld.define("L", lit(0.5) * (n(y) - n(t)) ^^ lit(2))
        let R = try bld.define("R", lit(0.5) * n(w) ^^ lit(2))
        let Lreg = try bld.define("Lreg", n(L) + lit(0.01) * n(R))
        var g = bld.graph
        try g.backward(from: Lreg)
        let c = Closed(w: 0.5, x: 1, b: 0.4, t: 1, lambda: 0.01)
        expectIdentical(g.gradient(of: R)!.scalar, 0.01)
        expectClose(g.gradient(of: w)!.scalar, c.wbarReg)
        let e = try g.explainGradient(of: w, renderer: renderer(g))
        expectClose(e.contributions.map(\.value.scalar).reduce(0, +), c.wbarReg)
        #expect(e.steps[1] == "z̄ · x + R̄ · w")
    }

    @Test func explainErrors() throws {
        var m = try Model(w: 0.5, x: 1, b: 0.4, t: 1, lambda: 0.1)
        let r = renderer(m.graph)
        #expect(throws: ExplainError.noBackward(name: "w")) { try m.graph.explainGradient(of: m.w, renderer: r) }
        try m.graph.backward(from: m.L)
        #expect(throws: ExplainError.notReached(name: "R", root: "L")) {
            try m.graph.explainGradient(of: m.R, renderer: renderer(m.graph))
        }
    }
}
