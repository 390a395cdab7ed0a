import Testing
@testable import BackpropCore

/// How formulas are written: the lectures' notation, with numbers substituted.
@Suite struct FormulaRendererTests {
    /// ū = −v̄ with v̄ = −2: "−(−2)", never "−−2".
    @Test func negatedNegativeNumberIsParenthesized() throws {
        var b = Builder()
        let u = b.leaf("u", 0.3)
        let v = try b.define("v", -n(u))
        let L = try b.define("L", -(n(v) * lit(2)))
        var g = b.graph
        try g.backward(from: L)
        let r = renderer(g)
        #expect(try g.explainGradient(of: v, renderer: r).steps == ["L̄ · ∂L/∂v", "−(L̄ · 2)", "−(1 · 2)", "−2"])
        #expect(try g.explainGradient(of: u, renderer: r).steps == ["v̄ · ∂v/∂u", "−v̄", "−(−2)", "2"])
        #expect(r.render(-lit(-3)) == "−(−3)")
        #expect(r.render(-(-n(u))) == "−(−u)")
        #expect(r.render(-n(u), substituting: true) == "−0.30000")
        #expect(r.render(-lit(-3), substituting: false) == "−(−3)")
        #expect(FormulaRenderer(graph: g, numbers: NumberFormat()).render(-lit(-3)) == "−(-3)")
    }

    @Test func notation() throws {
        var b = Builder()
        let W = b.leaf("W2", Tensor(rowsOf: [[1, 2], [3, 4]]))
        let z = b.leaf("z2", Tensor(column: [0.5, -1]))
        let y = b.leaf("y", 0.25)
        let t = b.leaf("t", -1)
        let g = b.graph
        let r = renderer(g)
        #expect(FormulaRenderer.barred("z2") == "z̄2")
        #expect(FormulaRenderer.barred("") == "")
        #expect(r.render(.apply(.matmul, [.apply(.transpose, [n(W)]), .gradient(z)])) == "W2ᵀ z̄2")
        #expect(r.render(.gradient(y) * (n(y) * (lit(1) - n(y)))) == "ȳ(y(1 − y))")
        #expect(r.render(.gradient(y) * n(y) * (lit(1) - n(y))) == "ȳ · y(1 − y)")
        #expect(r.render((n(y) - n(t)) ^^ lit(2)) == "(y − t)²")
        #expect(r.render(n(y) ^^ lit(-1)) == "y⁻¹")
        #expect(r.render(n(y) ^^ lit(0.5)) == "y^0.5")  // a typed number reads as typed
        #expect(r.render(n(y) ^^ n(t)) == "y^t")
        #expect(r.render(n(z) * n(z)) == "z2 ⊙ z2")
        #expect(r.render(ap(.index(row: 1, column: 0), n(z))) == "z2[2]")
        #expect(r.render(ap(.index(row: 1, column: 0), n(W))) == "W2[2, 1]")
        #expect(r.render(fn(.sigmoid, n(y))) == "σ(y)")
        #expect(r.render(.derivative(.sigmoid, n(y))) == "σ'(y)")
        #expect(r.render(.derivative(.tanh, n(y))) == "tanh'(y)")
        #expect(r.render(ap(.softmax, n(z))) == "softmax(z2)")
        #expect(r.render(ap(.sum, n(z))) == "sum(z2)")
        #expect(r.render(ap(.mean, n(z))) == "mean(z2)")
        #expect(r.render(n(y) / (n(t) * n(y))) == "y / (t · y)")
        #expect(r.render(n(y) - (n(t) - n(y))) == "y − (t − y)")
        #expect(r.render(n(y) - n(t) - n(y)) == "y − t − y")
        #expect(r.render(.literal(Tensor(scalar: 3), label: "w.grad")) == "w.grad")
        #expect(r.render(.scatter(.gradient(y), row: 1, column: 0, shape: Shape(rows: 2, columns: 1))) == "ȳ at [2, 1] of 2×1")

        // Substituting: negative numbers in parentheses except leftmost, vectors inline.
        #expect(r.render(n(y) * n(t), substituting: true) == "0.25000 · (−1)")
        #expect(r.render(n(t) * n(y), substituting: true) == "−1 · 0.25000")
        #expect(r.render(n(y) + n(t), substituting: true) == "0.25000 + (−1)")
        #expect(r.render(n(z), substituting: true) == "[0.50000; −1]")
        #expect(r.render(n(W), substituting: true) == "[1, 2; 3, 4]")
        #expect(r.render(.gradient(y), substituting: true) == "0")       // not reached: 0
    }

    @Test func matrixText() {
        let f = NumberFormat()
        let t = Tensor(rowsOf: [[0.1, -0.2], [3, 0.4]])
        #expect(MatrixText.inline(t, numbers: f) == "[0.10000, -0.20000; 3, 0.40000]")
        #expect(MatrixText.block(t, numbers: f) == ["[ 0.10000  -0.20000 ]", "[       3   0.40000 ]"])
        #expect(MatrixText.inline(Tensor(scalar: -4), numbers: f) == "-4")
        #expect(MatrixText.inline(Tensor(column: [1, 2]), numbers: f) == "[1; 2]")
        #expect(MatrixText.block(Tensor(rows: 2, columns: 0), numbers: f) == ["[ ]"])
    }

    /// Large values are not written out inline.
    @Test func inlineLimit() throws {
        var b = Builder()
        let v = b.leaf("v", Tensor(column: [1, 2, 3, 4, 5]))
        let r = renderer(b.graph)
        #expect(r.render(n(v), substituting: true) == "v")
    }
}
