#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import BackpropCore

@Suite struct GradCheckTests {
    /// A two-layer network with every kind of op:
    ///   h = tanh(W1 x + b1),  y = softmax(W2 h + b2),
    ///   L = −sum(t ⊙ log y) + λ·mean(W1 ⊙ W1) + sum(sqrt(1 + h⊙h)) + (sigmoid(h[1]) / (1 + h[2]²))^1.5
    static func network(seed: UInt64) throws -> (Graph, NodeID) {
        var rng = TestRNG(seed: seed, stream: 3)
        var b = Builder()
        let W1 = b.leaf("W1", rng.tensor(3, 2) { $0.uniform(-1, 1) })
        let b1 = b.leaf("b1", rng.tensor(3, 1) { $0.uniform(-1, 1) })
        let W2 = b.leaf("W2", rng.tensor(2, 3) { $0.uniform(-1, 1) })
        let b2 = b.leaf("b2", rng.tensor(2, 1) { $0.uniform(-1, 1) })
        let x = b.leaf("x", rng.tensor(2, 1) { $0.uniform(-2, 2) })
        let t = b.leaf("t", Tensor(column: [0, 1]))
        let lambda = b.leaf("λ", 0.1)
        let h = try b.define("h", fn(.tanh, ap(.matmul, n(W1), n(x)) + n(b1)))
        let y = try b.define("y", ap(.softmax, ap(.matmul, n(W2), n(h)) + n(b2)))
        let extra = (fn(.sigmoid, ap(.index(row: 0, column: 0), n(h)))
                     / (lit(1) + ap(.index(row: 1, column: 0), n(h)) ^^ lit(2))) ^^ lit(1.5)
        let L = try b.define("L", -ap(.sum, n(t) * fn(.log, n(y)))
                                  + n(lambda) * ap(.mean, n(W1) * n(W1))
                                  + ap(.sum, fn(.sqrt, lit(1) + n(h) * n(h)))
                                  + extra)
        return (b.graph, L)
    }

    @Test(arguments: 1...5)
    func smoothGraphsAgree(seed: Int) throws {
        var (g, L) = try Self.network(seed: UInt64(seed))
        let before = g
        let check = try g.gradCheck(root: L)
        // 6 + 3 + 6 + 2 + 2 + 2 + 1 leaf entries.
        #expect(check.entries.count == 22)
        #expect(check.root == L && check.step == GradCheck.defaultStep)
        #expect(check.maxRelativeError < 1e-8, "\(check.entries.map(\.relativeError))")
        // The check leaves values as they were and the gradients of a plain backward.
        for id in 0..<g.count { #expect(g.value(of: id) == before.value(of: id)) }
        var plain = before
        try plain.backward(from: L)
        for e in check.entries {
            let grad = plain.gradient(of: e.leaf)!
            #expect(e.backprop == grad[e.row, e.column])
        }
        #expect(g.lastBackwardRoot == L)
    }

    /// The logistic model: every entry against the closed form, too.
    @Test func logisticEntriesAreClosedForms() throws {
        var b = Builder()
        let w = b.leaf("w", 0.5), x = b.leaf("x", 1.5), bias = b.leaf("b", -0.2), t = b.leaf("t", 1.0)
        let z = try b.define("z", n(w) * n(x) + n(bias))
        let y = try b.define("y", fn(.sigmoid, n(z)))
        let L = try b.define("L", lit(0.5) * (n(y) - n(t)) ^^ lit(2))
        var g = b.graph
        let check = try g.gradCheck(root: L)
        let z0 = 0.5 * 1.5 - 0.2, y0 = 1 / (1 + exp(-z0))
        let zbar = (y0 - 1) * y0 * (1 - y0)
        let expected: [NodeID: Double] = [w: zbar * 1.5, x: zbar * 0.5, bias: zbar, t: -(y0 - 1)]
        #expect(check.entries.map(\.leaf) == [w, x, bias, t])
        for e in check.entries {
            expectClose(e.backprop, expected[e.leaf]!)
            expectClose(e.numeric, expected[e.leaf]!, relative: 1e-9)
            #expect(e.row == 0 && e.column == 0)
        }
        _ = y
    }

    @Test func entryPositionsAreRowMajor() throws {
        var g = Graph()
        let W = g.addLeaf(Tensor(rowsOf: [[1, 2, 3], [4, 5, 6]]))
        let L = try g.addOp(.sum, [try g.addOp(.multiply, [W, W])])
        let check = try g.gradCheck(root: L)
        #expect(check.entries.map { [$0.row, $0.column] } == [[0, 0], [0, 1], [0, 2], [1, 0], [1, 1], [1, 2]])
        for e in check.entries { expectClose(e.backprop, 2 * Double(e.row * 3 + e.column + 1)) }
    }

    /// step and sign: backprop says 0 (the jump is not differentiable, and elsewhere
    /// the slope is 0); away from the jump the finite difference is 0 too.
    @Test func stepAndSignHaveZeroGradient() throws {
        var g = Graph()
        let x = g.addLeaf(Tensor(column: [-1.5, 0.25, 2, -0.3]))
        let s = try g.addOp(.function(.step), [x])
        let sg = try g.addOp(.function(.sign), [x])
        let both = try g.addOp(.add, [s, try g.addOp(.multiply, [sg, x])])  // step(x) + sign(x)·x = step(x) + |x|
        let L = try g.addOp(.sum, [both])
        let check = try g.gradCheck(root: L)
        // ∂/∂x [sign(x)·x] through the product only: sign(x).
        for (k, e) in check.entries.enumerated() {
            let x0 = [-1.5, 0.25, 2, -0.3][k]
            #expect(e.backprop == (x0 >= 0 ? 1 : -1))
            expectClose(e.numeric, x0 >= 0 ? 1 : -1, relative: 1e-9)
        }
        try g.backward(from: try g.addOp(.sum, [s]))
        #expect(g.gradient(of: x)!.storage == [0, 0, 0, 0])
        try g.backward(from: try g.addOp(.sum, [sg]))
        #expect(g.gradient(of: x)!.storage == [0, 0, 0, 0])
        let onlyJumps = try g.addOp(.add, [try g.addOp(.sum, [s]), try g.addOp(.sum, [sg])])
        let jumpCheck = try g.gradCheck(root: onlyJumps)
        #expect(jumpCheck.entries.allSatisfy { $0.backprop == 0 && $0.numeric == 0 && $0.relativeError == 0 })
    }

    /// At a jump the finite difference sees it: step at 0 gives (−f(2h) + 8f(h) − 8f(−h) + f(−2h))/12h
    /// = (−1 + 8 − 0 + 0)/12h = 7/(12h), while backprop says 0.
    @Test func stepAtItsJump() throws {
        var g = Graph()
        let x = g.addLeaf(Tensor(scalar: 0))
        let L = try g.addOp(.function(.step), [x])
        let check = try g.gradCheck(root: L, step: 1e-3)
        #expect(check.entries[0].backprop == 0)
        expectClose(check.entries[0].numeric, 7 / (12 * 1e-3))
        #expect(check.entries[0].relativeError == 1)
    }

    @Test func relativeErrorDefinition() {
        #expect(GradCheck.relativeError(0, 0) == 0)
        #expect(GradCheck.relativeError(2, 2) == 0)
        expectClose(GradCheck.relativeError(1, 1.000001), 1e-6 / 1.000001)
        expectClose(GradCheck.relativeError(-3, 3), 2)
        expectClose(GradCheck.relativeError(0, 1e-13), 1e-13 / 1e-12)
    }

    @Test func rootMustBeScalar() throws {
        var g = Graph()
        let x = g.addLeaf(Tensor(column: [1, 2]))
        #expect(throws: GraphError.notScalar(name: "#0", Shape(rows: 2, columns: 1))) { try g.gradCheck(root: x) }
    }
}
