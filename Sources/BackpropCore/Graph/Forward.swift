#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension ElementwiseFunction {
    /// f(z).
    @inline(__always)
    public func apply(_ z: Double) -> Double {
        switch self {
        case .sigmoid: StableMath.sigmoid(z)
        case .tanh: Glibc.tanh(z)
        case .relu: z > 0 ? z : 0
        case .softplus: StableMath.softplus(z)
        case .exp: Glibc.exp(z)
        case .log: Glibc.log(z)
        case .step: z >= 0 ? 1 : (z.isNaN ? .nan : 0)
        case .sign: z >= 0 ? 1 : (z.isNaN ? .nan : -1)
        case .abs: Swift.abs(z)
        case .sqrt: z.squareRoot()
        case .identity: z
        }
    }

    /// f'(z), given z and y = f(z) (many derivatives are cheapest from y).
    /// step and sign have derivative 0 (their jump at 0 is not differentiable);
    /// relu'(0) and abs'(0) are taken as 0.
    @inline(__always)
    public func derivative(at z: Double, output y: Double) -> Double {
        switch self {
        case .sigmoid: y * (1 - y)
        case .tanh: 1 - y * y
        case .relu: z > 0 ? 1 : 0
        case .softplus: StableMath.sigmoid(z)
        case .exp: y
        case .log: 1 / z
        case .step, .sign: z.isNaN ? .nan : 0
        case .abs: z > 0 ? 1 : (z < 0 ? -1 : 0)
        case .sqrt: 0.5 / y
        case .identity: 1
        }
    }
}

extension Graph {
    /// Recomputes the values of nodes `first...last` (in tape order) from their
    /// inputs, in place in the value arena.
    mutating func computeValues(from first: NodeID, through last: NodeID) {
        let tape = layout
        values.withUnsafeMutableBufferPointer { arena in
            let base = arena.baseAddress!
            for id in first...last where tape.ops[id].arity > 0 {
                tape.computeValue(of: id, base)
            }
        }
    }

    /// The layout arrays, shared (not copied) so kernels can read them while
    /// the value or gradient arena is borrowed for writing.
    var layout: TapeLayout {
        TapeLayout(ops: ops, input0: input0, input1: input1, shapes: shapes, offsets: offsets)
    }
}

/// Which op each node applies, to which inputs, and where its entries live.
struct TapeLayout {
    let ops: [Op]
    let input0: [NodeID]
    let input1: [NodeID]
    let shapes: [Shape]
    let offsets: [Int]

    @inline(__always)
    func computeValue(of id: NodeID, _ base: UnsafeMutablePointer<Double>) {
        let op = ops[id]
        let out = base + offsets[id]
        let n = shapes[id].count
        let a0 = input0[id]
        let a = UnsafePointer(base + offsets[a0])
        let na = shapes[a0].count
        switch op {
        case .leaf, .constant:
            break
        case .add, .subtract, .multiply, .divide, .power:
            let b1 = input1[id]
            let b = UnsafePointer(base + offsets[b1])
            let nb = shapes[b1].count
            let sa = na == 1 && n != 1, sb = nb == 1 && n != 1
            for k in 0..<n {
                out[k] = Graph.scalarBinary(op, sa ? a[0] : a[k], sb ? b[0] : b[k])
            }
        case .matmul:
            let sa = shapes[a0], b1 = input1[id]
            TensorKernels.matmul(a, UnsafePointer(base + offsets[b1]), out,
                                 m: sa.rows, k: sa.columns, n: shapes[b1].columns, accumulate: false)
        case .negate:
            for k in 0..<n { out[k] = -a[k] }
        case .function(let f):
            for k in 0..<n { out[k] = f.apply(a[k]) }
        case .logSigmoid:
            let z = base + offsets[input0[a0]]
            for k in 0..<n { out[k] = StableMath.logSigmoid(z[k]) }
        case .softmax, .logSoftmax:
            let z = UnsafePointer(op == .softmax ? a : UnsafePointer(base + offsets[input0[a0]]))
            let lse = StableMath.logSumExp(UnsafeBufferPointer(start: z, count: n))
            for k in 0..<n {
                let logp = z[k] - lse
                out[k] = op == .softmax ? exp(logp) : logp
            }
        case .sum, .mean:
            var s = 0.0
            for k in 0..<na { s += a[k] }
            out[0] = op == .sum ? s : s / Double(na)
        case .transpose:
            let sa = shapes[a0]
            for i in 0..<sa.rows {
                for j in 0..<sa.columns { out[j * sa.rows + i] = a[i * sa.columns + j] }
            }
        case let .index(row, column):
            out[0] = a[row * shapes[a0].columns + column]
        }
    }

}

extension Graph {
    @inline(__always)
    static func scalarBinary(_ op: Op, _ x: Double, _ y: Double) -> Double {
        switch op {
        case .add: x + y
        case .subtract: x - y
        case .multiply: x * y
        case .divide: x / y
        case .power: Self.power(x, y)
        default: .nan
        }
    }

    /// x^y, with small integer exponents done by multiplication (exact, and
    /// defined for negative x as the math is: (−2)^2 = 4).
    @inline(__always)
    static func power(_ x: Double, _ y: Double) -> Double {
        switch y {
        case 1: x
        case 2: x * x
        case 3: x * x * x
        case 0: 1
        case -1: 1 / x
        default: pow(x, y)
        }
    }
}
