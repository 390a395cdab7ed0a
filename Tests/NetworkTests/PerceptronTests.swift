import Testing
import BackpropCore

@Suite("perceptron and margin")
struct PerceptronTests {
    /// (x, y, activation before, updated, w after, b after), traced by hand on AND:
    /// order (0,0) (0,1) (1,0) (1,1), y = −1 −1 −1 +1, w = 0, b = 0.
    static let andTrace: [([Double], Double, Double, Bool, [Double], Double)] = [
        // epoch 1
        ([0, 0], -1, 0, true, [0, 0], -1),
        ([0, 1], -1, -1, false, [0, 0], -1),
        ([1, 0], -1, -1, false, [0, 0], -1),
        ([1, 1], 1, -1, true, [1, 1], 0),
        // epoch 2
        ([0, 0], -1, 0, true, [1, 1], -1),
        ([0, 1], -1, 0, true, [1, 0], -2),
        ([1, 0], -1, -1, false, [1, 0], -2),
        ([1, 1], 1, -1, true, [2, 1], -1),
        // epoch 3
        ([0, 0], -1, -1, false, [2, 1], -1),
        ([0, 1], -1, 0, true, [2, 0], -2),
        ([1, 0], -1, 0, true, [1, 0], -3),
        ([1, 1], 1, -2, true, [2, 1], -2),
    ]

    @Test("AND, one visit at a time, as traced by hand")
    func andVisits() throws {
        var p = try Perceptron(data: BuiltinDataset.and.dataset)
        for (k, step) in Self.andTrace.enumerated() {
            let visit = p.visit()
            let v = try #require(visit)
            #expect(v.epoch == k / 4 + 1 && v.sample == k % 4)
            #expect(v.x == step.0 && v.y == step.1 && v.activation == step.2, "visit \(k + 1)")
            #expect(v.margin == step.1 * step.2)
            #expect(v.updated == step.3, "visit \(k + 1)")
            #expect(v.w == step.4 && v.b == step.5, "visit \(k + 1)")
        }
        #expect(p.updates == 8 && p.epochs == 3)
        #expect(p.epochLog.map(\.updates) == [2, 3, 3])
    }

    @Test("AND: 18 updates to w = (3, 2), b = −4, in 9 epochs; within the bound 4R²/γ² = 51")
    func andRun() throws {
        let r = try PerceptronReport.run(BuiltinDataset.and.dataset)
        #expect(r.updates == 18)
        #expect(r.w == [3, 2] && r.b == -4)
        #expect(r.epochs == 9 && r.converged)
        #expect(r.epochLog.last!.updates == 0 && r.epochLog.last!.errors == 0)
        #expect(r.radius == 3.0.squareRoot())
        // Max margin by hand: the nearest point of conv{y x̃} to 0 is (2, 2, −3)/17,
        // so ρ = 1/√17, w̃* = (2, 2, −3)/√17, γ = 2ρ and 4R²/γ² = R²/ρ² = 3 · 17 = 51.
        #expect(r.separable)
        #expect(abs(r.margin! - 1 / 17.0.squareRoot()) < 1e-12)
        #expect(abs(r.gamma! - 2 / 17.0.squareRoot()) < 1e-12)
        #expect(abs(r.bound! - 51) < 1e-9)
        #expect(r.withinBound == true)
        #expect(Reference.maxRelativeDifference(r.svm.weights, [2, 2, -3]) < 1e-12)
        #expect(r.svm.supportVectors == [1, 2, 3])
    }

    @Test("the other built-ins, against an independent loop")
    func builtins() throws {
        for (set, updates, epochs, w, b): (BuiltinDataset, Int, Int, [Double], Double) in [
            (.or, 9, 6, [2, 2], -1), (.nand, 18, 9, [-3, -2], 4), (.nor, 9, 6, [-2, -2], 1),
        ] {
            let r = try PerceptronReport.run(set.dataset)
            #expect(r.updates == updates && r.epochs == epochs && r.w == w && r.b == b && r.converged, "\(set)")
            #expect(r.withinBound == true, "\(set)")
        }
    }

    @Test("XOR never converges, has no margin and no bound")
    func xorNeverConverges() throws {
        let r = try PerceptronReport.run(BuiltinDataset.xor.dataset)
        #expect(!r.converged)
        #expect(r.epochs == 1000)
        #expect(r.updates == 4000)
        #expect(r.w == [0, 0] && r.b == 0)      // each epoch's four updates cancel
        #expect(!r.separable && r.margin == nil && r.bound == nil && r.withinBound == nil)
        let short = try PerceptronReport.run(BuiltinDataset.xor.dataset, maxEpochs: 7)
        #expect(short.epochs == 7 && !short.converged)
    }

    @Test("XOR through lecture 002's feature map (x1, x2, x1·x2) is separable and converges")
    func xorFeatureMap() throws {
        let mapped = BuiltinDataset.xor.dataset.mapped(LectureNetworks.xorFeatureMap)
        #expect(mapped.inputWidth == 3)
        #expect(mapped.inputs == [0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 1])
        #expect(mapped.inputNames == ["x1", "x2", "x1·x2"])
        let r = try PerceptronReport.run(mapped)
        #expect(r.converged && r.separable && r.withinBound == true)
        // The lecture's separator classifies it too.
        let w = LectureNetworks.xorFeatureWeights.storage, b = LectureNetworks.xorFeatureBias.scalar
        for i in 0..<4 {
            let x = Array(mapped.input(i))
            let z = zip(w, x).reduce(b) { $0 + $1.0 * $1.1 }
            #expect((z >= 0 ? 1.0 : 0.0) == mapped.targets[i])
        }
    }

    @Test("the bound holds on random separable data; the margin is optimal")
    func boundOnRandomData() throws {
        var rng = SplitMix64(seed: 2024)
        for trial in 0..<40 {
            let d = 1 + rng.below(5), n = 5 + rng.below(60)
            // A random separator with a guaranteed gap.
            let truth = (0...d).map { _ in rng.uniform(-1, 1) }
            var inputs: [[Double]] = [], targets: [[Double]] = []
            while inputs.count < n {
                let x = (0..<d).map { _ in rng.uniform(-3, 3) }
                let s = zip(truth, x).reduce(truth[d]) { $0 + $1.0 * $1.1 }
                if abs(s) < 0.2 { continue }
                inputs.append(x)
                targets.append([s > 0 ? 1 : 0])
            }
            let data = Dataset(name: "random", inputs: inputs, targets: targets)
            let r = try PerceptronReport.run(data, maxEpochs: 100_000)
            #expect(r.converged && r.separable, "trial \(trial)")
            #expect(Double(r.updates) <= r.bound!, "trial \(trial): k = \(r.updates), bound \(r.bound!)")
            // Independent checks of the margin: w̃* achieves it …
            let w = r.svm.direction
            #expect(abs(w.reduce(0) { $0 + $1 * $1 } - 1) < 1e-12)
            var achieved = Double.infinity
            for i in 0..<n {
                let y = targets[i][0] == 1 ? 1.0 : -1.0
                achieved = min(achieved, y * zip(w, inputs[i] + [1]).reduce(0) { $0 + $1.0 * $1.1 })
            }
            #expect(abs(achieved - r.margin!) < 1e-9 * max(1, r.margin!), "trial \(trial)")
            // … and no other direction does better: the truth, the perceptron's answer, random ones.
            var candidates = [truth, r.w + [r.b]]
            for _ in 0..<200 { candidates.append((0...d).map { _ in rng.uniform(-1, 1) }) }
            for c in candidates {
                let norm = c.reduce(0) { $0 + $1 * $1 }.squareRoot()
                var m = Double.infinity
                for i in 0..<n {
                    let y = targets[i][0] == 1 ? 1.0 : -1.0
                    m = min(m, y * zip(c, inputs[i] + [1]).reduce(0) { $0 + $1.0 * $1.1 } / norm)
                }
                #expect(m <= r.margin! * (1 + 1e-9) + 1e-12, "trial \(trial)")
            }
        }
    }

    @Test("non-separable data is recognised: opposite labels on one point, random labels")
    func notSeparable() throws {
        let clash = Dataset(name: "clash", inputs: [[1, 2], [3, 1], [1, 2]], targets: [[1], [0], [0]])
        #expect(try !HardMarginSVM.solve(clash).separable)
        var rng = SplitMix64(seed: 9)
        let inputs = (0..<200).map { _ in [rng.uniform(-1, 1), rng.uniform(-1, 1)] }
        let targets = inputs.map { [($0[0] * $0[1] > 0) ? 1.0 : 0.0] }   // XOR-like quadrants
        let svm = try HardMarginSVM.solve(Dataset(name: "q", inputs: inputs, targets: targets))
        #expect(!svm.separable && svm.margin == 0)
    }

    @Test("digits 0 vs 1 (lecture 004's task): converges, table 6, 5, 0 changes, within the bound")
    func digitsZeroOne() throws {
        let data = try loadCSV(lessonDataPath("digits01.csv"))
        #expect(data.count == 360 && data.inputWidth == 64)
        let r = try PerceptronReport.run(data)
        #expect(r.converged && r.updates == 11 && r.epochs == 3)
        #expect(r.epochLog.map(\.updates) == [6, 5, 0])
        #expect(r.epochLog.map(\.errors) == [1, 0, 0])
        #expect(abs(r.radius - 76.90253571892151) < 1e-9)
        #expect(r.separable && Double(r.updates) <= r.bound!)
    }

    @Test("targets must be binary")
    func targetsChecked() throws {
        #expect(throws: PerceptronError.badTarget(sample: 2, value: 0.5)) {
            _ = try Perceptron(data: Dataset(name: "d", inputs: [[1], [2]], targets: [[1], [0.5]]))
        }
        #expect(throws: PerceptronError.notBinary(targetColumns: 2)) {
            _ = try Perceptron(data: Dataset(name: "d", inputs: [[1]], targets: [[1, 0]]))
        }
        // −1/+1 targets and classes=2 are read the same way.
        let pm = try PerceptronReport.run(Dataset(name: "d", inputs: [[0], [1]], targets: [[-1], [1]]))
        #expect(pm.converged)
        let two = try parseCSV("0,0\n1,1\n", targets: .classes(2))
        #expect(try Perceptron.labels(of: two) == [-1, 1])
    }
}

@Suite("max margin on the digits")
struct DigitsMarginTests {
    /// Margins ρ of "digit vs the rest" on augmented inputs, from an independent
    /// computation (scipy: LP feasibility of y w̃·x̃ ≥ 1 with HiGHS, and the
    /// minimum-norm point of conv{y x̃} by NNLS); 8 and 9 are not separable.
    static let expected: [Double?] = [2.748397514656607, 0.034994750906679424, 2.112390930212676,
                                      0.12039150310929722, 1.631881858643867, 0.8455801463752004,
                                      1.0810104209675886, 1.0545539809093238, nil, nil]

    @Test("digit vs rest: margins and separability agree with LP/NNLS")
    func oneVersusRest() throws {
        let d = try loadCSV(lessonDataPath("digits.csv"), targets: .classes(10))
        for digit in [0, 1, 3, 8] {   // easy, a tiny margin, a small one, not separable
            let binary = d.replacingTargets((0..<d.count).map { d.label($0) == digit ? 1 : 0 }, width: 1)
            let svm = try HardMarginSVM.solve(binary)
            if let rho = Self.expected[digit] {
                #expect(svm.separable, "\(digit)")
                #expect(abs(svm.margin - rho) < 1e-8 * rho, "\(digit): \(svm.margin) vs \(rho)")
            } else {
                #expect(!svm.separable, "\(digit)")
            }
        }
    }
}
