import BackpropCore
import Testing
@testable import TutorScript

/// Lessons/05-gradient-descent.lesson against lecture 002's least squares,
/// E(w, b) = 1/(2N) Σ (w xₙ + b − tₙ)², ∇E = (1/N) Σ (xₙ, 1)(w xₙ + b − tₙ), gradient
/// descent w ← w − η∇E run here in a plain loop, and the curvature argument of
/// the lesson (w − w* ← (1 − ηc)(w − w*), c = mean x²) that lecture 004's
/// η = 0.125 against η = 0.5 illustrates.
@Suite("Lesson 05: gradient descent") struct GradientDescentLessonTests {
    static let id = "05-gradient-descent"

    struct LeastSquares {
        let x: [Double], t: [Double]
        var n: Double { Double(x.count) }

        func residuals(_ w: Double, _ b: Double) -> [Double] { zip(x, t).map { w * $0 + b - $1 } }
        func E(_ w: Double, _ b: Double) -> Double { residuals(w, b).reduce(0) { $0 + $1 * $1 } / (2 * n) }
        func gradient(_ w: Double, _ b: Double) -> (w: Double, b: Double) {
            let r = residuals(w, b)
            return (zip(x, r).reduce(0) { $0 + $1.0 * $1.1 } / n, r.reduce(0, +) / n)
        }

        /// The normal equations' solution.
        var wStar: Double {
            let mx = PlainMath.mean(x), mt = PlainMath.mean(t)
            return zip(x, t).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - mt) } / x.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
        }

        var bStar: Double { PlainMath.mean(t) - wStar * PlainMath.mean(x) }
        var eStar: Double { E(wStar, bStar) }
        /// d²E/dw².
        var c: Double { x.reduce(0) { $0 + $1 * $1 } / n }

        /// Full-batch gradient descent: the points w⁰, w¹, …, wᵏ.
        func descend(from start: (Double, Double), eta: Double, steps: Int) -> [(w: Double, b: Double)] {
            var path = [(w: start.0, b: start.1)]
            for _ in 0..<steps {
                let (w, b) = path.last!
                let g = gradient(w, b)
                path.append((w - eta * g.w, b - eta * g.b))
            }
            return path
        }

        /// ∂/∂w of the mean loss of the samples `indices` (0-based).
        func sampleGradient(_ w: Double, _ b: Double, samples indices: [Int]) -> Double {
            indices.reduce(0) { $0 + x[$1] * (w * x[$1] + b - t[$1]) } / Double(indices.count)
        }
    }

    /// Lessons/data/least-squares.csv, read with plain string code.
    static func fileData() throws -> LeastSquares {
        let text = try #require(LessonHarness.read(LessonHarness.lessonsDirectory + "/data/least-squares.csv"))
        let rows = text.split(separator: "\n").dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
        return LeastSquares(x: rows.map { $0[0] }, t: rows.map { $0[1] })
    }

    struct Expected {
        let data: LeastSquares
        let w, b: Double          // the drawn start of the first exercises
        let sgdW, sgdB: Double    // the drawn point of the SGD exercises

        init(_ recorded: RecordedLesson, data: LeastSquares) throws {
            self.data = data
            let first = try recorded.step("The gradient at your starting point")
            w = try first.number("w"); b = try first.number("b")
            let sgd = try recorded.step("SGD and mini-batches")
            sgdW = try sgd.rows("W1")[0][0]; sgdB = try sgd.vector("b1")[0]
        }

        var answers: [String: Tensor] {
            let g = data.gradient(w, b)
            return [
                "g1": Tensor(scalar: g.w), "g2": Tensor(scalar: g.b),
                "g3": Tensor(scalar: w - 0.125 * g.w), "g4": Tensor(scalar: w - 0.5 * g.w),
                "s1": Tensor(scalar: data.c), "s2": Tensor(scalar: 1 - 0.125 * data.c),
                "s3": Tensor(scalar: 1 - 0.5 * data.c),
                "m1": Tensor(scalar: data.sampleGradient(sgdW, sgdB, samples: [3])),
                "m2": Tensor(scalar: data.sampleGradient(sgdW, sgdB, samples: [0, 2, 3])),
            ]
        }
    }

    @Test func theNarratedFactsHoldForTheData() throws {
        let d = try Self.fileData()
        #expect(d.x == [-3, -1, 1, 3] && d.t == [-0.7, 0.4, 1.2, 2.6])
        #expect(PlainMath.mean(d.x) == 0, "E separates into a parabola in w and one in b")
        #expect(d.c == 5)
        #expect(abs(d.wStar - 0.535) < 1e-12 && abs(d.bStar - 0.875) < 1e-12)
        #expect(abs(d.eStar - 0.007875) < 1e-12)
        // 0.125 < 1/c: monotone; 1/c < 2/c = 0.4 < 0.5: divergence.
        #expect(0.125 < 1 / d.c && 2 / d.c == 0.4 && 0.5 > 2 / d.c)
    }

    @Test(arguments: [nil, "alice", "bob"] as [String?])
    func exercisesAndRunsMatchPlainGradientDescent(student: String?) throws {
        let h = try LessonHarness(Self.id, student: student)
        let recorded = RecordedLesson(h, student: student)
        #expect(recorded.errors.isEmpty)
        let data = try Self.fileData()
        let e = try Expected(recorded, data: data)
        for (id, value) in e.answers { expectClose(try h.exercise(id).expected, value, "\(id)") }

        // The lesson's X and T are the file's points, and its E is lecture 002's.
        let first = try recorded.step("The gradient at your starting point")
        #expect(try first.vector("X") == data.x && first.vector("T") == data.t)
        expectClose(first["E"]?.value, data.E(e.w, e.b))

        // η = 0.125 from (−1, 0): 2 steps, then 40 epochs of full-batch descent.
        let slow = data.descend(from: (-1, 0), eta: 0.125, steps: 42)
        let steps = recorded.gradientSteps
        #expect(steps.count == 4 && steps.allSatisfy { $0.samples == [0, 1, 2, 3] })
        for k in 0..<2 {
            expectClose(steps[k].after.weights[0], slow[k + 1].w)
            expectClose(steps[k].after.biases[0], slow[k + 1].b)
        }
        let afterSlow = try recorded.step("η = 0.125: steady descent")
        expectClose(afterSlow["W1"]?.value, Tensor(rowsOf: [[slow[42].w]]))
        expectClose(afterSlow["b1"]?.value, slow[42].b)
        // "covering the same share of the remaining distance, and never overshooting"
        // (checked while w − w* is well above rounding).
        for k in 0..<10 {
            #expect(slow[k + 1].w < data.wStar)
            #expect(abs((slow[k + 1].w - data.wStar) / (slow[k].w - data.wStar) - 0.375) < 1e-6)
            #expect(data.E(slow[k + 1].w, slow[k + 1].b) < data.E(slow[k].w, slow[k].b))
        }

        // η = 0.5 from the same start: 2 steps, then 20 epochs.
        let fast = data.descend(from: (-1, 0), eta: 0.5, steps: 22)
        for k in 0..<2 {
            expectClose(steps[k + 2].after.weights[0], fast[k + 1].w)
            expectClose(steps[k + 2].after.biases[0], fast[k + 1].b)
        }
        let afterFast = try recorded.step("η = 0.5: overshoot")
        expectClose(afterFast["W1"]?.value, Tensor(rowsOf: [[fast[22].w]]))
        expectClose(afterFast["b1"]?.value, fast[22].b)
        // "jumped past w* to the other side, and then back again, each time farther away";
        // the loss grows; b converges all the same (factor 0.5).
        for k in 0..<22 {
            let (before, after) = (fast[k].w - data.wStar, fast[k + 1].w - data.wStar)
            #expect(before * after < 0 && abs(after / before + 1.5) < 1e-9)
            #expect(data.E(fast[k + 1].w, fast[k + 1].b) > data.E(fast[k].w, fast[k].b))
        }
        #expect(abs(fast[22].b - data.bStar) < 1e-6)

        // The trainings: 40 and 20 epochs above, then the comparison.
        let runs = recorded.trainings
        #expect(runs.map(\.mode) == ["batch", "batch", "batch", "minibatch", "sgd", "batch", "sgd"])
        guard runs.count == 7 else { return }
        expectClose(Tensor(scalar: runs[0].result.loss), data.E(slow[42].w, slow[42].b))
        expectClose(Tensor(scalar: runs[1].result.loss), data.E(fast[22].w, fast[22].b))
        let batch10 = data.descend(from: (-1, 0), eta: 0.125, steps: 10).last!
        expectClose(Tensor(scalar: runs[2].result.loss), data.E(batch10.w, batch10.b))
        #expect(runs[2].result.steps == 10 && runs[3].result.steps == 20 && runs[4].result.steps == 40)
        // "after 10 epochs batch descent is still far from E*, the others are close"
        #expect(runs[2].result.loss > 4 * data.eStar)
        #expect(runs[3].result.loss < 1.5 * data.eStar && runs[4].result.loss < 1.5 * data.eStar)
        // "Batch descent settles at E* exactly; SGD keeps jittering a little above it."
        let batch200 = data.descend(from: (-1, 0), eta: 0.125, steps: 200).last!
        expectClose(Tensor(scalar: runs[5].result.loss), data.E(batch200.w, batch200.b))
        expectClose(Tensor(scalar: runs[5].result.loss), data.eStar)
        #expect(runs[6].result.steps == 800)
        #expect(runs[6].result.loss > 1.01 * data.eStar && runs[6].result.loss < 2 * data.eStar)
        LessonChecks.expectNarrationFits(h)
    }

    @Test func independentAnswersAreAllCorrect() throws {
        let data = try Self.fileData()
        for student in [nil, "alice", "bob"] as [String?] {
            let h = try LessonHarness(Self.id, student: student)
            try LessonChecks.expectAllCorrect(h, try Expected(RecordedLesson(h, student: student), data: data).answers)
        }
    }

    @Test func typicalSlipsGetTheirHint() throws {
        let h = try LessonHarness(Self.id, student: "alice")
        let e = try Expected(RecordedLesson(h, student: "alice"), data: try Self.fileData())
        let g = e.data.gradient(e.w, e.b)
        // Σ instead of the mean: lecture 002's unnormalized gradient.
        #expect(try LessonChecks.hint(h, "g1", given: Tensor(scalar: 4 * g.w)).contains("1/N"))
        // The mini-batch gradient summed instead of averaged over its 3 samples.
        let summed = 3 * e.data.sampleGradient(e.sgdW, e.sgdB, samples: [0, 2, 3])
        #expect(try LessonChecks.hint(h, "m2", given: Tensor(scalar: summed)).contains("1/N of the mean (N = 3)"))
        // Uphill.
        #expect(try LessonChecks.hint(h, "g3", given: Tensor(scalar: e.w + 0.125 * g.w)).contains("+ instead of −"))
        // Something else: the instructor's formula.
        #expect(try LessonChecks.hint(h, "g1", given: Tensor(scalar: 1234)).contains("(1/N) Σₙ xₙ"))
    }

    @Test func oneStudentsAnswersAreWrongForAnother() throws {
        let alice = try LessonHarness(Self.id, student: "alice")
        let bob = try LessonHarness(Self.id, student: "bob")
        try LessonChecks.expectVariantsDiffer(alice, bob, ids: ["g1", "g2", "g3", "g4", "m1", "m2"])
        // The curvature questions are about the shared data: the same for everyone.
        for id in ["s1", "s2", "s3"] {
            #expect(try alice.exercise(id).expected == bob.exercise(id).expected)
        }
    }
}
