import Foundation
import Testing
import BackpropCore
@testable import TutorScript

/// Lecture 002, "Simplified Example: Logistic Least Squares" and its regularized
/// form, typed in the command language, against the closed forms in plain Double math:
///   z = w x + b,  y = σ(z),  L = ½(y − t)²,  R = ½w²,  Lreg = L + λR
///   ȳ = y − t,  z̄ = ȳ σ(z)(1 − σ(z)),  w̄ = z̄ x (+ λ w),  b̄ = z̄,  x̄ = z̄ w,  t̄ = −ȳ
@Suite struct LectureExampleTests {
    struct Parameters: Sendable, CustomTestStringConvertible {
        var w, x, b, t, lambda: Double
        var testDescription: String { "w=\(w) x=\(x) b=\(b) t=\(t) λ=\(lambda)" }

        var script: String {
            """
            # Lecture 002
            w = \(w)
            x = \(x)
            b = \(b)
            t = \(t)
            lam = \(lambda)
            z = w*x + b
            y = sigmoid(z)
            L = 0.5*(y - t)^2
            R = 0.5*w^2
            Lreg = L + lam*R
            """
        }
    }

    static let cases: [Parameters] = [
        Parameters(w: 0.5, x: 1.5, b: 0.15, t: 1, lambda: 0.1),
        Parameters(w: -1.25, x: 0.3, b: 2, t: 0, lambda: 0.01),
        Parameters(w: 3, x: -2, b: -0.5, t: 1, lambda: 1),
        Parameters(w: 0.001, x: 7, b: 0, t: 0.25, lambda: 0),
    ]

    @Test("values and gradients of L = ½(σ(wx+b) − t)²", arguments: cases)
    func leastSquares(_ p: Parameters) throws {
        var s = Session()
        s.ok(p.script + "\nbackward L")
        let z = p.w * p.x + p.b
        let y = sigma(z)
        let ybar = y - p.t
        let zbar = ybar * y * (1 - y)
        expectClose(try s.current("z").scalar, z, "z")
        expectClose(try s.current("y").scalar, y, "y")
        expectClose(try s.current("L").scalar, 0.5 * (y - p.t) * (y - p.t), "L")
        expectClose(try s.gradient("L")?.scalar ?? .nan, 1, "L̄")
        expectClose(try s.gradient("y")?.scalar ?? .nan, ybar, "ȳ")
        expectClose(try s.gradient("z")?.scalar ?? .nan, zbar, "z̄")
        expectClose(try s.gradient("w")?.scalar ?? .nan, zbar * p.x, "w̄")
        expectClose(try s.gradient("b")?.scalar ?? .nan, zbar, "b̄")
        expectClose(try s.gradient("x")?.scalar ?? .nan, zbar * p.w, "x̄")
        expectClose(try s.gradient("t")?.scalar ?? .nan, -ybar, "t̄")
        // R and Lreg are not on L's paths.
        #expect(try s.gradient("R") == nil)
        #expect(try s.gradient("lam") == nil)
        // NAME.grad in an expression is the same number.
        expectClose(try s.scalar("w.grad"), zbar * p.x, "w.grad")
        expectClose(try s.scalar("z.grad * x"), zbar * p.x, "z.grad * x")
    }

    @Test("values and gradients of Lreg = L + λ·½w²", arguments: cases)
    func regularized(_ p: Parameters) throws {
        var s = Session()
        s.ok(p.script + "\nbackward Lreg")
        let z = p.w * p.x + p.b
        let y = sigma(z)
        let L = 0.5 * (y - p.t) * (y - p.t)
        let R = 0.5 * p.w * p.w
        let zbar = (y - p.t) * y * (1 - y)
        expectClose(try s.current("R").scalar, R, "R")
        expectClose(try s.current("Lreg").scalar, L + p.lambda * R, "Lreg")
        expectClose(try s.gradient("Lreg")?.scalar ?? .nan, 1, "L̄reg")
        expectClose(try s.gradient("L")?.scalar ?? .nan, 1, "L̄")
        expectClose(try s.gradient("R")?.scalar ?? .nan, p.lambda, "R̄")
        expectClose(try s.gradient("lam")?.scalar ?? .nan, R, "λ̄")
        expectClose(try s.gradient("z")?.scalar ?? .nan, zbar, "z̄")
        // w fans out to z and R: both paths add up.
        expectClose(try s.gradient("w")?.scalar ?? .nan, zbar * p.x + p.lambda * p.w, "w̄")
        expectClose(try s.gradient("b")?.scalar ?? .nan, zbar, "b̄")
    }

    @Test("show reports each value and, after backward, its gradient")
    func showAfterBackward() throws {
        var s = Session()
        let p = Self.cases[0]
        s.ok(p.script)
        let before = try s.shown("z w")
        #expect(before.map(\.name) == ["z", "w"])
        #expect(before.allSatisfy { $0.gradient == nil })
        s.ok("backward Lreg")
        let after = try s.shown("z w")
        let y = sigma(p.w * p.x + p.b)
        let zbar = (y - p.t) * y * (1 - y)
        expectClose(after[0].value.scalar, p.w * p.x + p.b, "z")
        expectClose(after[0].gradient?.scalar ?? .nan, zbar, "z̄")
        expectClose(after[1].gradient?.scalar ?? .nan, zbar * p.x + p.lambda * p.w, "w̄")
    }

    @Test("the lecture example as eval prints it")
    func transcript() {
        var s = Session()
        let text = s.text(Self.cases[0].script + "\nbackward Lreg\nshow z y w b")
        #expect(text == """
            z = 0.90000    z̄ = -0.059400
            y = 0.71095    ȳ = -0.28905
            w = 0.50000    w̄ = -0.039100
            b = 0.15000    b̄ = -0.059400

            """)
    }
}
