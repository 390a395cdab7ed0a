import Testing
@testable import BackpropCore

/// Lecture 000's chain-rule examples ("Univariate" and "Multivariate Chain Rule
/// for Differentiation"), with the derivatives written out by hand.
@Suite struct ChainRuleLectureTests {
    static let xs: [Double] = [-1.5, -0.3, 0, 0.7, 1, 2.25]

    /// f(g(x)) = 2g² − 3g + 1, g(x) = x³ + 2x:  df/dx = (4g − 3)(3x² + 2).
    @Test(arguments: xs)
    func univariate(x0: Double) throws {
        var b = Builder()
        let x = b.leaf("x", x0)
        let g = try b.define("g", n(x) ^^ lit(3) + lit(2) * n(x))
        let f = try b.define("f", lit(2) * n(g) ^^ lit(2) - lit(3) * n(g) + lit(1))
        var graph = b.graph
        try graph.backward(from: f)

        let g0 = x0 * x0 * x0 + 2 * x0
        expectClose(graph.value(of: g).scalar, g0)
        expectClose(graph.value(of: f).scalar, 2 * g0 * g0 - 3 * g0 + 1, floor: 1e-12)
        expectClose(graph.gradient(of: g)!.scalar, 4 * g0 - 3, "∂f/∂g")
        expectClose(graph.gradient(of: x)!.scalar, (4 * g0 - 3) * (3 * x0 * x0 + 2), "df/dx")

        let r = renderer(graph)
        #expect(try graph.explainGradient(of: g, renderer: r).steps.prefix(2) == ["f̄ · ∂f/∂g", "f̄ · 4 · g − f̄ · 3"])
        #expect(try graph.explainGradient(of: x, renderer: r).steps.prefix(2) == ["ḡ · ∂g/∂x", "ḡ · 3 · x² + ḡ · 2"])
        #expect(graph.explainValue(of: f, renderer: r).steps.first == "2 · g² − 3 · g + 1")
    }

    /// f = 2g1² − 3g1g2 + 1, g1 = 3x, g2 = x² + 2x:
    /// df/dx = ∂f/∂g1 · dg1/dx + ∂f/∂g2 · dg2/dx = (4g1 − 3g2) · 3 + (−3g1)(2x + 2).
    @Test(arguments: xs)
    func multivariate(x0: Double) throws {
        var b = Builder()
        let x = b.leaf("x", x0)
        let g1 = try b.define("g1", lit(3) * n(x))
        let g2 = try b.define("g2", n(x) ^^ lit(2) + lit(2) * n(x))
        let f = try b.define("f", lit(2) * n(g1) ^^ lit(2) - lit(3) * n(g1) * n(g2) + lit(1))
        var graph = b.graph
        try graph.backward(from: f)

        let a = 3 * x0, c = x0 * x0 + 2 * x0
        let throughG1 = (4 * a - 3 * c) * 3
        let throughG2 = (-3 * a) * (2 * x0 + 2)
        expectClose(graph.value(of: f).scalar, 2 * a * a - 3 * a * c + 1, floor: 1e-12)
        expectClose(graph.gradient(of: g1)!.scalar, 4 * a - 3 * c, floor: 1e-12)
        expectClose(graph.gradient(of: g2)!.scalar, -3 * a, floor: 1e-12)
        expectClose(graph.gradient(of: x)!.scalar, throughG1 + throughG2, floor: 1e-12)

        // Two paths, each the lecture's term.
        let e = try graph.explainGradient(of: x, renderer: renderer(graph))
        #expect(e.contributions.map(\.through) == ["g1", "g2"])
        #expect(e.contributions.map(\.formula) == ["ḡ1 · 3", "ḡ2 · 2 · x + ḡ2 · 2"])
        try #require(e.contributions.count == 2)
        expectClose(e.contributions[0].value.scalar, throughG1, floor: 1e-12)
        expectClose(e.contributions[1].value.scalar, throughG2, floor: 1e-12)
        #expect(e.steps.first == "ḡ1 · ∂g1/∂x + ḡ2 · ∂g2/∂x")
    }
}
