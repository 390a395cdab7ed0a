/// What an op's numeric rules see of one node on the tape. The drivers
/// (`Forward.swift`, `Backward.swift`) fill these in and dispatch on the op;
/// each op's file (`Arithmetic.swift`, `MatMul.swift`, …) holds its rules.
///
/// A numeric vector–Jacobian product reads the node's value and error signal
/// and *adds* its operands' contributions into their gradients (fan-out sums).
struct PullbackFrame {
    /// The node's shape, value y and error signal ḡ = ∂root/∂y.
    let shape: Shape
    let y: UnsafePointer<Double>
    let g: UnsafePointer<Double>
    /// The first operand: shape, value, gradient, and whether the backward pass wants it.
    let shapeA: Shape
    let a: UnsafePointer<Double>
    let ga: UnsafeMutablePointer<Double>
    let wantA: Bool
    /// The second operand (the first again for unary ops, with `wantB` false).
    let shapeB: Shape
    let b: UnsafePointer<Double>
    let gb: UnsafeMutablePointer<Double>
    let wantB: Bool
    /// The scaled-gradient arena of the fused log ops (see `Softmax.swift`).
    let scaled: UnsafeMutablePointer<Double>?

    var n: Int { shape.count }
    var na: Int { shapeA.count }
    var nb: Int { shapeB.count }
}
