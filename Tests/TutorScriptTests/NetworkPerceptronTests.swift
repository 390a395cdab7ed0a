import Foundation
import Testing
import BackpropCore
import ScriptSyntax
@testable import TutorScript

/// `perceptron`, `perceptron step`, `perceptron reset`, and lecture 002's
/// hand-built XOR network.
@Suite struct NetworkPerceptronTests {
    /// Rosenblatt's algorithm as the contract states it, written out here.
    struct Visit: Equatable {
        var epoch: Int, sample: Int, activation: Double, updated: Bool, w: [Double], b: Double
    }

    static func referenceRun(_ data: [([Double], [Double])], maxEpochs: Int = 1000)
        -> (visits: [Visit], updates: Int, epochs: Int, converged: Bool, w: [Double], b: Double) {
        var w = [Double](repeating: 0, count: data[0].0.count), b = 0.0
        var visits: [Visit] = []
        var updates = 0
        for epoch in 1...maxEpochs {
            var changed = 0
            for (n, (x, t)) in data.enumerated() {
                let y: Double = t[0] == 1 ? 1 : -1
                var s = b
                for j in 0..<x.count { s += w[j] * x[j] }
                let update = y * s <= 0
                if update {
                    for j in 0..<x.count { w[j] += y * x[j] }
                    b += y
                    updates += 1
                    changed += 1
                }
                visits.append(Visit(epoch: epoch, sample: n, activation: s, updated: update, w: w, b: b))
            }
            if changed == 0 { return (visits, updates, epoch, true, w, b) }
        }
        return (visits, updates, maxEpochs, false, w, b)
    }

    @Test("perceptron on AND: 18 updates, w = (3, 2), b = −4, converged, R = √3, bound 51")
    func and() throws {
        var s = Session()
        s.ok("data and")
        let p = try s.perceptronReport("perceptron")
        let ref = Self.referenceRun(truthTable { $0 && $1 })
        #expect(ref.updates == 18 && ref.w == [3, 2] && ref.b == -4 && ref.converged)
        #expect(p.updates == 18)
        #expect(p.epochs == ref.epochs)
        #expect(p.converged)
        #expect(p.w == [3, 2])
        #expect(p.b == -4)
        expectClose(p.radius, 3.0.squareRoot(), relative: 1e-15, "R = max ‖(x, 1)‖ = ‖(1, 1, 1)‖")
        #expect(p.separable)

        // The max-margin separator of the augmented points p_n = y_n (x_n, 1), by hand:
        // w̃* ∝ (2, 2, −3) reaches margin 1/√17 on every point, and p* = Σ λ_n p_n with
        // λ = (0, 5/17, 5/17, 7/17) (convex) is the point w̃*/√17 itself, so no unit w̃
        // does better than ‖p*‖ (min_n w̃·p_n ≤ w̃·p* ≤ ‖p*‖): ρ = 1/√17 exactly.
        let data = truthTable { $0 && $1 }
        let points = data.map { x, t -> [Double] in
            let y: Double = t[0] == 1 ? 1 : -1
            return [y * x[0], y * x[1], y]
        }
        let lambda: [Double] = [0, 5.0 / 17, 5.0 / 17, 7.0 / 17]
        #expect(abs(lambda.reduce(0, +) - 1) < 1e-15 && lambda.allSatisfy { $0 >= 0 })
        var pStar = [0.0, 0.0, 0.0]
        for n in 0..<4 {
            for j in 0..<3 { pStar[j] += lambda[n] * points[n][j] }
        }
        let rho = (pStar[0] * pStar[0] + pStar[1] * pStar[1] + pStar[2] * pStar[2]).squareRoot()
        let direction = pStar.map { $0 / rho }
        let margins = points.map { p -> Double in p[0] * direction[0] + p[1] * direction[1] + p[2] * direction[2] }
        expectClose(rho, 1 / 17.0.squareRoot(), relative: 1e-15, "ρ")
        expectClose(margins.min()!, rho, relative: 1e-14, "w̃* reaches ρ")
        let gamma = 2 * rho
        let bound: Double = 4 * 3 / (gamma * gamma)
        expectClose(bound, 51, relative: 1e-14, "4R²/γ²")

        expectClose(p.margin ?? .nan, rho, relative: 1e-9, "the reported margin")
        expectClose(p.gamma ?? .nan, gamma, relative: 1e-9, "the reported γ")
        expectClose(p.bound ?? .nan, 51, relative: 1e-9, "the reported bound")
        #expect(p.withinBound == true)
        #expect(Double(p.updates) <= bound)

        let text = s.text("perceptron")
        #expect(text.contains("perceptron converged after \(ref.epochs) epochs: 18 updates"), "\(text)")
        #expect(text.contains("w = [3, 2], b = -4"), "\(text)")
        #expect(text.contains("within the bound"), "\(text)")
    }

    @Test("perceptron on XOR: not converged, not separable, no bound")
    func xor() throws {
        var s = Session()
        s.ok("data xor")
        let p = try s.perceptronReport("perceptron epochs=50")
        let ref = Self.referenceRun(truthTable { $0 != $1 }, maxEpochs: 50)
        #expect(!ref.converged)
        #expect(!p.converged)
        #expect(!p.separable)
        #expect(p.epochs == 50)
        #expect(p.updates == ref.updates)
        #expect(p.w == ref.w && p.b == ref.b)
        #expect(p.gamma == nil && p.bound == nil && p.withinBound == nil)
        let text = s.text("perceptron epochs=50")
        #expect(text.contains("did not converge in 50 epochs"), "\(text)")
        #expect(text.contains("not linearly separable"), "\(text)")
    }

    @Test("--json perceptron: the contract's keys first, in order")
    func json() throws {
        var s = Session()
        s.ok("data and")
        let lines = s.json("perceptron")
        try #require(lines.count == 1)
        #expect(lines[0].hasPrefix(
            #"{"perceptron": {"updates": 18, "epochs": 9, "converged": true, "w": [3, 2], "b": -4, "R": 1.7320508075688772, "#),
            "\(lines[0])")
        #expect(Self.referenceRun(truthTable { $0 && $1 }).epochs == 9)
        #expect(3.0.squareRoot() == 1.7320508075688772)
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        let p = try #require(object?["perceptron"] as? [String: Any])
        #expect(p["separable"] as? Bool == true)
        let bound = try #require(p["bound"] as? Double)
        #expect(abs(bound - 51) < 1e-9)
    }

    @Test("perceptron step: visit by visit on AND, as a hand trace")
    func stepByStep() throws {
        // The first two epochs by hand (w, b start at 0; y = −1, −1, −1, +1):
        //  1  x=(0,0) y=−1  w·x+b=0   ≤0 → w=(0,0) b=−1
        //  2  x=(0,1) y=−1  −1         >0
        //  3  x=(1,0) y=−1  −1         >0
        //  4  x=(1,1) y=+1  −1         ≤0 → w=(1,1) b=0
        //  5  x=(0,0) y=−1  0          ≤0 → w=(1,1) b=−1
        //  6  x=(0,1) y=−1  0          ≤0 → w=(1,0) b=−2
        //  7  x=(1,0) y=−1  −1         >0
        //  8  x=(1,1) y=+1  −1         ≤0 → w=(2,1) b=−1
        let hand: [Visit] = [
            Visit(epoch: 1, sample: 0, activation: 0, updated: true, w: [0, 0], b: -1),
            Visit(epoch: 1, sample: 1, activation: -1, updated: false, w: [0, 0], b: -1),
            Visit(epoch: 1, sample: 2, activation: -1, updated: false, w: [0, 0], b: -1),
            Visit(epoch: 1, sample: 3, activation: -1, updated: true, w: [1, 1], b: 0),
            Visit(epoch: 2, sample: 0, activation: 0, updated: true, w: [1, 1], b: -1),
            Visit(epoch: 2, sample: 1, activation: 0, updated: true, w: [1, 0], b: -2),
            Visit(epoch: 2, sample: 2, activation: -1, updated: false, w: [1, 0], b: -2),
            Visit(epoch: 2, sample: 3, activation: -1, updated: true, w: [2, 1], b: -1),
        ]
        let ref = Self.referenceRun(truthTable { $0 && $1 })
        #expect(Array(ref.visits.prefix(8)) == hand)

        var s = Session()
        s.ok("data and")
        var updates = 0
        for (k, v) in ref.visits.enumerated() {
            guard case let .perceptronVisit(visit, converged) = try s.result("perceptron step") else {
                Issue.record("visit \(k + 1): not a visit")
                return
            }
            if v.updated { updates += 1 }
            #expect(visit.epoch == v.epoch && visit.sample == v.sample, "visit \(k + 1)")
            #expect(visit.activation == v.activation && visit.updated == v.updated, "visit \(k + 1)")
            #expect(visit.w == v.w && visit.b == v.b && visit.updates == updates, "visit \(k + 1)")
            #expect(visit.x == truthTable { $0 && $1 }[v.sample].0)
            #expect(visit.y == (v.sample == 3 ? 1 : -1))
            #expect(visit.margin == visit.y * v.activation)
            #expect(converged == (k == ref.visits.count - 1), "visit \(k + 1)")
        }
        // Once converged, another step reports the finished run.
        let done = try s.perceptronReport("perceptron step")
        #expect(done.converged && done.updates == 18 && done.w == [3, 2] && done.b == -4)

        // Text of the first visit.
        var t = Session()
        t.ok("data and")
        let text = t.text("perceptron step")
        #expect(text.hasPrefix("epoch 1, sample 1: x = [0, 0], y = −1, "), "\(text)")
        #expect(text.contains("update w += y x, b += y"), "\(text)")
    }

    @Test("perceptron reset starts over at w = 0, b = 0; new data starts over too")
    func reset() throws {
        var s = Session()
        s.ok("data and\nperceptron step\nperceptron step\nperceptron step\nperceptron step")
        // An acknowledgement: quiet in scripts, spoken in the REPL.
        guard case .perceptronReset(let name)? = s.ok("perceptron reset").first else {
            Issue.record("no reset")
            return
        }
        #expect(name == "and")
        #expect(s.text("perceptron reset") == "")
        #expect(s.text("perceptron reset", interactive: true) == "perceptron reset on and: w = 0, b = 0\n")
        guard case .perceptronVisit(let first, _) = try s.result("perceptron step") else {
            Issue.record("no visit")
            return
        }
        #expect(first.epoch == 1 && first.sample == 0 && first.w == [0, 0] && first.b == -1 && first.updates == 1)
        // data replaces the perceptron in progress.
        s.ok("perceptron step\ndata or")
        guard case .perceptronVisit(let again, _) = try s.result("perceptron step") else {
            Issue.record("no visit")
            return
        }
        #expect(again.epoch == 1 && again.sample == 0 && again.updates == 1)
        let none = try Session().withFailure("perceptron")
        #expect(none.message.hasPrefix("no data yet"))
    }

    @Test("perceptron: Ctrl-C stops after the epoch in progress, keeping w and b reached")
    func cancelled() throws {
        var s = Session()
        s.ok("data and")
        s.interpreter.hooks.shouldCancel = { true }
        let p = try s.perceptronReport("perceptron")
        let ref = Self.referenceRun(truthTable { $0 && $1 }, maxEpochs: 1)
        #expect(p.epochs == 1 && !p.converged)
        #expect(p.updates == ref.updates && p.w == ref.w && p.b == ref.b)
        // It says it was interrupted, not that the data failed to converge.
        #expect(p.cancelled)
        #expect(s.text("perceptron").hasPrefix("perceptron stopped after 1 epoch (interrupted)"))
        #expect(s.json("perceptron").first?.contains("\"cancelled\": true") == true)
        s.interpreter.hooks.shouldCancel = { false }
        #expect(!(try s.perceptronReport("perceptron")).cancelled)
    }

    @Test("perceptron errors: no data, targets that are not two classes")
    func errors() throws {
        let dir = try DataDirectory()
        defer { dir.remove() }
        try dir.write("reg.csv", "0,0.5\n1,1\n")
        try dir.write("three.csv", "0,0\n1,1\n2,2\n")
        var s = Session()
        s.interpreter.hooks.baseDirectory = dir.path
        let none = try s.failure("  perceptron")
        #expect(none.message == "no data yet: 'data and' or 'data load FILE.csv' first")
        #expect(none.span.start == SourcePosition(line: 1, column: 3))
        s.ok("data load reg.csv")
        let reg = try s.failure("perceptron")
        #expect(reg.message == "the perceptron needs targets 0 or 1 (read as −1/+1), but sample 1 has 0.5")
        #expect(try s.failure("perceptron step").message == reg.message)
        s.ok("data load three.csv classes=3")
        let three = try s.failure("perceptron")
        #expect(three.message == "the perceptron needs one target column of 0/1 labels, but the data has 3 target columns")
        let epochs = try s.failure("perceptron epochs=0")
        #expect(epochs.message == "epochs is a whole number from 1 up")
        #expect(epochs.span.start == SourcePosition(line: 1, column: 19))
    }

    // MARK: Lecture 002's XOR network

    static let stepNet = """
        net 2-2-1 act=step,step
        W1 = [[1, 1], [1, 1]]
        b1 = [-0.5, -1.5]
        W2 = [[1, -1]]
        b2 = -0.5
        """

    @Test("lecture 002's threshold network computes XOR: h1 = OR, h2 = AND, y = h1 AND NOT h2")
    func thresholdXOR() throws {
        var s = Session()
        s.ok("data xor\n" + Self.stepNet)
        let table = try s.predictions("predict")
        let xor = truthTable { $0 != $1 }
        #expect(table.rows.map(\.input) == xor.map(\.0))
        #expect(table.rows.map(\.output) == xor.map(\.1))
        #expect(table.rows.allSatisfy { $0.predictedClass == $0.trueClass })
        for (x, t) in xor {
            let one = try s.predictions("predict \(literal(x))")
            #expect(one.rows.map(\.output) == [t], "\(x)")
            // And through the graph: h = (OR, AND).
            s.ok("x = \(literal(x))")
            let p = x[0] == 1, q = x[1] == 1
            #expect(try s.current("a1").storage == [p || q ? 1 : 0, p && q ? 1 : 0])
            #expect(try s.current("a2").storage == t)
        }
        guard case .accuracy(let a) = try s.result("accuracy") else { Issue.record("no accuracy"); return }
        #expect(a.correct == 4 && a.count == 4)
    }

    @Test("with sigmoids and the weights scaled by k, σ(k·) approaches the threshold network")
    func sigmoidApproachesStep() throws {
        let xor = truthTable { $0 != $1 }
        var gaps: [Double] = []
        for k in [5.0, 10.0, 20.0] {
            var s = Session()
            s.ok("""
                data xor
                net 2-2-1 act=sigmoid,sigmoid
                W1 = \(literal([[k, k], [k, k]]))
                b1 = \(literal([-0.5 * k, -1.5 * k]))
                W2 = \(literal([[k, -k]]))
                b2 = \(-0.5 * k)
                """)
            let table = try s.predictions("predict")
            var gap = 0.0
            for (row, (x, t)) in zip(table.rows, xor) {
                // The same network by hand.
                let h = [sigma(k * (x[0] + x[1] - 0.5)), sigma(k * (x[0] + x[1] - 1.5))]
                let y = sigma(k * (h[0] - h[1] - 0.5))
                expectClose(row.output[0], y, relative: 1e-12, "k = \(k), x = \(x)")
                gap = max(gap, abs(row.output[0] - t[0]))
                #expect(row.predictedClass == Int(t[0]), "k = \(k), x = \(x)")
            }
            gaps.append(gap)
        }
        #expect(gaps[0] < 0.25, "\(gaps)")
        #expect(gaps[1] < gaps[0] && gaps[2] < gaps[1], "closer for larger k: \(gaps)")
        #expect(gaps[2] < 1e-3, "\(gaps)")
    }

    @Test("data xor features=product: the perceptron converges on (x1, x2, x1·x2)")
    func productFeaturesSeparate() throws {
        var s = Session()
        s.ok("data xor features=product")
        let p = try s.perceptronReport("perceptron")
        let mapped = truthTable { $0 != $1 }.map { x, t in ([x[0], x[1], x[0] * x[1]], t) }
        let ref = Self.referenceRun(mapped)
        #expect(ref.converged)
        #expect(p.converged && p.separable)
        #expect(p.updates == ref.updates && p.epochs == ref.epochs)
        #expect(p.w == ref.w && p.b == ref.b)
        // The separator found classifies every sample.
        for (x, t) in mapped {
            let s = p.b + (0..<3).map { p.w[$0] * x[$0] }.reduce(0, +)
            #expect((s > 0) == (t[0] == 1), "\(x)")
        }
        expectClose(p.radius, 2, relative: 1e-15, "R = ‖(1, 1, 1, 1)‖")
        #expect(p.withinBound == true)
    }
}

extension Session {
    /// The one error of a fresh session running `text`.
    func withFailure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic {
        var copy = self
        return try copy.failure(text, sourceLocation: sourceLocation)
    }
}
