#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import BackpropCore

// Property: on random programs (named definitions built from every op, with
// fan-out, reuse and rebinding), for every named node the last backward reached,
//   • the engine's gradient agrees with finite differences of an independent
//     plain-Double evaluation of the program,
//   • Explanation.value is that gradient,
//   • the contributions (when there is fan-out) evaluate to numbers that sum to it,
//   • the symbolic error signal the explanation renders — the chain rule over
//     named consumers, simplified, and its closed form — evaluates to it.

/// Evaluates source formulas with plain Double math (no engine code).
struct ReferenceEvaluator {
    var values: [NodeID: Tensor] = [:]
    /// The smallest |argument| seen by relu, abs, step or sign (their kink is at 0).
    var closestKink = Double.infinity

    mutating func evaluate(_ f: Formula) -> Tensor {
        switch f {
        case .node(let id):
            return values[id]!
        case .literal(let t, _):
            return t
        case let .apply(op, args):
            let a = args.map { evaluate($0) }
            switch op {
            case .add: return Ref.zip(a[0], a[1], +)
            case .subtract: return Ref.zip(a[0], a[1], -)
            case .multiply: return Ref.zip(a[0], a[1], *)
            case .divide: return Ref.zip(a[0], a[1], /)
            case .power: return Ref.zip(a[0], a[1]) { pow($0, $1) }
            case .matmul: return Ref.matmul(a[0], a[1])
            case .negate: return a[0].map { -$0 }
            case .function(let fn):
                if [.relu, .abs, .step, .sign].contains(fn) {
                    for v in a[0].storage { closestKink = min(closestKink, abs(v)) }
                }
                return a[0].map { Ref.apply(fn, $0) }
            case .sum: return Tensor(scalar: a[0].storage.reduce(0, +))
            case .mean: return Tensor(scalar: a[0].storage.reduce(0, +) / Double(a[0].count))
            case .softmax: return Tensor(column: Ref.softmax(a[0].storage))
            case .transpose: return Ref.transpose(a[0])
            case let .index(row, column): return Tensor(scalar: a[0][row, column])
            case .logSigmoid, .logSoftmax, .leaf, .constant:
                Issue.record("unexpected op in a source formula: \(op)")
                return Tensor(scalar: .nan)
            }
        case .gradient, .derivative, .scatter:
            Issue.record("not a source formula")
            return Tensor(scalar: .nan)
        }
    }
}

/// A random program: leaves, then named statements, then a 1×1 root.
struct RandomProgram {
    var builder = Builder()
    var rng: TestRNG
    var leaves: [NodeID] = []
    var statements: [(id: NodeID, formula: Formula)] = []
    var root: NodeID = -1

    init(seed: UInt64, stream: UInt64) {
        rng = TestRNG(seed: seed, stream: stream)
    }

    mutating func leaf(_ name: String, _ value: Tensor) -> NodeID {
        let id = builder.leaf(name, value)
        leaves.append(id)
        return id
    }

    mutating func define(_ name: String, _ f: Formula) throws -> NodeID {
        let id = try builder.define(name, f)
        statements.append((id, f))
        return id
    }

    /// Evaluates the program with the given leaf entries (flattened, in `leaves` order).
    func referenceRoot(_ x: [Double], kinks: inout Double) -> Double {
        var ev = ReferenceEvaluator()
        var offset = 0
        for id in leaves {
            let t = builder.graph.value(of: id)
            ev.values[id] = Tensor(rows: t.rows, columns: t.columns, storage: Array(x[offset..<(offset + t.count)]))
            offset += t.count
        }
        for s in statements {
            ev.values[s.id] = ev.evaluate(s.formula)
        }
        kinks = ev.closestKink
        return ev.values[root]!.scalar
    }

    var leafEntries: [Double] { leaves.flatMap { builder.graph.value(of: $0).storage } }
}

/// `value` (possibly a 1×1 standing for "every entry", see `sumPullbackHasOperandShape`)
/// against `expected`, entry by entry.
func broadcastClose(_ value: Tensor, _ expected: Tensor, scale: Tensor, relative: Double) -> Bool {
    guard value.shape == expected.shape || value.isScalar else { return false }
    for k in 0..<expected.count {
        let v = value.isScalar ? value.scalar : value.storage[k]
        if !isClose(v, expected.storage[k], relative: relative, floor: scale.storage[k]) { return false }
    }
    return true
}

@Suite struct ExplainPropertyTests {
    /// Scalar programs over every elementwise op and function.
    static func scalarProgram(seed: UInt64) throws -> RandomProgram {
        var p = RandomProgram(seed: seed, stream: 7)
        let a = p.leaf("a", Tensor(scalar: p.rng.awayFromZero(0.3, 1.5)))
        let b = p.leaf("b", Tensor(scalar: p.rng.awayFromZero(0.3, 1.5)))
        let c = p.leaf("c", Tensor(scalar: p.rng.awayFromZero(0.3, 1.5)))
        var pool: [(String, NodeID)] = [("a", a), ("b", b), ("c", c)]
        let names = ["p", "q", "r", "s", "u", "v"]

        func atom(_ p: inout RandomProgram) -> Formula {
            if p.rng.unit() < 0.2 { return lit((p.rng.awayFromZero(0.5, 2) * 4).rounded() / 4) }
            return n(pool[p.rng.int(0..<pool.count)].1)
        }
        func expr(_ p: inout RandomProgram, _ depth: Int) -> Formula {
            if depth == 0 || p.rng.unit() < 0.25 { return atom(&p) }
            let d = depth - 1
            switch p.rng.int(0..<13) {
            case 0: return expr(&p, d) + expr(&p, d)
            case 1: return expr(&p, d) - expr(&p, d)
            case 2: return expr(&p, d) * expr(&p, d)
            case 3: return expr(&p, d) / (lit(1.5) + fn(.tanh, expr(&p, d)))          // denominator in (0.5, 2.5)
            case 4: return -expr(&p, d)
            case 5:
                let f: [ElementwiseFunction] = [.sigmoid, .tanh, .softplus, .identity]
                return fn(f[p.rng.int(0..<f.count)], expr(&p, d))
            case 6: return fn(.exp, fn(.tanh, expr(&p, d)))
            case 7: return fn(.log, fn(.sigmoid, expr(&p, d)))                          // fused log∘sigmoid
            case 8: return fn(.log, lit(1) + expr(&p, d) ^^ lit(2))
            case 9: return fn(.sqrt, lit(0.5) + fn(.softplus, expr(&p, d)))
            case 10: return expr(&p, d) ^^ lit(p.rng.unit() < 0.5 ? 2 : 3)
            case 11: return (lit(0.5) + fn(.sigmoid, expr(&p, d))) ^^ fn(.tanh, expr(&p, d))
            default:
                let f: [ElementwiseFunction] = [.relu, .abs, .step, .sign]
                return fn(f[p.rng.int(0..<f.count)], expr(&p, d))
            }
        }

        var current: [String: NodeID] = [:]
        for _ in 0..<7 {
            // A quarter of the statements rebind a name already used (c = c + …).
            let name = !current.isEmpty && p.rng.unit() < 0.25
                ? current.keys.sorted()[p.rng.int(0..<current.count)]
                : names[p.rng.int(0..<names.count)]
            let id = try p.define(name, expr(&p, 3))
            current[name] = id
            pool.append((name, id))
        }
        // The root mixes every current name, so each is reached, most by several paths.
        var root = lit(0)
        for (_, id) in current.sorted(by: { $0.key < $1.key }) {
            root = root + lit(p.rng.awayFromZero(0.5, 1.5)) * n(id)
        }
        p.root = try p.define("L", root)
        return p
    }

    /// Vector programs: matmul, transpose, softmax (and fused log∘softmax), sum,
    /// mean, indexing, broadcasting.
    static func vectorProgram(seed: UInt64) throws -> RandomProgram {
        var p = RandomProgram(seed: seed, stream: 11)
        let W = p.leaf("W", p.rng.tensor(2, 3) { $0.awayFromZero(0.3, 1.2) })
        let M = p.leaf("M", p.rng.tensor(2, 2) { $0.awayFromZero(0.3, 1.2) })
        let x = p.leaf("x", p.rng.tensor(3, 1) { $0.awayFromZero(0.3, 1.2) })
        let v = p.leaf("v", p.rng.tensor(2, 1) { $0.awayFromZero(0.3, 1.2) })
        let s = p.leaf("s", p.rng.tensor(1, 1) { $0.awayFromZero(0.3, 1.2) })
        var vectors: [NodeID] = [v]
        var scalars: [NodeID] = [s]

        func vector(_ p: inout RandomProgram, _ depth: Int) -> Formula {
            if depth == 0 || p.rng.unit() < 0.2 { return n(vectors[p.rng.int(0..<vectors.count)]) }
            let d = depth - 1
            switch p.rng.int(0..<10) {
            case 0: return ap(.matmul, n(W), n(x)) + vector(&p, d)
            case 1: return vector(&p, d) * vector(&p, d)
            case 2: return scalar(&p, d) * vector(&p, d)
            case 3: return vector(&p, d) + scalar(&p, d)
            case 4:
                let f: [ElementwiseFunction] = [.sigmoid, .tanh, .softplus]
                return fn(f[p.rng.int(0..<f.count)], vector(&p, d))
            case 5: return ap(.softmax, vector(&p, d))
            case 6: return fn(.log, ap(.softmax, vector(&p, d)))                       // fused log∘softmax
            case 7: return ap(.transpose, ap(.transpose, vector(&p, d)))
            case 8: return vector(&p, d) - vector(&p, d) / (lit(2) + fn(.sigmoid, scalar(&p, d)))
            default: return ap(.matmul, n(M), vector(&p, d))
            }
        }
        func scalar(_ p: inout RandomProgram, _ depth: Int) -> Formula {
            if depth == 0 || p.rng.unit() < 0.3 { return n(scalars[p.rng.int(0..<scalars.count)]) }
            let d = depth - 1
            switch p.rng.int(0..<7) {
            // sum and mean of a *named* vector (see sumPullbackHasOperandShape for the rest).
            case 0: return ap(.sum, n(vectors[p.rng.int(0..<vectors.count)]))
            case 1: return ap(.mean, n(vectors[p.rng.int(0..<vectors.count)]))
            case 2: return ap(.sum, vector(&p, d) * vector(&p, d))
            case 3: return ap(.index(row: p.rng.int(0..<2), column: 0), vector(&p, d))
            case 4: return ap(.matmul, ap(.transpose, vector(&p, d)), vector(&p, d))
            case 5: return scalar(&p, d) * fn(.tanh, scalar(&p, d))
            default: return scalar(&p, d) - scalar(&p, d)
            }
        }

        for k in 0..<6 {
            if p.rng.unit() < 0.6 {
                vectors.append(try p.define("h\(k % 3)", vector(&p, 2)))
            } else {
                scalars.append(try p.define("k\(k % 3)", scalar(&p, 2)))
            }
        }
        var root = ap(.sum, n(vectors.last!) * .literal(p.rng.tensor(2, 1) { $0.awayFromZero(0.5, 1.5) }, label: nil))
        for id in scalars { root = root + lit(p.rng.awayFromZero(0.5, 1.5)) * n(id) }
        p.root = try p.define("L", root)
        return p
    }

    @Test(arguments: 1...40)
    func scalarPrograms(seed: Int) throws {
        try check(Self.scalarProgram(seed: UInt64(seed)))
    }

    @Test(arguments: 1...40)
    func vectorPrograms(seed: Int) throws {
        try check(Self.vectorProgram(seed: UInt64(seed)))
    }

    func check(_ program: RandomProgram, sourceLocation: SourceLocation = #_sourceLocation) throws {
        var g = program.builder.graph
        try g.backward(from: program.root)

        // The engine against finite differences of the independent evaluation.
        let x0 = program.leafEntries
        var kink = Double.infinity
        let rootValue = program.referenceRoot(x0, kinks: &kink)
        expectClose(g.value(of: program.root).scalar, rootValue, relative: 1e-12, floor: 1e-12,
                    "root value", sourceLocation: sourceLocation)
        // Skip the finite differences if a relu/abs/step/sign argument is within
        // 0.01 of its kink (the stencil reaches at most 2e-3·max(1,|x|) away).
        if kink > 0.01 {
            var ignored = 0.0
            let numeric = finiteDifferenceGradient(x0) { program.referenceRoot($0, kinks: &ignored) }
            var offset = 0
            for id in program.leaves {
                let t = g.value(of: id)
                let expected = Tensor(rows: t.rows, columns: t.columns, storage: Array(numeric[offset..<(offset + t.count)]))
                offset += t.count
                expectClose(g.gradient(of: id) ?? Tensor(rows: t.rows, columns: t.columns), expected,
                            relative: fdTolerance, floor: fdFloor,
                            "gradient of \(g.displayName(of: id))", sourceLocation: sourceLocation)
            }
        }

        // Every named node the backward reached: its explanation agrees with the engine.
        let r = renderer(g)
        var explained = 0
        for id in g.nodes.indices where g[id].name != nil {
            guard let gradient = g.gradient(of: id) else { continue }
            let e = try g.explainGradient(of: id, renderer: r)
            explained += 1
            let label = e.quantity
            #expect(e.value == gradient, "\(label): Explanation.value", sourceLocation: sourceLocation)
            if id == program.root { continue }

            let consumers = g.namedConsumers(of: id).filter { g[$0].hasGradient }
            var paths: [Formula] = []
            for c in consumers {
                let parts = g[c].definition!.pullback(toward: id, seed: .gradient(c), in: g)
                try #require(!parts.isEmpty, sourceLocation: sourceLocation)
                paths.append(parts.dropFirst().reduce(parts[0]) { .apply(.add, [$0, $1]) })
            }
            // Cancellation between paths is fine: the scale is the sum of magnitudes.
            let scale = paths.reduce(gradient.map(abs)) { acc, p in
                let v = p.evaluate(in: g)
                return Tensor(rows: acc.rows, columns: acc.columns,
                              storage: acc.storage.indices.map { acc.storage[$0] + abs(v.isScalar ? v.scalar : v.storage[$0]) })
            }.map { max($0, 1e-300) }

            // The contributions' numbers sum to the gradient.
            if paths.count > 1 {
                #expect(e.contributions.count == paths.count, "\(label)", sourceLocation: sourceLocation)
                var total = Tensor(rows: gradient.rows, columns: gradient.columns)
                for c in e.contributions {
                    #expect(c.value.shape == gradient.shape || c.value.isScalar, sourceLocation: sourceLocation)
                    for k in 0..<total.count { total.storage[k] += c.value.isScalar ? c.value.scalar : c.value.storage[k] }
                }
                #expect(broadcastClose(total, gradient, scale: scale, relative: 1e-9),
                        "\(label): contributions \(e.contributions.map(\.value.rowArrays)) vs \(gradient.rowArrays)",
                        sourceLocation: sourceLocation)
            } else {
                #expect(e.contributions.isEmpty, sourceLocation: sourceLocation)
            }

            // The symbolic chain rule, as derived, simplified, and in closed form.
            let raw = paths.dropFirst().reduce(paths[0]) { .apply(.add, [$0, $1]) }
            let simplified = paths.map { $0.simplified(in: g) }
            let total = simplified.dropFirst().reduce(simplified[0]) { .apply(.add, [$0, $1]) }
            let closed = total.expandingDerivatives(naming: consumers, in: g)
            for (form, f) in [("raw", raw), ("simplified", total), ("closed form", closed)] {
                let value = f.evaluate(in: g)
                #expect(broadcastClose(value, gradient, scale: scale, relative: 1e-9),
                        "\(label) \(form) \(r.render(f)) = \(value.rowArrays), engine \(gradient.rowArrays)",
                        sourceLocation: sourceLocation)
            }
            #expect(e.steps.contains(r.render(total)), "\(label): \(e.steps)", sourceLocation: sourceLocation)
        }
        #expect(explained >= 4, sourceLocation: sourceLocation)
    }

    /// The pullback of sum and mean has the operand's shape: each entry of x gets
    /// L̄ (or L̄/n) for L = sum(x), written L̄ · 𝟏, so it composes with a matmul or
    /// softmax inside the same definition.
    @Test func sumPullbackHasOperandShape() throws {
        var b = Builder()
        let W = b.leaf("W", Tensor(rowsOf: [[1, 2, 3], [4, 5, 6]]))
        let x = b.leaf("x", Tensor(column: [0.5, -1, 2]))
        let L = try b.define("L", ap(.sum, ap(.matmul, n(W), n(x))))
        var g = b.graph
        try g.backward(from: L)
        // Closed forms: W̄ = 1 xᵀ (every row is xᵀ), x̄ = Wᵀ 1 (column sums of W).
        expectClose(g.gradient(of: W), Tensor(rowsOf: [[0.5, -1, 2], [0.5, -1, 2]]))
        expectClose(g.gradient(of: x), Tensor(column: [5, 7, 9]))
        for (id, expected) in [(W, Tensor(rowsOf: [[0.5, -1, 2], [0.5, -1, 2]])), (x, Tensor(column: [5, 7, 9]))] {
            let formula = g[L].definition!.pullback(toward: id, seed: .gradient(L), in: g)[0].simplified(in: g)
            expectClose(formula.evaluate(in: g), expected, "\(renderer(g).render(formula))")
        }

        var b2 = Builder()
        let h = b2.leaf("h", Tensor(column: [1, 2]))
        let L2 = try b2.define("L", ap(.mean, n(h)) + ap(.sum, n(h) * n(h)))
        var g2 = b2.graph
        try g2.backward(from: L2)
        expectClose(g2.gradient(of: h), Tensor(column: [0.5 + 2, 0.5 + 4]))
        let e = try g2.explainGradient(of: h, renderer: renderer(g2))
        let parts = g2[L2].definition!.pullback(toward: h, seed: .gradient(L2), in: g2)
        for p in parts {
            #expect(p.evaluate(in: g2).shape == Shape(rows: 2, columns: 1), "\(renderer(g2).render(p))")
        }
        #expect(e.value == g2.gradient(of: h))
    }
}
