import BackpropCore
import Foundation
import ScriptSyntax
import Testing
@testable import TutorScript

/// Each slip the issue names is recognised from the engine's rules, whatever
/// the lesson: the checker's hint names it. Expected values are computed here.
@Suite struct MistakeDiagnosisTests {
    /// Runs `script` and returns the exercise `ask`ed last.
    func exercise(_ script: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Exercise {
        var s = Session()
        let outputs = s.ok(script, sourceLocation: sourceLocation)
        let exercises = outputs.compactMap { if case .exercise(let e) = $0 { e } else { nil } }
        return try #require(exercises.last, sourceLocation: sourceLocation)
    }

    func hint(_ e: Exercise, _ given: Tensor) -> String {
        let r = e.check(given)
        #expect(!r.correct)
        return r.hint ?? ""
    }

    static let logistic = "w = 0.5\nx = 1.5\nb = 0.1\nt = 1\nz = w*x + b\ny = sigmoid(z)\nL = 0.5*(y - t)^2\n"
    static func logisticValues() -> (y: Double, ybar: Double, zbar: Double) {
        let z = 0.5 * 1.5 + 0.1, y = 1 / (1 + exp(-z))
        return (y, y - 1, (y - 1) * y * (1 - y))
    }

    @Test func rightAnswersWithinTolerance() throws {
        let e = try exercise(Self.logistic + "backward L\nask q z.grad \"z̄?\"")
        let zbar = Self.logisticValues().zbar
        #expect(e.check(Tensor(scalar: zbar * 1.004)).correct)       // within 0.5 %
        #expect(!e.check(Tensor(scalar: zbar * 1.006)).correct)
        #expect(e.check(Tensor(column: [zbar])).correct)              // [v] for a scalar is fine
        let loose = try exercise(Self.logistic + "backward L\nask q z.grad \"z̄?\" tol=0.02")
        #expect(loose.check(Tensor(scalar: zbar * 1.015)).correct)
        // At 0 the absolute tolerance 1e-4 applies.
        let zero = try exercise("a = 0\nask q a \"a?\"")
        #expect(zero.check(Tensor(scalar: 0.00005)).correct)
        #expect(!zero.check(Tensor(scalar: 0.0002)).correct)
        // Near 0 it is narrowed when a slip lies inside it: 5e-6 (a factor of 2 too small) is
        // 0.05 bands from 1e-5, so the band becomes a third of that.
        let tiny = try exercise("a = 0.00001\nask q a \"a?\"")
        #expect(abs(tiny.bandScale - 0.05 / 3) < 1e-12)
        #expect(tiny.check(Tensor(scalar: 0.0000101)).correct)
        #expect(!tiny.check(Tensor(scalar: 0.000005)).correct)
        #expect(!tiny.check(Tensor(scalar: -0.00001)).correct)
        let close = tiny.check(Tensor(scalar: 0.00005))
        #expect(!close.correct)
        #expect(close.hint?.hasPrefix("close, but too few digits to tell it from a slip") == true, "\(close.hint ?? "")")
    }

    @Test("forgot σ'(z): gave ȳ for z̄")
    func forgotLocalDerivative() throws {
        let e = try exercise(Self.logistic + "backward L\nask q z.grad \"z̄?\"")
        #expect(hint(e, Tensor(scalar: Self.logisticValues().ybar)).hasPrefix("forgot σ'(z)"))
    }

    @Test("used a for z: σ' evaluated at y")
    func derivativeAtTheOutput() throws {
        let e = try exercise(Self.logistic + "backward L\nask q z.grad \"z̄?\"")
        let v = Self.logisticValues()
        let atY = 1 / (1 + exp(-v.y))
        #expect(hint(e, Tensor(scalar: v.ybar * atY * (1 - atY))).hasPrefix("evaluated σ' at the output y"))
    }

    @Test func wrongSign() throws {
        let e = try exercise(Self.logistic + "backward L\nask q z.grad \"z̄?\"")
        #expect(hint(e, Tensor(scalar: -Self.logisticValues().zbar)) == "wrong sign")
    }

    @Test("missed the fan-out / the regularization term")
    func missedFanOut() throws {
        let e = try exercise(Self.logistic + "lam = 0.1\nR = 0.5*w^2\nLreg = L + lam*R\nbackward Lreg\nask q w.grad \"w̄?\"")
        let zbar = Self.logisticValues().zbar
        let onlyThroughZ = zbar * 1.5
        let h = hint(e, Tensor(scalar: onlyThroughZ))
        #expect(h.hasPrefix("missed the fan-out: w also feeds R"), "\(h)")
        #expect(e.check(Tensor(scalar: onlyThroughZ + 0.1 * 0.5)).correct)
    }

    @Test("dropped the ½ of the squared error")
    func droppedHalf() throws {
        let e = try exercise(Self.logistic + "backward L\nask q y.grad \"ȳ?\"")
        #expect(hint(e, Tensor(scalar: 2 * Self.logisticValues().ybar)).contains("dropped the ½"))
    }

    @Test("dropped the 1/N of a mean")
    func droppedMean() throws {
        let e = try exercise("w = 0.5\nx = [1, 2, 3, 4]\nt = [1, 0, 1, 0]\nL = mean((w*x - t)^2)\nbackward L\nask q w.grad \"w̄?\"")
        let x = [1.0, 2, 3, 4], t = [1.0, 0, 1, 0]
        let wbar = zip(x, t).map { 2 * (0.5 * $0 - $1) * $0 }.reduce(0, +) / 4
        #expect(e.check(Tensor(scalar: wbar)).correct)
        #expect(hint(e, Tensor(scalar: 4 * wbar)).contains("dropped the 1/N"))
    }

    @Test("transposed a matrix gradient")
    func transposed() throws {
        let e = try exercise("W = [[1, 2, 3], [4, 5, 6]]\nx = [1, -1, 2]\nL = sum(sigmoid(W @ x))\nbackward L\nask q W.grad \"W̄?\"")
        let W = [[1.0, 2, 3], [4, 5, 6]], x = [1.0, -1, 2]
        let zbar = W.map { row -> Double in
            let z = zip(row, x).map(*).reduce(0, +)
            let s = 1 / (1 + exp(-z))
            return s * (1 - s)
        }
        let expected = Tensor(rowsOf: zbar.map { zb in x.map { zb * $0 } })
        #expect(e.check(expected).correct)
        #expect(hint(e, expected.transposed).hasPrefix("transposed"))
    }

    @Test("gave p for the softmax gradient instead of p − e_y")
    func softmaxWithoutTarget() throws {
        let e = try exercise("z = [1, 2, 0.5]\nt = [0, 1, 0]\nL = -sum(t * log(softmax(z)))\nbackward L\nask q z.grad \"z̄?\"")
        let z = [1.0, 2, 0.5], m = z.max()!, s = z.map { exp($0 - m) }.reduce(0, +)
        let p = z.map { exp($0 - m) / s }
        #expect(e.check(Tensor(column: [p[0], p[1] - 1, p[2]])).correct)
        #expect(hint(e, Tensor(column: p)).hasPrefix("gave p = softmax(z)"))
    }

    @Test("stepped with + instead of −")
    func steppedUphill() throws {
        let e = try exercise(Self.logistic + "backward L\nask q w - 0.5*w.grad \"w after a step?\"")
        let wbar = Self.logisticValues().zbar * 1.5
        #expect(e.check(Tensor(scalar: 0.5 - 0.5 * wbar)).correct)
        #expect(hint(e, Tensor(scalar: 0.5 + 0.5 * wbar)).hasPrefix("stepped with + instead of −"))
    }

    @Test("a term left out of a value keeps the other terms' signs")
    func termLeftOut() throws {
        let e = try exercise("a = 2\nb = 3\nc = 0.5\nz = a - b - c\nask q z \"z?\"")
        #expect(e.check(Tensor(scalar: -1.5)).correct)
        #expect(hint(e, Tensor(scalar: -3.5)).hasPrefix("left out the term a"))   // −b − c
        #expect(hint(e, Tensor(scalar: 1.5)).hasPrefix("left out the term b"))    // a − c
        #expect(hint(e, Tensor(scalar: -1)).hasPrefix("left out the term c"))     // a − b
    }

    @Test("a term left out one level down is named: h = σ(Wx) for σ(Wx + b)")
    func termLeftOutOneLevelDown() throws {
        let e = try exercise("W = [[0.5, -1], [2, 0.25]]\nx = [0.4, -0.3]\nb = [0.1, -0.2]\nz = W @ x + b\nh = sigmoid(z)\n"
                             + "ask q h \"h?\"")
        let wx = [0.5 * 0.4 + 1 * 0.3, 2 * 0.4 - 0.25 * 0.3], b = [0.1, -0.2]
        func sigmoid(_ v: Double) -> Double { 1 / (1 + exp(-v)) }
        #expect(e.check(Tensor(column: [sigmoid(wx[0] + b[0]), sigmoid(wx[1] + b[1])])).correct)
        let noBias = hint(e, Tensor(column: [sigmoid(wx[0]), sigmoid(wx[1])]))
        #expect(noBias.hasPrefix("left out the term b of z inside h = σ(z): z = W x + b")
                    || noBias.hasPrefix("left out the term b of z inside h = σ(z): z = Wx + b"), "\(noBias)")
        #expect(hint(e, Tensor(column: [sigmoid(b[0]), sigmoid(b[1])])).hasPrefix("left out the term W"))
    }

    @Test("a slip of the gradient carried into a step is named as that slip")
    func gradientSlipCarriedIntoAStep() throws {
        // w feeds z and R = ½λw², so w̄ = z̄x + λw (R̄ = 1).
        let script = Self.logistic + "lambda = 0.1\nR = 0.5 * lambda * w^2\nLreg = L + R\nbackward Lreg\n"
            + "eta = 0.5\nask q w - eta*w.grad \"w after a step?\""
        let e = try exercise(script)
        let zbar = Self.logisticValues().zbar
        let wbar = zbar * 1.5 + 0.1 * 0.5
        #expect(e.check(Tensor(scalar: 0.5 - 0.5 * wbar)).correct)
        let fanOut = hint(e, Tensor(scalar: 0.5 - 0.5 * zbar * 1.5))
        #expect(fanOut.hasPrefix("the step is right but w̄ is not: missed the fan-out"), "\(fanOut)")
        let y = Self.logisticValues().y
        let forgotSigmaPrime = hint(e, Tensor(scalar: 0.5 - 0.5 * ((y - 1) * 1.5 + 0.1 * 0.5)))
        #expect(forgotSigmaPrime.hasPrefix("the step is right but w̄ is not: forgot σ'"), "\(forgotSigmaPrime)")
    }

    @Test("the transpose hint talks about shapes only where they differ")
    func transposeHint() throws {
        let square = try exercise("A = [[1, 2], [3, 4]]\nask q A * 1 \"A?\"")
        #expect(hint(square, Tensor(rows: 2, columns: 2, storage: [1, 3, 2, 4]))
                    == "transposed: rows and columns swapped (your entry (i, j) is the answer's (j, i))")
        let wide = try exercise("A = [[1, 2, 5], [3, 4, 6]]\nask q A * 1 \"A?\"")
        #expect(hint(wide, Tensor(rows: 3, columns: 2, storage: [1, 3, 2, 4, 5, 6]))
                    == "transposed: the answer should be 2×3, this is 3×2")
    }

    @Test("no slip fits: the rule to apply; the instructor's hint wins")
    func fallbackHints() throws {
        let e = try exercise(Self.logistic + "backward L\nask q z.grad \"z̄?\"")
        #expect(hint(e, Tensor(scalar: 42)) == "not quite; the rule to apply: z̄ = ȳ · σ'(z)")
        let custom = try exercise(Self.logistic + "backward L\nask q z.grad \"z̄?\" hint=\"multiply ȳ by σ'(z)\"")
        #expect(hint(custom, Tensor(scalar: 42)) == "multiply ȳ by σ'(z)")
        #expect(e.check(nil).hint == "no answer given; the rule to apply: z̄ = ȳ · σ'(z)")
        #expect(hint(e, Tensor(rowsOf: [[1, 2], [3, 4]])) == "the answer is 1×1, this is 2×2")
    }

    @Test("random(): the same seed and place give the same number; digits round it")
    func randomVariants() throws {
        func w(_ seed: UInt64) throws -> Double {
            var interpreter = Interpreter()
            interpreter.variantSeed = seed
            let source = SourceFile(name: "t", text: "w = random(-1, 1, digits=2)\n")
            _ = ScriptRunner.run(source, interpreter: &interpreter) { _, _ in }
            return interpreter.graph.value(of: try #require(interpreter.graph.bindings["w"])).scalar
        }
        #expect(try w(1) == w(1))
        let values = try (0..<20).map { try w(UInt64($0)) }
        #expect(Set(values).count > 10)
        for v in values {
            #expect(v >= -1 && v <= 1)
            #expect(abs(v * 100 - (v * 100).rounded()) < 1e-9)
        }
        #expect(StudentSeed.seed(for: "alice") == StudentSeed.seed(for: "alice"))
    }

    @Test("random(): editing other lines keeps a student's numbers; distinct draws differ")
    func randomDrawsAreNamedNotPlaced() throws {
        func values(_ text: String, seed: UInt64 = 7) throws -> [String: Double] {
            var interpreter = Interpreter()
            interpreter.variantSeed = seed
            _ = ScriptRunner.run(SourceFile(name: "t", text: text), interpreter: &interpreter) { _, _ in }
            var out: [String: Double] = [:]
            for (name, id) in interpreter.graph.bindings { out[name] = interpreter.graph.value(of: id).storage[0] }
            return out
        }
        let original = try values("w = random(-1, 1)\nb = random(-1, 1) + 0*random(5, 6)\n")
        // The same lesson with narration added, lines moved and spaces changed.
        let edited = try values("# a comment\nx = 3\n\nb =  random(-1, 1) + 0*random(5, 6)\nw   = random(-1, 1)\n")
        #expect(original["w"] == edited["w"])
        #expect(original["b"] == edited["b"])
        #expect(original["w"] != original["b"])          // different names, different draws
        // Drawing w again gives a new number (the second assignment updates the leaf in place).
        let twice = try values("w = random(-1, 1)\nw = random(-1, 1)\n")
        #expect(twice["w"] != original["w"])
        // Another student, other numbers.
        #expect(try values("w = random(-1, 1)\n", seed: 8)["w"] != original["w"])
        #expect(StudentSeed.seed(for: "alice") != StudentSeed.seed(for: "bob"))
    }
}
