import Foundation
import Testing
import BackpropCore
import ScriptSyntax
@testable import TutorScript

/// `train` and `step` against a reference training loop written here.
@Suite struct NetworkTrainingTests {
    static let xor = truthTable { $0 != $1 }

    static let start = ReferenceNet(W: [[[0.35, -0.4], [0.6, 0.45]], [[0.5, -0.55]]],
                                    b: [[0.1, -0.2], [0.05]], activations: ["sigmoid", "sigmoid"], loss: "squared")

    /// A 7-sample regression set (so minibatches of 3 leave a last batch of 1).
    static let sevenCSV = """
        u,v,y
        0.1,0.9,0.2
        0.4,-0.3,0.7
        -0.8,0.5,0.1
        0.6,0.6,0.9
        -0.2,-0.7,0.4
        0.9,-0.1,0.6
        -0.5,0.2,0.3
        """
    static let seven: [([Double], [Double])] = sevenCSV.split(separator: "\n").dropFirst().map { line in
        let v = line.split(separator: ",").map { Double($0)! }
        return ([v[0], v[1]], [v[2]])
    }
    static let start231 = ReferenceNet(W: [[[0.3, -0.2], [0.5, 0.4], [-0.6, 0.1]], [[0.7, -0.3, 0.2]]],
                                       b: [[0.0, 0.1, -0.1], [0.05]], activations: ["tanh", "sigmoid"],
                                       loss: "squared")

    static func xorSession(_ net: ReferenceNet = start) -> Session {
        var s = Session()
        s.ok("net 2-2-1 hidden=sigmoid output=sigmoid loss=squared seed=5\ndata xor\n" + assignments(net))
        return s
    }

    static func sevenSession(_ dir: DataDirectory) throws -> Session {
        try dir.write("seven.csv", sevenCSV)
        var s = Session()
        s.interpreter.hooks.baseDirectory = dir.path
        s.ok("net 2-3-1 hidden=tanh output=sigmoid\ndata load seven.csv\n" + assignments(start231))
        return s
    }

    static func expectWeights(_ s: Session, _ ref: ReferenceNet, relative: Double = 1e-10,
                              sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (W, b) = try s.weights(depth: ref.depth)
        for l in 0..<ref.depth {
            expectMatrix(W[l], ref.W[l], relative: relative, "W\(l + 1)", sourceLocation: sourceLocation)
            expectClose(b[l], ref.b[l], relative: relative, "b\(l + 1)", sourceLocation: sourceLocation)
        }
    }

    @Test("train mode=batch (the default): weights and mean loss equal the reference loop")
    func batch() throws {
        var s = Self.xorSession()
        let initialLoss = Self.start.meanLoss(Self.xor)
        let t = try s.training("train epochs=200 eta=0.5")
        var ref = Self.start
        ref.train(Self.xor, epochs: 200, eta: 0.5)
        try Self.expectWeights(s, ref)
        expectClose(t.result.loss, ref.meanLoss(Self.xor), relative: 1e-10, "reported mean loss")
        #expect(t.result.loss < initialLoss)
        #expect(t.result.epochs == 200 && t.result.requestedEpochs == 200)
        #expect(t.result.steps == 200)
        #expect(t.result.stop == .completed)
        #expect(t.mode == "batch" && t.eta == 0.5 && t.lambda == 0 && t.samples == 4)
        // The graph's L is the loss of the current sample (x, t = sample 1) at the new weights.
        expectClose(try s.current("L").scalar, ref.lossValue(Self.xor[0].0, Self.xor[0].1), relative: 1e-10, "L")
        // losses: from the start to the end.
        guard case let .losses(history, stride) = try s.result("losses") else { Issue.record("no losses"); return }
        #expect(stride == 1 && history.count == 201)
        expectClose(history.first ?? .nan, initialLoss, relative: 1e-12, "loss before training")
        expectClose(history.last ?? .nan, t.result.loss, relative: 1e-12, "loss after training")
        // A second train continues from the weights reached.
        _ = try s.training("train epochs=50 eta=0.5")
        ref.train(Self.xor, epochs: 50, eta: 0.5)
        try Self.expectWeights(s, ref)
    }

    @Test("after train, an earlier backward L is redone: gradients belong to the new weights")
    func gradientsFollowTraining() throws {
        var s = Self.xorSession()
        s.ok("sample 2\nbackward L")
        _ = try s.training("train epochs=10 eta=0.5")
        var ref = Self.start
        ref.train(Self.xor, epochs: 10, eta: 0.5)
        let g = ref.gradients(Self.xor[1].0, Self.xor[1].1)
        #expect(try s.current("x").storage == Self.xor[1].0, "x still holds sample 2")
        expectMatrix(try s.gradient("W1"), g.wBar[0], relative: 1e-10, "W̄1 after training")
        expectMatrix(try s.gradient("W2"), g.wBar[1], relative: 1e-10, "W̄2 after training")
        expectClose(try s.gradient("z1"), g.zBar[0], relative: 1e-10, "z̄1 after training")
        // And after sample K.
        s.ok("sample 4")
        let g4 = ref.gradients(Self.xor[3].0, Self.xor[3].1)
        expectMatrix(try s.gradient("W1"), g4.wBar[0], relative: 1e-10, "W̄1 for sample 4")
        expectClose(try s.gradient("b2"), g4.bBar[1], relative: 1e-10, "b̄2 for sample 4")
    }

    @Test("train lambda=Λ: weight decay on the weights only; objective = loss + Λ/2 Σ‖W‖²")
    func weightDecay() throws {
        var s = Self.xorSession()
        let t = try s.training("train epochs=100 eta=0.8 lambda=0.05")
        var ref = Self.start
        ref.train(Self.xor, epochs: 100, eta: 0.8, lambda: 0.05)
        try Self.expectWeights(s, ref)
        let loss = ref.meanLoss(Self.xor)
        expectClose(t.result.loss, loss, relative: 1e-10, "loss")
        expectClose(t.result.objective, loss + 0.025 * ref.weightNormSquared, relative: 1e-10, "objective")
        // Without decay the weights differ (so the decay was applied).
        var plain = Self.start
        plain.train(Self.xor, epochs: 100, eta: 0.8)
        #expect(abs(plain.W[0][0][0] - ref.W[0][0][0]) > 1e-3)
    }

    @Test("train mode=sgd seed=S: one step per sample in SplitMix64-shuffled order")
    func sgd() throws {
        var s = Self.xorSession()
        let t = try s.training("train epochs=30 eta=0.7 mode=sgd seed=42")
        var ref = Self.start
        ref.train(Self.xor, epochs: 30, eta: 0.7, mode: "sgd", seed: 42)
        try Self.expectWeights(s, ref)
        expectClose(t.result.loss, ref.meanLoss(Self.xor), relative: 1e-10, "loss")
        #expect(t.result.steps == 30 * 4)
        #expect(t.mode == "sgd" && t.seed == 42 && t.batchSize == nil)
    }

    @Test("train mode=minibatch batch=K: ⌈N/K⌉ steps per epoch, the last batch smaller")
    func minibatch() throws {
        let dir = try DataDirectory()
        defer { dir.remove() }
        var s = try Self.sevenSession(dir)
        let t = try s.training("train epochs=25 eta=0.6 mode=minibatch batch=3 seed=9 lambda=0.01")
        var ref = Self.start231
        ref.train(Self.seven, epochs: 25, eta: 0.6, mode: "minibatch", batch: 3, seed: 9, lambda: 0.01)
        try Self.expectWeights(s, ref)
        expectClose(t.result.loss, ref.meanLoss(Self.seven), relative: 1e-10, "loss")
        #expect(t.result.steps == 25 * 3)
        #expect(t.batchSize == 3)
        // A regression set: no accuracy.
        #expect(t.result.accuracy == nil && t.result.correct == nil)
    }

    @Test("softmax output, loss=xent, classes=3: batch and sgd match the reference; accuracy by argmax")
    func softmaxCrossEntropy() throws {
        let dir = try DataDirectory()
        defer { dir.remove() }
        try dir.write("three.csv", "0.1,0.2,0\n0.9,0.1,1\n0.4,0.8,2\n0.7,0.7,1\n-0.5,0.3,0\n0.2,0.9,2\n")
        let samples: [([Double], [Double])] = [([0.1, 0.2], [1, 0, 0]), ([0.9, 0.1], [0, 1, 0]), ([0.4, 0.8], [0, 0, 1]),
                                               ([0.7, 0.7], [0, 1, 0]), ([-0.5, 0.3], [1, 0, 0]), ([0.2, 0.9], [0, 0, 1])]
        let start = ReferenceNet(W: [[[0.3, -0.2], [0.5, 0.4], [-0.6, 0.1]],
                                     [[0.7, -0.3, 0.2], [0.1, 0.4, -0.5], [-0.2, 0.3, 0.6]]],
                                 b: [[0.0, 0.1, -0.1], [0.05, 0.0, -0.05]], activations: ["tanh", "softmax"],
                                 loss: "xent")
        for mode in ["batch", "sgd"] {
            var s = Session()
            s.interpreter.hooks.baseDirectory = dir.path
            s.ok("net 2-3-3 act=tanh,softmax loss=xent\ndata load three.csv classes=3\n" + assignments(start))
            let t = try s.training("train epochs=30 eta=0.5 mode=\(mode) seed=7")
            var ref = start
            ref.train(samples, epochs: 30, eta: 0.5, mode: mode, seed: 7)
            try Self.expectWeights(s, ref)
            expectClose(t.result.loss, ref.meanLoss(samples), relative: 1e-10, "\(mode) loss")
            let correct = samples.filter { x, t in
                let y = ref.output(x)
                return y.firstIndex(of: y.max()!) == t.firstIndex(of: 1)
            }.count
            #expect(t.result.correct == correct, "\(mode)")
            #expect(t.result.loss < start.meanLoss(samples), "\(mode)")
        }
    }

    @Test("sgd and minibatch: the same seed gives the same weights, another seed others; the loss drops")
    func determinism() throws {
        let dir = try DataDirectory()
        defer { dir.remove() }
        for mode in ["mode=sgd", "mode=minibatch batch=2"] {
            var a = try Self.sevenSession(dir), b = try Self.sevenSession(dir), c = try Self.sevenSession(dir)
            let before = Self.start231.meanLoss(Self.seven)
            let ta = try a.training("train epochs=40 eta=0.5 \(mode) seed=3")
            let tb = try b.training("train epochs=40 eta=0.5 \(mode) seed=3")
            _ = try c.training("train epochs=40 eta=0.5 \(mode) seed=4")
            #expect(try a.current("W1") == b.current("W1"), "\(mode)")
            #expect(ta.result.loss == tb.result.loss, "\(mode)")
            #expect(try a.current("W1") != c.current("W1"), "\(mode)")
            #expect(ta.result.loss < before, "\(mode): \(ta.result.loss) vs \(before)")
        }
    }

    @Test("--json train: the contract's keys first, full precision")
    func trainJSON() throws {
        var s = Self.xorSession()
        let lines = s.json("train epochs=20 eta=0.5")
        try #require(lines.count == 1)
        var ref = Self.start
        ref.train(Self.xor, epochs: 20, eta: 0.5)
        #expect(lines[0].hasPrefix(#"{"train": {"epochs": 20, "loss": "#), "\(lines[0])")
        let object = try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any]
        let train = try #require(object?["train"] as? [String: Any])
        let loss = try #require(train["loss"] as? Double)
        expectClose(loss, ref.meanLoss(Self.xor), relative: 1e-10, "JSON loss")
        #expect(train["epochs"] as? Int == 20)
        #expect(train["stopped"] as? String == "completed")
        // Full precision: the number reads back as the reported Double.
        var again = Self.xorSession()
        #expect(try again.training("train epochs=20 eta=0.5").result.loss == loss)
    }

    final class CancelAfter: @unchecked Sendable {
        private let lock = NSLock()
        private var calls = 0
        let limit: Int
        init(_ limit: Int) { self.limit = limit }
        func poll() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            calls += 1
            return calls >= limit
        }
    }

    @Test("a cancelled run keeps the weights reached and says so")
    func cancelled() throws {
        var s = Self.xorSession()
        let cancel = CancelAfter(5)
        s.interpreter.hooks.shouldCancel = { cancel.poll() }
        let t = try s.training("train epochs=1000 eta=0.5")
        #expect(t.result.stop == .cancelled)
        #expect(t.result.epochs == 5 && t.result.requestedEpochs == 1000)
        var ref = Self.start
        ref.train(Self.xor, epochs: 5, eta: 0.5)
        try Self.expectWeights(s, ref)
        expectClose(t.result.loss, ref.meanLoss(Self.xor), relative: 1e-10, "loss at the weights reached")

        var u = Self.xorSession()
        u.interpreter.hooks.shouldCancel = { true }
        let text = u.text("train epochs=1000 eta=0.5")
        #expect(text.contains("stopped after 1 of 1000 epochs; the weights reached are kept"), "\(text)")
        var v = Self.xorSession()
        v.interpreter.hooks.shouldCancel = { true }
        let json = v.json("train epochs=1000 eta=0.5 mode=sgd seed=2")
        #expect(json.first?.contains(#""stopped": "cancelled""#) == true, "\(json)")
        var sgdRef = Self.start
        sgdRef.train(Self.xor, epochs: 1, eta: 0.5, mode: "sgd", seed: 2)
        try Self.expectWeights(v, sgdRef)
    }

    @Test("a huge eta: divergence is reported, no crash, the session goes on")
    func divergence() throws {
        let dir = try DataDirectory()
        defer { dir.remove() }
        try dir.write("line.csv", "x,y\n0,0.5\n1,2.5\n2,3.7\n")
        for mode in ["", "mode=sgd", "mode=minibatch batch=2"] {
            var s = Session()
            s.interpreter.hooks.baseDirectory = dir.path
            s.ok("net 1-1 output=identity\ndata load line.csv\nW1 = [[0.5]]\nb1 = 0")
            let t = try s.training("train epochs=500 eta=1e6 \(mode)")
            guard case .diverged(let epoch) = t.result.stop else {
                Issue.record("\(mode): not reported as diverged: \(t.result.stop)")
                continue
            }
            #expect(epoch < 500 && t.result.epochs < 500, "\(mode)")
            #expect(!t.result.loss.isFinite, "\(mode)")
            let text = TextOutput(settings: s.interpreter.settings, interactive: false).render(.training(t)) ?? ""
            #expect(text.contains("η is too large"), "\(mode): \(text)")
            #expect(s.json("train epochs=500 eta=1e6 \(mode)").first?.contains(#""stopped": "diverged""#) == true)
            // Still usable.
            s.ok("W1 = [[0.5]]\nb1 = 0\ntrain epochs=10 eta=0.01")
        }
    }

    @Test("step sample=K eta=E: W − η ∂L/∂W for that sample, output layer first (V, then W)")
    func stepOneSample() throws {
        var s = Self.xorSession()
        let report = try s.stepReport("step sample=3 eta=0.5")
        let (x, t) = Self.xor[2]
        let g = Self.start.gradients(x, t)
        #expect(report.samples == [2])
        #expect(report.updates.map(\.layer) == [2, 1])
        #expect(report.forward.map(\.layer) == [1, 2])
        expectClose(report.lossBefore, g.loss, "loss before")
        var after = Self.start
        for l in 0..<2 {
            for i in 0..<after.W[l].count {
                for j in 0..<after.W[l][i].count { after.W[l][i][j] -= 0.5 * g.wBar[l][i][j] }
                after.b[l][i] -= 0.5 * g.bBar[l][i]
            }
        }
        try Self.expectWeights(s, after, relative: 1e-12)
        expectClose(report.lossAfter, after.lossValue(x, t), "loss after")
        for u in report.updates {
            let l = u.layer - 1
            expectClose(u.delta, g.zBar[l], "δ\(u.layer)")
            expectMatrix(u.gradientW, g.wBar[l], "∂L/∂W\(u.layer)")
            expectClose(u.gradientB, g.bBar[l], "∂L/∂b\(u.layer)")
            expectMatrix(u.weightsBefore, Self.start.W[l], "W\(u.layer) before")
            expectMatrix(u.weightsAfter, after.W[l], "W\(u.layer) after")
        }
        for layer in report.forward {
            expectClose(layer.z, g.z[layer.layer - 1], "z\(layer.layer)")
            expectClose(layer.a, g.a[layer.layer - 1], "a\(layer.layer)")
        }
        // x and t now hold sample 3, so L is its loss at the new weights.
        #expect(try s.current("x").storage == x)
        #expect(try s.current("t").storage == t)
        expectClose(try s.current("L").scalar, after.lossValue(x, t), "L")
        // The text tells it output layer first.
        var u = Self.xorSession()
        let text = u.text("step sample=3 eta=0.5")
        let w2 = try #require(text.range(of: "W2: "))
        let w1 = try #require(text.range(of: "W1: "))
        #expect(w2.lowerBound < w1.lowerBound)
    }

    @Test("step eta=E: one full-batch step on the mean gradient")
    func stepBatch() throws {
        var s = Self.xorSession()
        let report = try s.stepReport("step eta=0.25")
        #expect(report.samples == [0, 1, 2, 3])
        #expect(report.updates.map(\.layer) == [2, 1])
        var ref = Self.start
        ref.step(Self.xor, eta: 0.25)
        try Self.expectWeights(s, ref, relative: 1e-12)
        expectClose(report.lossBefore, Self.start.meanLoss(Self.xor), "mean loss before")
        expectClose(report.lossAfter, ref.meanLoss(Self.xor), "mean loss after")
        // δ per sample: one column per sample.
        let d2 = try #require(report.updates.first?.delta)
        #expect(d2.rows == 1 && d2.columns == 4)
        for (k, sample) in Self.xor.enumerated() {
            expectClose(d2[0, k], Self.start.gradients(sample.0, sample.1).zBar[1][0], "δ2 of sample \(k + 1)")
        }
        // Equal to train epochs=1 in batch mode.
        var u = Self.xorSession()
        _ = try u.training("train epochs=1 eta=0.25")
        expectClose(try u.current("W1"), try s.current("W1").storage, relative: 1e-14, "train epochs=1")
    }
}
