#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import BackpropCore

// Shared helpers for the BackpropCore tests. Nothing here calls the engine to
// obtain an expected value: reference values come from plain Double math, and
// derivatives from the finite-difference routine below.

// MARK: A test-only generator

/// PCG32 (O'Neill, "PCG: A Family of Simple Fast Space-Efficient Statistically
/// Good Algorithms for Random Number Generation", 2014; XSH-RR output). Written
/// here so that test data is portable and independent of the engine's SplitMix64.
struct TestRNG {
    private var state: UInt64
    private let increment: UInt64

    init(seed: UInt64, stream: UInt64 = 54) {
        increment = (stream << 1) | 1
        state = 0
        _ = next32()
        state &+= seed
        _ = next32()
    }

    mutating func next32() -> UInt32 {
        let old = state
        state = old &* 6_364_136_223_846_793_005 &+ increment
        let xorShifted = UInt32(truncatingIfNeeded: ((old >> 18) ^ old) >> 27)
        let rotation = UInt32(truncatingIfNeeded: old >> 59)
        return (xorShifted >> rotation) | (xorShifted << ((0 &- rotation) & 31))
    }

    /// Uniform in [0, 1) with 53 random bits.
    mutating func unit() -> Double {
        let bits = (UInt64(next32()) << 21) ^ UInt64(next32() >> 11)
        return Double(bits & ((1 << 53) - 1)) * 0x1.0p-53
    }

    mutating func uniform(_ low: Double, _ high: Double) -> Double {
        low + (high - low) * unit()
    }

    /// Uniform in ±[low, high]: magnitude at least `low`, so kinks at 0 are avoided.
    mutating func awayFromZero(_ low: Double, _ high: Double) -> Double {
        let magnitude = uniform(low, high)
        return next32() & 1 == 0 ? magnitude : -magnitude
    }

    mutating func int(_ range: Range<Int>) -> Int {
        range.lowerBound + Int(next32() % UInt32(range.count))
    }

    mutating func tensor(_ rows: Int, _ columns: Int, _ sample: (inout TestRNG) -> Double) -> Tensor {
        var values: [Double] = []
        for _ in 0..<(rows * columns) { values.append(sample(&self)) }
        return Tensor(rows: rows, columns: columns, storage: values)
    }
}

// MARK: Comparisons

/// |a − b| ≤ tolerance · max(|a|, |b|, floor). Equal values (including equal
/// infinities) always pass; NaN never does.
func isClose(_ a: Double, _ b: Double, relative tolerance: Double, floor: Double = 0) -> Bool {
    if a == b { return true }
    guard a.isFinite, b.isFinite else { return false }
    return abs(a - b) <= tolerance * max(abs(a), abs(b), floor)
}

func expectClose(_ actual: Double, _ expected: Double, relative tolerance: Double = 1e-9, floor: Double = 0,
                 _ comment: @autoclosure () -> String = "",
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(isClose(actual, expected, relative: tolerance, floor: floor),
            "\(comment()) actual \(actual), expected \(expected)", sourceLocation: sourceLocation)
}

func expectClose(_ actual: Tensor?, _ expected: Tensor, relative tolerance: Double = 1e-9, floor: Double = 0,
                 _ comment: @autoclosure () -> String = "",
                 sourceLocation: SourceLocation = #_sourceLocation) {
    guard let actual else {
        Issue.record("\(comment()) missing tensor, expected \(expected.rowArrays)", sourceLocation: sourceLocation)
        return
    }
    guard actual.shape == expected.shape else {
        Issue.record("\(comment()) shape \(actual.shape), expected \(expected.shape)", sourceLocation: sourceLocation)
        return
    }
    for k in 0..<actual.count where !isClose(actual.storage[k], expected.storage[k], relative: tolerance, floor: floor) {
        let message = "\(comment()) entry \(k): actual \(actual.storage[k]), expected \(expected.storage[k]) "
            + "(actual \(actual.rowArrays), expected \(expected.rowArrays))"
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
        return
    }
}

/// Bit-for-bit equality, so that +0/−0 and exact results are really checked.
func expectIdentical(_ actual: Double, _ expected: Double, _ comment: @autoclosure () -> String = "",
                     sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.bitPattern == expected.bitPattern || (actual.isNaN && expected.isNaN),
            "\(comment()) actual \(actual), expected \(expected)", sourceLocation: sourceLocation)
}

// MARK: Finite differences (independent of Graph.gradCheck)

/// ∂f/∂x_k by central differences refined with two levels of Richardson
/// extrapolation. With D(h) = (f(x+h) − f(x−h)) / 2h = f' + c₂h² + c₄h⁴ + …,
///   R₁(h) = (4 D(h/2) − D(h)) / 3          removes the h² term,
///   R₂   = (16 R₁(h/2) − R₁(h)) / 15       removes the h⁴ term,
/// leaving O(h⁶) truncation error. h = 1e-3 · max(1, |x_k|).
///
/// Error budget, for the smooth functions used here (derivatives of order 7
/// bounded by ~10³ on the stencil): truncation ≈ h⁶ · 10³ ≈ 1e-15; rounding
/// ≈ ε·|f| / (h/4) · (amplification ≈ 3) ≈ 3e-12 · |f|, i.e. ≲ 1e-10 for the
/// |f| ≲ 30 losses here. Comparing at 1e-7 relative (with a small floor where
/// the gradient itself is tiny) is thus a margin of 10³ over the expected
/// error, while any wrong rule (a missing factor, a wrong sign, a transposed
/// index) shows up as an O(1) relative error.
func finiteDifference(_ x: [Double], _ k: Int, _ f: ([Double]) -> Double) -> Double {
    let h = 1e-3 * max(1, abs(x[k]))
    func central(_ step: Double) -> Double {
        var plus = x, minus = x
        plus[k] += step
        minus[k] -= step
        return (f(plus) - f(minus)) / (2 * step)
    }
    let d1 = central(h), d2 = central(h / 2), d4 = central(h / 4)
    let r1 = (4 * d2 - d1) / 3
    let r1half = (4 * d4 - d2) / 3
    return (16 * r1half - r1) / 15
}

/// The full gradient of f at x by `finiteDifference`.
func finiteDifferenceGradient(_ x: [Double], _ f: ([Double]) -> Double) -> [Double] {
    x.indices.map { finiteDifference(x, $0, f) }
}

/// Relative tolerance for engine-vs-finite-difference comparisons (see `finiteDifference`).
let fdTolerance = 1e-7
/// Gradients smaller than this are compared absolutely at fdTolerance · fdFloor.
let fdFloor = 1e-2

// MARK: Plain-Double reference math

enum Ref {
    static func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
    static func softplus(_ z: Double) -> Double { log(1 + exp(z)) }

    static func apply(_ f: ElementwiseFunction, _ z: Double) -> Double {
        switch f {
        case .sigmoid: sigmoid(z)
        case .tanh: (exp(z) - exp(-z)) / (exp(z) + exp(-z))
        case .relu: max(z, 0)
        case .softplus: softplus(z)
        case .exp: exp(z)
        case .log: log(z)
        case .step: z >= 0 ? 1 : 0
        case .sign: z >= 0 ? 1 : -1
        case .abs: z < 0 ? -z : z
        case .sqrt: pow(z, 0.5)
        case .identity: z
        }
    }

    /// Closed-form derivatives, written from the textbook formulas (not from y).
    static func derivative(_ f: ElementwiseFunction, _ z: Double) -> Double {
        switch f {
        case .sigmoid: exp(-z) / ((1 + exp(-z)) * (1 + exp(-z)))
        case .tanh: 1 / (cosh(z) * cosh(z))
        case .relu: z > 0 ? 1 : 0
        case .softplus: 1 / (1 + exp(-z))
        case .exp: exp(z)
        case .log: 1 / z
        case .step, .sign: 0
        case .abs: z > 0 ? 1 : -1
        case .sqrt: 1 / (2 * pow(z, 0.5))
        case .identity: 1
        }
    }

    static func matmul(_ a: Tensor, _ b: Tensor) -> Tensor {
        var out = Tensor(rows: a.rows, columns: b.columns)
        for i in 0..<a.rows {
            for j in 0..<b.columns {
                var s = 0.0
                for p in 0..<a.columns { s += a[i, p] * b[p, j] }
                out[i, j] = s
            }
        }
        return out
    }

    static func transpose(_ a: Tensor) -> Tensor {
        var out = Tensor(rows: a.columns, columns: a.rows)
        for i in 0..<a.rows { for j in 0..<a.columns { out[j, i] = a[i, j] } }
        return out
    }

    static func softmax(_ z: [Double]) -> [Double] {
        let m = z.max()!
        let e = z.map { exp($0 - m) }
        let s = e.reduce(0, +)
        return e.map { $0 / s }
    }

    /// Elementwise with 1×1 broadcasting on either side.
    static func zip(_ a: Tensor, _ b: Tensor, _ f: (Double, Double) -> Double) -> Tensor {
        let shape = a.count == 1 ? b.shape : a.shape
        let n = shape.count
        let values = (0..<n).map { k in f(a.count == 1 ? a.storage[0] : a.storage[k],
                                          b.count == 1 ? b.storage[0] : b.storage[k]) }
        return Tensor(rows: shape.rows, columns: shape.columns, storage: values)
    }
}

// MARK: Building graphs as the interpreter does

/// A small builder that mirrors what the interpreter does for `name = expr`:
/// the expression's ops become unnamed nodes, the last one is bound to the
/// name with the expression as its `Formula` definition.
struct Builder {
    var graph = Graph()

    mutating func leaf(_ name: String, _ value: Tensor) -> NodeID {
        let id = graph.addLeaf(value)
        graph.bind(name, to: id, definition: nil)
        return id
    }

    mutating func leaf(_ name: String, _ value: Double) -> NodeID {
        leaf(name, Tensor(scalar: value))
    }

    /// Builds the nodes for `formula` (its `.node` references must exist) and binds `name`.
    @discardableResult
    mutating func define(_ name: String, _ formula: Formula) throws -> NodeID {
        var id = try build(formula)
        if case .node = formula {
            // An alias gets its own node, as `a = b` must not rename b.
            id = try graph.addOp(.function(.identity), [id])
        }
        graph.bind(name, to: id, definition: formula)
        return id
    }

    mutating func build(_ formula: Formula) throws -> NodeID {
        switch formula {
        case .node(let id):
            return id
        case .literal(let t, _):
            return graph.addConstant(t)
        case let .apply(op, args):
            let inputs = try args.map { try build($0) }
            return try graph.addOp(op, inputs)
        case .gradient, .derivative, .scatter:
            Issue.record("not a source formula: \(formula)")
            return graph.addConstant(Tensor(scalar: .nan))
        }
    }
}

/// Formula shorthands, so definitions read like the source: `n(w) * n(x) + n(b)`.
func n(_ id: NodeID) -> Formula { .node(id) }
func lit(_ x: Double) -> Formula { .scalar(x) }
func ap(_ op: Op, _ args: Formula...) -> Formula { .apply(op, args) }
func fn(_ f: ElementwiseFunction, _ x: Formula) -> Formula { .apply(.function(f), [x]) }

func + (a: Formula, b: Formula) -> Formula { .apply(.add, [a, b]) }
func - (a: Formula, b: Formula) -> Formula { .apply(.subtract, [a, b]) }
func * (a: Formula, b: Formula) -> Formula { .apply(.multiply, [a, b]) }
func / (a: Formula, b: Formula) -> Formula { .apply(.divide, [a, b]) }
prefix func - (a: Formula) -> Formula { .apply(.negate, [a]) }
precedencegroup FormulaPowerPrecedence {
    higherThan: MultiplicationPrecedence
    associativity: right
}
infix operator ^^ : FormulaPowerPrecedence
func ^^ (a: Formula, b: Formula) -> Formula { .apply(.power, [a, b]) }

/// The renderer the front ends use (typographic minus).
func renderer(_ graph: Graph) -> FormulaRenderer { FormulaRenderer(graph: graph) }
