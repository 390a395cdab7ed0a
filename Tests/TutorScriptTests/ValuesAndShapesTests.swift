import Foundation
import Testing
import BackpropCore
import ScriptSyntax
@testable import TutorScript

/// Scalars, vectors and matrices: operators, broadcasting, functions, indexing, shapes.
@Suite struct ValuesAndShapesTests {
    @Test("operator precedence and associativity")
    func precedence() throws {
        var s = Session()
        #expect(try s.scalar("1 + 2 * 3") == 7)
        #expect(try s.scalar("(1 + 2) * 3") == 9)
        #expect(try s.scalar("-2^2") == -4)
        #expect(try s.scalar("2^3^2") == 512)
        #expect(try s.scalar("8 / 4 / 2") == 1)
        #expect(try s.scalar("8 - 4 - 2") == 2)
        #expect(try s.scalar("2 * 3 @ 4") == 24)
        s.ok("x = 3")
        #expect(try s.scalar("-x^2") == -9)
        #expect(try s.scalar("x^-1") == 1.0 / 3)
        expectClose(try s.scalar("1e-3 * x"), 3e-3, "1e-3 * x")
    }

    @Test("matrix product and 1×1 broadcasting")
    func matmulAndBroadcasting() throws {
        var s = Session()
        s.ok("v = [1, 2, 3]\nW = [[1, 2, 3], [4, 5, 6]]\nc = 2")
        #expect(try s.value("W @ v") == Tensor(column: [14, 32]))
        #expect(try s.value("transpose(v) @ v") == Tensor(scalar: 14))
        #expect(try s.value("v @ transpose(v)") == Tensor(rowsOf: [[1, 2, 3], [2, 4, 6], [3, 6, 9]]))
        #expect(try s.value("W @ transpose(W)") == Tensor(rowsOf: [[14, 32], [32, 77]]))
        #expect(try s.value("c * v") == Tensor(column: [2, 4, 6]))
        #expect(try s.value("v * c") == Tensor(column: [2, 4, 6]))
        #expect(try s.value("v + 1") == Tensor(column: [2, 3, 4]))
        #expect(try s.value("1 - v") == Tensor(column: [0, -1, -2]))
        #expect(try s.value("v / 2") == Tensor(column: [0.5, 1, 1.5]))
        #expect(try s.value("6 / v") == Tensor(column: [6, 3, 2]))
        #expect(try s.value("v ^ 2") == Tensor(column: [1, 4, 9]))
        #expect(try s.value("v * v") == Tensor(column: [1, 4, 9]))
        #expect(try s.value("W * 10") == Tensor(rowsOf: [[10, 20, 30], [40, 50, 60]]))
        #expect(try s.value("-W") == Tensor(rowsOf: [[-1, -2, -3], [-4, -5, -6]]))

        // Gradients through @ and broadcasting.
        s.ok("L = sum(c * (W @ v))\nbackward L")
        #expect(try s.gradient("v") == Tensor(column: [10, 14, 18]))
        #expect(try s.gradient("W") == Tensor(rowsOf: [[2, 4, 6], [2, 4, 6]]))
        #expect(try s.gradient("c") == Tensor(scalar: 46))
    }

    @Test("shape errors name both shapes")
    func shapeErrors() throws {
        var s = Session()
        s.ok("u = [1, 2]\nv = [1, 2, 3]\nW = [[1, 2, 3], [4, 5, 6]]")
        let add = try s.failure("z = u + v")
        #expect(add.message == "cannot apply '+' to 2×1 and 3×1: elementwise operands must have the same shape, or one must be 1×1")
        #expect(add.span == SourceSpan(line: 1, column: 5, length: 5))
        let mul = try s.failure("u * W")
        #expect(mul.message.contains("2×1 and 2×3"), "\(mul.message)")
        let matmul = try s.failure("W @ u")
        #expect(matmul.message == "cannot multiply 2×3 @ 2×1: the inner dimensions 3 and 2 differ")
        let matmul2 = try s.failure("v @ W")
        #expect(matmul2.message == "cannot multiply 3×1 @ 2×3: the inner dimensions 1 and 2 differ")
        let softmax = try s.failure("softmax(W)")
        #expect(softmax.message == "softmax takes a column vector (n×1), not 2×3")
        let literal = try s.failure("[1, 2] - [1, 2, 3]")
        #expect(literal.message.contains("2×1 and 3×1"), "\(literal.message)")
        let entry = try s.failure("m = [u, 1]")
        #expect(entry.message == "a vector or matrix literal holds numbers; this mentions a quantity")
    }

    /// Every function in `Functions.all`, against plain Double math.
    static let expectations: [String: (argument: [Double], expected: [Double])] = [
        "sigmoid": ([-2, 0, 3], [-2, 0, 3].map(sigma)),
        "tanh": ([-0.5, 0, 2], [-0.5, 0, 2].map(Foundation.tanh)),
        "relu": ([-1, 0, 2.5], [0, 0, 2.5]),
        "softplus": ([-3, 0, 4], [-3, 0, 4].map { Foundation.log(1 + Foundation.exp($0)) }),
        "exp": ([-1, 0, 1.5], [-1, 0, 1.5].map(Foundation.exp)),
        "log": ([0.5, 1, 10], [0.5, 1, 10].map(Foundation.log)),
        "step": ([-1, 0, 2], [0, 1, 1]),
        "sign": ([-1, 0, 2], [-1, 1, 1]),
        "abs": ([-1.5, 0, 2], [1.5, 0, 2]),
        "sqrt": ([0, 2, 9], [0, 2.0.squareRoot(), 3]),
        "identity": ([-1, 0, 2], [-1, 0, 2]),
        "sum": ([1, 2, 3.5], [6.5]),
        "mean": ([1, 2, 3.5], [6.5 / 3]),
        "softmax": ([1, 2, 3], [1, 2, 3].map { Foundation.exp($0) / (Foundation.exp(1) + Foundation.exp(2) + Foundation.exp(3)) }),
        "transpose": ([1, 2, 3], [1, 2, 3]),
    ]

    @Test("every function in Functions.all has a test")
    func everyFunctionIsTested() {
        #expect(Set(Functions.names) == Set(Self.expectations.keys))
        for f in ["sigmoid", "tanh", "relu", "softplus", "exp", "log", "step", "sign", "sum", "mean", "softmax", "transpose"] {
            #expect(Functions.lookup(f) != nil, "the contract requires \(f)")
        }
    }

    @Test("functions of a leaf and of a literal", arguments: Functions.names)
    func function(_ name: String) throws {
        let (argument, expected) = try #require(Self.expectations[name])
        var s = Session()
        let literal = "[" + argument.map { "\($0)" }.joined(separator: ", ") + "]"
        s.ok("v = \(literal)\nf = \(name)(v)")
        let f = try s.current("f")
        expectClose(f, expected, name)
        let shape: Shape = switch name {
        case "sum", "mean": .scalar
        case "transpose": Shape(rows: 1, columns: 3)
        default: Shape(rows: 3, columns: 1)
        }
        #expect(f.shape == shape)
        // Folded from a literal, the same numbers.
        expectClose(try s.value("\(name)(\(literal))"), expected, name + " of a literal")
        // Scalars too, for the elementwise ones.
        if shape == Shape(rows: 3, columns: 1), name != "softmax" {
            expectClose(try s.scalar("\(name)(\(argument[2]))"), expected[2], name + " of a scalar")
        }
    }

    @Test("function call errors")
    func functionErrors() throws {
        var s = Session()
        let arity = try s.failure("sigmoid(1, 2)")
        #expect(arity.message == "sigmoid takes one argument, not 2")
        let unknown = try s.failure("nosuchfn(2)")
        #expect(unknown.message == "unknown function 'nosuchfn'")
        #expect(unknown.notes.first?.hasPrefix("the functions are: sigmoid, tanh") == true)
    }

    @Test("1-based indexing")
    func indexing() throws {
        var s = Session()
        s.ok("v = [10, 20, 30]\nW = [[1, 2, 3], [4, 5, 6]]\nr = transpose(v)")
        #expect(try s.scalar("v[1]") == 10)
        #expect(try s.scalar("v[2]") == 20)
        #expect(try s.scalar("v[3]") == 30)
        #expect(try s.scalar("W[1, 2]") == 2)
        #expect(try s.scalar("W[2, 3]") == 6)
        #expect(try s.scalar("r[2]") == 20)
        #expect(try s.scalar("v[1, 1]") == 10)
        #expect(try s.scalar("[7, 8][2]") == 8)
        #expect(try s.scalar("W[1 + 1, 2 * 1]") == 5)
        // Gradients flow into the indexed entry only.
        s.ok("L = W[2, 1] * v[3]\nbackward L")
        #expect(try s.gradient("W") == Tensor(rowsOf: [[0, 0, 0], [30, 0, 0]]))
        #expect(try s.gradient("v") == Tensor(column: [0, 0, 4]))
    }

    @Test("index out of range and malformed indices")
    func indexErrors() throws {
        var s = Session()
        s.ok("v = [10, 20, 30]\nW = [[1, 2, 3], [4, 5, 6]]")
        let cases: [(String, String, Int)] = [
            ("v[4]", "index 4 is out of range 1…3 for a 3×1 value", 3),
            ("v[0]", "index 0 is out of range 1…3 for a 3×1 value", 3),
            ("v[-1]", "index -1 is out of range 1…3 for a 3×1 value", 3),
            ("W[3, 1]", "row index 3 is out of range 1…2 for a 2×3 value", 3),
            ("W[1, 4]", "column index 4 is out of range 1…3 for a 2×3 value", 6),
            ("W[1]", "a 2×3 matrix takes two indices, as in [i, j]", 1),
            ("v[1.5]", "an index must be a whole number, not 1.5", 3),
            ("v[1, 2]", "column index 2 is out of range 1…1 for a 3×1 value", 6),
            ("v[v[1]]", "an index must be a whole number such as 1 or 2", 3),
        ]
        for (text, message, column) in cases {
            let d = try s.failure(text)
            #expect(d.message == message, "\(text)")
            #expect(d.span.start == SourcePosition(line: 1, column: column), "\(text)")
        }
    }

    @Test("NAME.grad before and after backward")
    func gradInExpressions() throws {
        var s = Session()
        s.ok("v = [1, 2, 3]\nu = [1]")
        let before = try s.failure("v.grad")
        #expect(before.message == "v has no gradient yet: run 'backward' first (e.g. 'backward L')")
        #expect(before.span.start == SourcePosition(line: 1, column: 1))
        s.ok("s = sum(v * v)\nbackward s")
        #expect(try s.value("v.grad") == Tensor(column: [2, 4, 6]))
        #expect(try s.scalar("s.grad") == 1)
        #expect(try s.value("v - 0.5 * v.grad") == Tensor(column: [0, 0, 0]))
        let unreached = try s.failure("u.grad")
        #expect(unreached.message == "u has no gradient: the last backward, from s, does not reach it")
        // NAME.grad is a constant: no gradient flows through it.
        s.ok("k = sum(v.grad * v)\nbackward k")
        #expect(try s.gradient("v") == Tensor(column: [2, 4, 6]))
    }

    @Test("backward needs a 1×1 quantity")
    func backwardOnNonScalar() throws {
        var s = Session()
        s.ok("v = [1, 2, 3]")
        let d = try s.failure("backward v")
        #expect(d.message == "backward needs a 1×1 quantity such as a loss; v is 3×1")
        #expect(d.span == SourceSpan(line: 1, column: 10, length: 1))
        let unknown = try s.failure("backward vv")
        #expect(unknown.message == "unknown name 'vv'")
        #expect(s.interpreter.graph.lastBackwardRoot == nil)
        // The acknowledgement counts the named quantities reached.
        let out = s.ok("L = sum(v)\nbackward L")
        #expect(out.last == .backwardDone(root: "L", reached: 2))
    }

    @Test("a bare expression does not change the session")
    func expressionsAreScratch() throws {
        var s = Session()
        s.ok("w = 2")
        let count = s.interpreter.graph.count
        #expect(try s.scalar("w * 3 + exp(w)") == 6 + exp(2))
        #expect(s.interpreter.graph.count == count)
    }
}
