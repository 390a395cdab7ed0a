#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Tensor {
    /// An empty tensor used while a node's buffer is being rewritten in place.
    static let placeholder = Tensor(rows: 0, columns: 0, storage: [])
}

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
    /// Recomputes node `id`'s value from its inputs, in place.
    mutating func computeValue(of id: NodeID) {
        let node = nodes[id]
        guard node.op.arity > 0 else { return }
        var out = nodes[id].value
        nodes[id].value = .placeholder
        defer { nodes[id].value = out }
        let a = nodes[node.input0].value
        switch node.op {
        case .leaf, .constant:
            break
        case .add, .subtract, .multiply, .divide, .power:
            let b = nodes[node.input1].value
            Self.elementwise(node.op, a, b, into: &out)
        case .matmul:
            TensorKernels.matmul(a, nodes[node.input1].value, into: &out)
        case .negate:
            for k in 0..<out.count { out.storage[k] = -a.storage[k] }
        case .function(let f):
            for k in 0..<out.count { out.storage[k] = f.apply(a.storage[k]) }
        case .logSigmoid:
            let z = nodes[nodes[node.input0].input0].value
            for k in 0..<out.count { out.storage[k] = StableMath.logSigmoid(z.storage[k]) }
        case .softmax, .logSoftmax:
            let z = node.op == .softmax ? a : nodes[nodes[node.input0].input0].value
            let lse = z.storage.withUnsafeBufferPointer { StableMath.logSumExp($0) }
            for k in 0..<out.count {
                let logp = z.storage[k] - lse
                out.storage[k] = node.op == .softmax ? exp(logp) : logp
            }
        case .sum, .mean:
            var s = 0.0
            for v in a.storage { s += v }
            out.storage[0] = node.op == .sum ? s : s / Double(a.count)
        case .transpose:
            TensorKernels.transpose(a, into: &out)
        case let .index(row, column):
            out.storage[0] = a[row, column]
        }
    }

    /// out = a op b elementwise, a 1×1 operand broadcast over the other.
    static func elementwise(_ op: Op, _ a: Tensor, _ b: Tensor, into out: inout Tensor) {
        let n = out.count
        let sa = a.count == 1 && n != 1, sb = b.count == 1 && n != 1
        for k in 0..<n {
            let x = sa ? a.storage[0] : a.storage[k]
            let y = sb ? b.storage[0] : b.storage[k]
            out.storage[k] = Self.scalarBinary(op, x, y)
        }
    }

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
