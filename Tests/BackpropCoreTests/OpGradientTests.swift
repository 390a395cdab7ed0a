#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import BackpropCore

/// How a test input is drawn. Every sampler keeps the finite-difference stencil
/// (at most x ± 1e-3·max(1,|x|)) away from kinks and outside domains.
enum Sampler: Sendable {
    /// ±[0.2, 2]: away from the kinks of relu, abs, step and sign at 0.
    case signed
    /// [0.5, 2.5]: log, sqrt, and the base of a power with a real exponent.
    case positive
    /// [−1.5, 2.5]: a real exponent.
    case exponent
    /// ±[0.5, 2]: a denominator.
    case denominator

    func draw(_ rng: inout TestRNG) -> Double {
        switch self {
        case .signed: rng.awayFromZero(0.2, 2)
        case .positive: rng.uniform(0.5, 2.5)
        case .exponent: rng.uniform(-1.5, 2.5)
        case .denominator: rng.awayFromZero(0.5, 2)
        }
    }
}

/// One op (or a small fixed combination, for the fused logs) applied to leaves.
struct OpCase: Sendable, CustomTestStringConvertible {
    var name: String
    var inputs: [(rows: Int, columns: Int, sampler: Sampler)]
    /// Adds the op's nodes on top of the given leaves; returns the output node.
    var build: @Sendable (inout Graph, [NodeID]) throws -> NodeID
    /// The same function in plain Double math.
    var reference: @Sendable ([Tensor]) -> Tensor

    var testDescription: String { name }

    static func binary(_ op: Op, _ name: String, _ a: (Int, Int, Sampler), _ b: (Int, Int, Sampler),
                       _ f: @escaping @Sendable (Double, Double) -> Double) -> OpCase {
        OpCase(name: "\(name) \(a.0)×\(a.1) \(b.0)×\(b.1)",
               inputs: [(a.0, a.1, a.2), (b.0, b.1, b.2)],
               build: { g, x in try g.addOp(op, x) },
               reference: { t in Ref.zip(t[0], t[1], f) })
    }

    static func unary(_ op: Op, _ name: String, _ rows: Int, _ columns: Int, _ sampler: Sampler,
                      _ reference: @escaping @Sendable (Tensor) -> Tensor) -> OpCase {
        OpCase(name: name, inputs: [(rows, columns, sampler)],
               build: { g, x in try g.addOp(op, x) },
               reference: { t in reference(t[0]) })
    }

    /// Elementwise binary ops: same shapes, a 1×1 on the right, a 1×1 on the left, both 1×1.
    static let elementwise: [OpCase] = {
        let ops: [(Op, String, Sampler, Sampler, @Sendable (Double, Double) -> Double)] = [
            (.add, "add", .signed, .signed, { $0 + $1 }),
            (.subtract, "subtract", .signed, .signed, { $0 - $1 }),
            (.multiply, "multiply", .signed, .signed, { $0 * $1 }),
            (.divide, "divide", .signed, .denominator, { $0 / $1 }),
            (.power, "power", .positive, .exponent, { pow($0, $1) }),
        ]
        var cases: [OpCase] = []
        for (op, name, sa, sb, f) in ops {
            cases.append(binary(op, name, (2, 3, sa), (2, 3, sb), f))
            cases.append(binary(op, name, (2, 3, sa), (1, 1, sb), f))
            cases.append(binary(op, name, (1, 1, sa), (3, 2, sb), f))
            cases.append(binary(op, name, (1, 1, sa), (1, 1, sb), f))
        }
        return cases
    }()

    /// x^k with a constant integer exponent, on bases of either sign (the engine
    /// multiplies, so (−2)² = 4 and its gradient −4 are defined).
    static let integerPowers: [OpCase] = [2.0, 3.0, -1.0].map { k in
        OpCase(name: "power by constant \(k)", inputs: [(2, 2, .signed)],
               build: { g, x in
                   let e = g.addConstant(Tensor(scalar: k))
                   return try g.addOp(.power, [x[0], e])
               },
               reference: { t in t[0].map { pow($0, k) } })
    }

    static let matmuls: [OpCase] = [(2, 3, 4), (1, 3, 1), (3, 1, 2), (4, 4, 1), (1, 1, 3), (3, 2, 2), (2, 2, 2)]
        .map { m, k, n in
            OpCase(name: "matmul \(m)×\(k) @ \(k)×\(n)", inputs: [(m, k, .signed), (k, n, .signed)],
                   build: { g, x in try g.addOp(.matmul, x) },
                   reference: { t in Ref.matmul(t[0], t[1]) })
        }

    static let functions: [OpCase] = ElementwiseFunction.allCases.map { f in
        let sampler: Sampler = switch f {
        case .log, .sqrt: .positive
        default: .signed
        }
        return unary(.function(f), "function \(f.rawValue)", 2, 3, sampler) { t in t.map { Ref.apply(f, $0) } }
    }

    static let reductionsAndShapes: [OpCase] = [
        unary(.negate, "negate", 3, 2, .signed) { t in t.map { -$0 } },
        unary(.sum, "sum", 3, 2, .signed) { t in Tensor(scalar: t.storage.reduce(0, +)) },
        unary(.mean, "mean", 3, 2, .signed) { t in Tensor(scalar: t.storage.reduce(0, +) / 6) },
        unary(.sum, "sum 1×1", 1, 1, .signed) { t in t },
        unary(.softmax, "softmax 4×1", 4, 1, .signed) { t in Tensor(column: Ref.softmax(t.storage)) },
        unary(.softmax, "softmax 1×1", 1, 1, .signed) { _ in Tensor(scalar: 1) },
        unary(.transpose, "transpose 2×3", 2, 3, .signed) { t in Ref.transpose(t) },
        unary(.transpose, "transpose 4×1", 4, 1, .signed) { t in Ref.transpose(t) },
        unary(.index(row: 1, column: 2), "index [2, 3] of 2×3", 2, 3, .signed) { t in Tensor(scalar: t[1, 2]) },
        unary(.index(row: 0, column: 0), "index [1, 1] of 3×2", 3, 2, .signed) { t in Tensor(scalar: t[0, 0]) },
        unary(.index(row: 2, column: 0), "index [3] of 4×1", 4, 1, .signed) { t in Tensor(scalar: t[2, 0]) },
        unary(.index(row: 0, column: 1), "index [2] of 1×3", 1, 3, .signed) { t in Tensor(scalar: t[0, 1]) },
    ]

    static let fused: [OpCase] = [
        OpCase(name: "log∘sigmoid (fused)", inputs: [(2, 3, .signed)],
               build: { g, x in
                   let s = try g.addOp(.function(.sigmoid), x)
                   let l = try g.addOp(.function(.log), [s])
                   #expect(g[l].op == .logSigmoid)
                   return l
               },
               reference: { t in t[0].map { log(Ref.sigmoid($0)) } }),
        OpCase(name: "log∘softmax (fused)", inputs: [(4, 1, .signed)],
               build: { g, x in
                   let p = try g.addOp(.softmax, x)
                   let l = try g.addOp(.function(.log), [p])
                   #expect(g[l].op == .logSoftmax)
                   return l
               },
               reference: { t in Tensor(column: Ref.softmax(t[0].storage).map { log($0) }) }),
        // The sigmoid node also has an ordinary consumer: its error signal mixes
        // the scaled (log) and plain contributions.
        OpCase(name: "log(s) + s ⊙ s, s = sigmoid(z)", inputs: [(3, 1, .signed)],
               build: { g, x in
                   let s = try g.addOp(.function(.sigmoid), x)
                   let l = try g.addOp(.function(.log), [s])
                   let sq = try g.addOp(.multiply, [s, s])
                   return try g.addOp(.add, [l, sq])
               },
               reference: { t in t[0].map { log(Ref.sigmoid($0)) + Ref.sigmoid($0) * Ref.sigmoid($0) } }),
        OpCase(name: "log(p) + p ⊙ p, p = softmax(z)", inputs: [(3, 1, .signed)],
               build: { g, x in
                   let p = try g.addOp(.softmax, x)
                   let l = try g.addOp(.function(.log), [p])
                   let sq = try g.addOp(.multiply, [p, p])
                   return try g.addOp(.add, [l, sq])
               },
               reference: { t in Tensor(column: Ref.softmax(t[0].storage).map { log($0) + $0 * $0 }) }),
        // Two fused logs of the same sigmoid.
        OpCase(name: "log(s) − 2·log(s), s = sigmoid(z)", inputs: [(2, 2, .signed)],
               build: { g, x in
                   let s = try g.addOp(.function(.sigmoid), x)
                   let l1 = try g.addOp(.function(.log), [s])
                   let l2 = try g.addOp(.function(.log), [s])
                   let two = g.addConstant(Tensor(scalar: 2))
                   return try g.addOp(.subtract, [l1, try g.addOp(.multiply, [two, l2])])
               },
               reference: { t in t[0].map { -log(Ref.sigmoid($0)) } }),
    ]

    static let all: [OpCase] = elementwise + integerPowers + matmuls + functions + reductionsAndShapes + fused
}

@Suite struct OpGradientTests {
    /// For each op: loss = sum(op(inputs) ⊙ C) with a fixed random C, so the
    /// backward root is 1×1 and every output entry gets a different weight.
    /// The op's forward value is checked against plain Double math, and the
    /// gradient of every input entry against finite differences of that math.
    @Test(arguments: OpCase.all, [1, 2, 3] as [UInt64])
    func gradientMatchesFiniteDifferences(_ c: OpCase, seed: UInt64) throws {
        var rng = TestRNG(seed: seed, stream: UInt64(c.name.unicodeScalars.reduce(0) { $0 &* 31 &+ Int($1.value) } & 0xFFFF))
        let inputs = c.inputs.map { spec in rng.tensor(spec.rows, spec.columns) { spec.sampler.draw(&$0) } }

        var graph = Graph()
        let leaves = inputs.map { graph.addLeaf($0) }
        let out = try c.build(&graph, leaves)
        let expectedOut = c.reference(inputs)
        // Forward: the engine and the textbook formulas agree to a few ulps.
        expectClose(graph.value(of: out), expectedOut, relative: 1e-12, floor: 1e-12, "forward of \(c.name)")

        let weights = rng.tensor(expectedOut.rows, expectedOut.columns) { $0.awayFromZero(0.5, 1.5) }
        let w = graph.addConstant(weights)
        let loss = try graph.addOp(.sum, [try graph.addOp(.multiply, [out, w])])
        try graph.backward(from: loss)

        // The same loss in plain Double math over all inputs flattened.
        let sizes = inputs.map(\.count)
        func unflatten(_ x: [Double]) -> [Tensor] {
            var offset = 0
            return inputs.map { t in
                defer { offset += t.count }
                return Tensor(rows: t.rows, columns: t.columns, storage: Array(x[offset..<(offset + t.count)]))
            }
        }
        let referenceLoss: ([Double]) -> Double = { x in
            let y = c.reference(unflatten(x))
            var s = 0.0
            for k in 0..<y.count { s += y.storage[k] * weights.storage[k] }
            return s
        }
        let x0 = inputs.flatMap(\.storage)
        expectClose(graph.value(of: loss).scalar, referenceLoss(x0), relative: 1e-12, floor: 1e-12, "loss")
        let numeric = finiteDifferenceGradient(x0, referenceLoss)

        var offset = 0
        for (i, leaf) in leaves.enumerated() {
            let expected = Tensor(rows: inputs[i].rows, columns: inputs[i].columns,
                                  storage: Array(numeric[offset..<(offset + sizes[i])]))
            expectClose(graph.gradient(of: leaf), expected, relative: fdTolerance, floor: fdFloor,
                        "\(c.name): gradient of input \(i + 1)")
            offset += sizes[i]
        }
    }

    @Test func broadcastShapes() throws {
        var g = Graph()
        let m = g.addLeaf(Tensor(rows: 2, columns: 3, repeating: 1))
        let s = g.addLeaf(Tensor(scalar: 2))
        for op in [Op.add, .subtract, .multiply, .divide, .power] {
            let ms = try g.addOp(op, [m, s]), sm = try g.addOp(op, [s, m])
            #expect(g[ms].shape == Shape(rows: 2, columns: 3))
            #expect(g[sm].shape == Shape(rows: 2, columns: 3))
        }
        let v = g.addLeaf(Tensor(rows: 3, columns: 2, repeating: 1))
        #expect(throws: GraphError.elementwiseShapeMismatch(op: "+", Shape(rows: 2, columns: 3), Shape(rows: 3, columns: 2))) {
            try g.addOp(.add, [m, v])
        }
        #expect(throws: GraphError.matmulShapeMismatch(Shape(rows: 2, columns: 3), Shape(rows: 2, columns: 3))) {
            try g.addOp(.matmul, [m, m])
        }
        #expect(throws: GraphError.notAColumnVector(function: "softmax", Shape(rows: 2, columns: 3))) {
            try g.addOp(.softmax, [m])
        }
        #expect(throws: GraphError.indexOutOfRange(index: 3, dimension: "row", size: 2, shape: Shape(rows: 2, columns: 3))) {
            try g.addOp(.index(row: 2, column: 0), [m])
        }
        #expect(throws: GraphError.notScalar(name: "#0", Shape(rows: 2, columns: 3))) {
            try g.backward(from: m)
        }
    }

    /// Constants take no gradient, nor does anything computed only from constants;
    /// the leaf next to them still gets the right one.
    @Test func constantsTakeNoGradient() throws {
        var g = Graph()
        let x = g.addLeaf(Tensor(scalar: 3))
        let c = g.addConstant(Tensor(scalar: 4))
        let c2 = try g.addOp(.multiply, [c, c])              // 16, constant-only
        let y = try g.addOp(.multiply, [x, c2])              // 48
        try g.backward(from: y)
        #expect(g.gradient(of: c) == nil)
        #expect(g.gradient(of: c2) == nil)
        #expect(g[c2].requiresGradient == false)
        expectIdentical(g.gradient(of: x)!.scalar, 16)
        expectIdentical(g.gradient(of: y)!.scalar, 1)
    }

    /// Each backward starts from zero: running it twice gives the same gradients,
    /// also with fused logs (whose scaled buffers must be cleared too).
    @Test func repeatedBackwardDoesNotAccumulate() throws {
        var g = Graph()
        let z = g.addLeaf(Tensor(column: [0.3, -0.7]))
        let s = try g.addOp(.function(.sigmoid), [z])
        let ls = try g.addOp(.function(.log), [s])
        let p = try g.addOp(.softmax, [z])
        let lp = try g.addOp(.function(.log), [p])
        let L = try g.addOp(.sum, [try g.addOp(.add, [try g.addOp(.add, [ls, lp]), try g.addOp(.multiply, [s, p])])])
        try g.backward(from: L)
        let first = [z, s, p].map { g.gradient(of: $0)! }
        try g.backward(from: L)
        try g.backward(from: L)
        #expect([z, s, p].map { g.gradient(of: $0)! } == first)
    }

    /// A node the root does not depend on has no gradient after backward.
    @Test func unreachedNodesHaveNoGradient() throws {
        var g = Graph()
        let a = g.addLeaf(Tensor(scalar: 1))
        let b = g.addLeaf(Tensor(scalar: 2))
        let ab = try g.addOp(.add, [a, b])
        let a2 = try g.addOp(.multiply, [a, a])
        try g.backward(from: ab)
        #expect(g.gradient(of: a2) == nil)
        try g.backward(from: a2)
        #expect(g.gradient(of: b) == nil)
        #expect(g.gradient(of: ab) == nil)
        expectIdentical(g.gradient(of: a)!.scalar, 2)
    }
}
