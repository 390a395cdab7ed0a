import Foundation
import Testing
import BackpropCore
import ScriptSyntax
@testable import TutorScript

/// `net`: every canonical quantity through expressions, show, explain,
/// backward and gradcheck, against hand-written forward and backward passes.
@Suite struct NetworkQuantityTests {
    static let names = ["x", "t", "W1", "b1", "z1", "a1", "W2", "b2", "z2", "a2", "L"]

    // Lecture 002's two-layer network with our own weights.
    static let W1 = [[0.15, -0.2], [0.25, 0.3]]
    static let b1 = [0.1, -0.35]
    static let W2 = [[0.4, -0.6]]
    static let b2 = 0.05
    static let x = [0.5, -1.2]
    static let t = 0.8

    static let setup = """
        net 2-2-1 hidden=sigmoid output=sigmoid loss=squared seed=7
        W1 = \(literal(W1))
        b1 = \(literal(b1))
        W2 = \(literal(W2))
        b2 = \(b2)
        x = \(literal(x))
        t = \(t)
        """

    @Test("net binds x t W1 b1 z1 a1 W2 b2 z2 a2 L (and a0 = x) with the contract's shapes")
    func namesAndShapes() throws {
        var s = Session()
        let out = try s.result("net 2-2-1 hidden=sigmoid output=sigmoid loss=squared seed=7")
        guard case .network(let summary) = out else { Issue.record("\(out)"); return }
        #expect(summary.names == Self.names)
        #expect(summary.sizes == [2, 2, 1])
        #expect(summary.activations == ["sigmoid", "sigmoid"])
        #expect(summary.loss == "squared")
        #expect(summary.parameters == 2 * 3 + 1 * 3)
        #expect(summary.seed == 7)
        let shapes: [String: (Int, Int)] = ["x": (2, 1), "a0": (2, 1), "t": (1, 1), "W1": (2, 2), "b1": (2, 1),
                                            "z1": (2, 1), "a1": (2, 1), "W2": (1, 2), "b2": (1, 1), "z2": (1, 1),
                                            "a2": (1, 1), "L": (1, 1)]
        for (name, shape) in shapes {
            let v = try s.current(name)
            #expect(v.rows == shape.0 && v.columns == shape.1, "\(name) is \(v.shape)")
        }
        #expect(try s.node("a0") == s.node("x"))
        // Leaves and computed nodes.
        for leaf in ["x", "t", "W1", "b1", "W2", "b2"] {
            #expect(s.interpreter.graph[try s.node(leaf)].isLeaf, "\(leaf) is a leaf")
        }
        for computed in ["z1", "a1", "z2", "a2", "L"] {
            #expect(!s.interpreter.graph[try s.node(computed)].isLeaf, "\(computed) is computed")
        }
    }

    @Test("seed=S: the same seed gives the same weights, another seed others")
    func seededInitialisation() throws {
        var a = Session(), b = Session(), c = Session()
        a.ok("net 2-3-1 seed=11")
        b.ok("net 2-3-1 seed=11")
        c.ok("net 2-3-1 seed=12")
        for name in ["W1", "b1", "W2", "b2"] {
            #expect(try a.current(name) == b.current(name), "\(name)")
        }
        #expect(try a.current("W1") != c.current("W1"))
        // Not all zero: the weights break the symmetry.
        #expect(try a.current("W1").storage.contains { $0 != 0 })
    }

    @Test("forward values after W1 = … etc. equal a hand-written forward pass")
    func forwardValues() throws {
        var s = Session()
        s.ok(Self.setup)
        // z = W1 x + b1, h = σ(z), z2 = W2 h + b2, y = σ(z2), L = ½(y − t)².
        let z = (0..<2).map { i in Self.W1[i][0] * Self.x[0] + Self.W1[i][1] * Self.x[1] + Self.b1[i] }
        let h = z.map(sigma)
        let z2 = Self.W2[0][0] * h[0] + Self.W2[0][1] * h[1] + Self.b2
        let y = sigma(z2)
        let L = 0.5 * (y - Self.t) * (y - Self.t)
        expectClose(try s.current("z1"), z, rows: 2, "z1")
        expectClose(try s.current("a1"), h, rows: 2, "a1")
        expectClose(try s.current("z2").scalar, z2, "z2")
        expectClose(try s.current("a2").scalar, y, "a2")
        expectClose(try s.current("L").scalar, L, "L")
        expectClose(try s.current("a0"), Self.x, "a0")

        // Every canonical name is an expression whose value is the quantity's.
        for name in Self.names + ["a0"] {
            #expect(try s.value(name) == s.current(name), "\(name)")
            #expect(try s.value("\(name) * 1") == s.current(name), "\(name) * 1")
        }
        // In expressions, by their canonical names.
        expectClose(try s.value("W1 @ a0 + b1"), z, "W1 @ a0 + b1")
        expectClose(try s.value("sigmoid(z1)"), h, "sigmoid(z1)")
        expectClose(try s.scalar("0.5*sum((a2 - t)^2)"), L, "L by hand")
        expectClose(try s.scalar("W2[1, 2] * a1[2]"), Self.W2[0][1] * h[1], "indexing")
        expectClose(try s.scalar("L * 2"), 2 * L, "L * 2")

        // show: every name with its value, no gradient yet.
        let shown = try s.shown(Self.names.joined(separator: " ") + " a0")
        #expect(shown.map(\.name) == Self.names + ["a0"])
        #expect(shown.allSatisfy { $0.gradient == nil })
        expectClose(shown[4].value, z, "show z1")
        expectClose(shown[10].value.scalar, L, "show L")

        // explain: the definition and the value.
        let ez1 = try s.explanation("z1")
        #expect(ez1.steps.first == "W1 x + b1")
        expectClose(ez1.value, z, "explain z1")
        let ea2 = try s.explanation("a2")
        #expect(ea2.steps.first == "σ(z2)")
        expectClose(ea2.value.scalar, y, "explain a2")
        let eL = try s.explanation("L")
        expectClose(eL.value.scalar, L, "explain L")
    }

    @Test("backward L: every error signal equals lecture 002's formulas (sigmoid output)")
    func backwardSigmoidOutput() throws {
        var s = Session()
        s.ok(Self.setup + "\nbackward L")
        let (W1, b1, W2, b2, x, t) = (Self.W1, Self.b1, Self.W2, Self.b2, Self.x, Self.t)
        let z = (0..<2).map { i in W1[i][0] * x[0] + W1[i][1] * x[1] + b1[i] }
        let h = z.map(sigma)
        let z2 = W2[0][0] * h[0] + W2[0][1] * h[1] + b2
        let y = sigma(z2)
        // ȳ = y − t; z̄2 = ȳ σ'(z2); W̄2 = z̄2 hᵀ; h̄ = W2ᵀ z̄2; z̄ = h̄ ⊙ σ'(z); W̄1 = z̄ xᵀ.
        let yBar = y - t
        let z2Bar = yBar * y * (1 - y)
        let W2Bar = [[z2Bar * h[0], z2Bar * h[1]]]
        let hBar = [W2[0][0] * z2Bar, W2[0][1] * z2Bar]
        let zBar = (0..<2).map { hBar[$0] * h[$0] * (1 - h[$0]) }
        let W1Bar = (0..<2).map { i in [zBar[i] * x[0], zBar[i] * x[1]] }
        let xBar = (0..<2).map { j in W1[0][j] * zBar[0] + W1[1][j] * zBar[1] }
        let tBar = -(y - t)

        expectClose(try s.gradient("L")?.scalar ?? .nan, 1, "L̄")
        expectClose(try s.gradient("a2")?.scalar ?? .nan, yBar, "ā2")
        expectClose(try s.gradient("z2")?.scalar ?? .nan, z2Bar, "z̄2")
        expectMatrix(try s.gradient("W2"), W2Bar, "W̄2")
        expectClose(try s.gradient("b2")?.scalar ?? .nan, z2Bar, "b̄2")
        expectClose(try s.gradient("a1"), hBar, rows: 2, "ā1")
        expectClose(try s.gradient("z1"), zBar, rows: 2, "z̄1")
        expectMatrix(try s.gradient("W1"), W1Bar, "W̄1")
        expectClose(try s.gradient("b1"), zBar, rows: 2, "b̄1")
        expectClose(try s.gradient("x"), xBar, rows: 2, "x̄")
        expectClose(try s.gradient("a0"), xBar, rows: 2, "ā0")
        expectClose(try s.gradient("t")?.scalar ?? .nan, tBar, "t̄")

        // The same through the language: NAME.grad in expressions, show, explain NAME.grad.
        expectClose(try s.value("W1.grad"), flat(W1Bar), rows: 2, "W1.grad")
        expectClose(try s.scalar("z2.grad"), z2Bar, "z2.grad")
        let residual = try s.value("z1.grad - a1.grad * a1 * (1 - a1)")
        #expect(residual.storage.allSatisfy { abs($0) < 1e-17 }, "z̄ = h̄ ⊙ σ'(z): \(residual.storage)")
        let shown = try s.shown("W1 z1 L")
        expectClose(shown[0].gradient, flat(W1Bar), rows: 2, "show W1")
        expectClose(shown[1].gradient, zBar, "show z1")
        expectClose(shown[2].gradient?.scalar ?? .nan, 1, "show L")
        for (name, expected) in [("W1", flat(W1Bar)), ("z1", zBar), ("a1", hBar), ("W2", flat(W2Bar)),
                                 ("z2", [z2Bar]), ("a2", [yBar]), ("b1", zBar), ("b2", [z2Bar]), ("x", xBar)] {
            let e = try s.explanation("\(name).grad")
            expectClose(e.value, expected, "explain \(name).grad")
        }
        #expect(try s.explanation("W1.grad").steps.first == "z̄1 xᵀ")
        #expect(try s.explanation("z1.grad").steps.first == "ā1 ⊙ σ'(z1)")
    }

    @Test("output=identity is lecture 002 exactly: ȳ = y − t, W̄2 = ȳ hᵀ, h̄ = W2ᵀ ȳ, z̄ = h̄ ⊙ σ'(z), W̄1 = z̄ xᵀ")
    func backwardLecture002() throws {
        var s = Session()
        s.ok(Self.setup.replacingOccurrences(of: "output=sigmoid", with: "output=identity") + "\nbackward L")
        let (W1, b1, W2, b2, x, t) = (Self.W1, Self.b1, Self.W2, Self.b2, Self.x, Self.t)
        let z = (0..<2).map { i in W1[i][0] * x[0] + W1[i][1] * x[1] + b1[i] }
        let h = z.map(sigma)
        let y = W2[0][0] * h[0] + W2[0][1] * h[1] + b2
        let yBar = y - t
        let W2Bar = [[yBar * h[0], yBar * h[1]]]
        let hBar = [W2[0][0] * yBar, W2[0][1] * yBar]
        let zBar = (0..<2).map { hBar[$0] * h[$0] * (1 - h[$0]) }
        let W1Bar = (0..<2).map { i in [zBar[i] * x[0], zBar[i] * x[1]] }
        expectClose(try s.current("a2").scalar, y, "y")
        expectClose(try s.current("L").scalar, 0.5 * (y - t) * (y - t), "L")
        expectClose(try s.scalar("z2.grad"), yBar, "z̄2 = ȳ")
        expectClose(try s.scalar("a2.grad"), yBar, "ȳ")
        expectMatrix(try s.gradient("W2"), W2Bar, "W̄2")
        expectClose(try s.scalar("b2.grad"), yBar, "b̄2")
        expectClose(try s.value("a1.grad"), hBar, "h̄")
        expectClose(try s.value("z1.grad"), zBar, "z̄")
        expectMatrix(try s.gradient("W1"), W1Bar, "W̄1")
        expectClose(try s.value("b1.grad"), zBar, "b̄1")
    }

    @Test("gradcheck L passes on the network, every leaf entry checked")
    func gradcheck() throws {
        var s = Session()
        s.ok(Self.setup + "\nbackward L")
        guard case .gradCheck(let report) = try s.result("gradcheck L") else { Issue.record("no report"); return }
        #expect(report.passed)
        #expect(report.root == "L")
        // x (2), t (1), W1 (4), b1 (2), W2 (2), b2 (1).
        #expect(report.entries.count == 12)
        #expect(Set(report.entries.map(\.leaf)) == ["x", "t", "W1", "b1", "W2", "b2"])
    }

    @Test("changing W1 recomputes z1 … L; a new backward gives the new gradients")
    func editRecomputes() throws {
        var s = Session()
        s.ok(Self.setup)
        var W1 = Self.W1
        W1[1][0] = -0.75
        s.ok("W1 = \(literal(W1))\nbackward L")
        let ref = ReferenceNet(W: [W1, Self.W2], b: [Self.b1, [Self.b2]], activations: ["sigmoid", "sigmoid"],
                               loss: "squared")
        let g = ref.gradients(Self.x, [Self.t])
        expectClose(try s.current("z1"), g.z[0], "z1")
        expectClose(try s.current("L").scalar, g.loss, "L")
        expectMatrix(try s.gradient("W1"), g.wBar[0], "W̄1")
        expectMatrix(try s.gradient("W2"), g.wBar[1], "W̄2")
        expectClose(try s.gradient("x"), g.xBar, "x̄")
    }

    @Test("act=relu,tanh,softmax loss=xent: z̄ of the output is a − t; every gradient matches")
    func softmaxCrossEntropy() throws {
        let ref = ReferenceNet(
            W: [[[0.5, -0.3], [0.2, 0.8], [-0.6, 0.4]],
                [[0.3, -0.2, 0.5], [0.1, 0.7, -0.4], [-0.5, 0.25, 0.6]],
                [[0.9, -0.3, 0.2], [-0.4, 0.6, 0.1], [0.2, 0.2, -0.7]]],
            b: [[0.1, -0.2, 0.3], [0.05, -0.1, 0.2], [0.0, 0.1, -0.1]],
            activations: ["relu", "tanh", "softmax"], loss: "xent")
        let x = [1.5, -0.5], t = [0.0, 1.0, 0.0]
        var s = Session()
        s.ok("""
            net 2-3-3-3 act=relu,tanh,softmax loss=xent
            \(assignments(ref))
            x = \(literal(x))
            t = \(literal(t))
            backward L
            """)
        let g = ref.gradients(x, t)
        // No relu unit sits at its kink.
        #expect(g.z[0].allSatisfy { $0 != 0 })
        let a3 = try s.current("a3")
        expectClose(a3, g.a[2], "a3")
        expectClose(a3.storage.reduce(0, +), 1, relative: 1e-15, "softmax sums to 1")
        expectClose(try s.current("L").scalar, -log(g.a[2][1]), "L = −log a3[2]")
        // z̄3 = a3 − t.
        let z3Bar = try #require(try s.gradient("z3"))
        for k in 0..<3 {
            #expect(near(z3Bar.storage[k], g.a[2][k] - t[k], relative: 1e-12, absolute: 1e-16), "z̄3[\(k + 1)]")
        }
        expectClose(try s.value("z3.grad - (a3 - t)").storage.map { abs($0) < 1e-15 ? 0 : $0 }, [0, 0, 0], "a − t")
        for l in 1...3 {
            expectClose(try s.gradient("z\(l)"), g.zBar[l - 1], relative: 1e-11, "z̄\(l)")
            expectMatrix(try s.gradient("W\(l)"), g.wBar[l - 1], relative: 1e-11, "W̄\(l)")
            expectClose(try s.gradient("b\(l)"), g.bBar[l - 1], relative: 1e-11, "b̄\(l)")
        }
        expectClose(try s.gradient("x"), g.xBar, relative: 1e-11, "x̄")
        guard case .gradCheck(let report) = try s.result("gradcheck L") else { Issue.record("no report"); return }
        #expect(report.passed)
    }

    @Test("softmax output with squared loss: the Jacobian path matches too")
    func softmaxSquared() throws {
        let ref = ReferenceNet(W: [[[0.5, -0.3], [0.2, 0.8]], [[0.3, -0.2], [0.1, 0.7], [-0.5, 0.25]]],
                               b: [[0.1, -0.2], [0.05, -0.1, 0.2]], activations: ["tanh", "softmax"], loss: "squared")
        let x = [0.3, 0.9], t = [0.0, 0.0, 1.0]
        var s = Session()
        s.ok("""
            net 2-2-3 hidden=tanh output=softmax loss=squared
            \(assignments(ref))
            x = \(literal(x))
            t = \(literal(t))
            backward L
            """)
        let g = ref.gradients(x, t)
        expectClose(try s.current("L").scalar, g.loss, "L")
        for l in 1...2 {
            expectClose(try s.gradient("z\(l)"), g.zBar[l - 1], relative: 1e-11, "z̄\(l)")
            expectMatrix(try s.gradient("W\(l)"), g.wBar[l - 1], relative: 1e-11, "W̄\(l)")
        }
    }
}
