import Foundation
import Testing
import BackpropCore
import ScriptSyntax
@testable import TutorScript

/// `predict`, `accuracy`, `grid`, `losses`, `sample`.
@Suite struct NetworkEvaluationTests {
    static let net = ReferenceNet(W: [[[2.0, -1.5], [-1.0, 2.5]], [[1.5, -2.0]]], b: [[-0.5, 0.25], [0.3]],
                                  activations: ["tanh", "sigmoid"], loss: "squared")
    static let setup = "net 2-2-1 hidden=tanh output=sigmoid\ndata or\n" + assignments(net)

    @Test("predict: one row per sample with the output, the class and the true class")
    func predictAll() throws {
        var s = Session()
        s.ok(Self.setup)
        let table = try s.predictions("predict")
        let or = truthTable { $0 || $1 }
        #expect(table.rows.count == 4)
        for (row, (x, t)) in zip(table.rows, or) {
            #expect(row.input == x && row.target == t)
            let y = Self.net.output(x)
            expectClose(row.output[0], y[0], "output at \(x)")
            #expect(row.predictedClass == (y[0] >= 0.5 ? 1 : 0), "class at \(x)")
            #expect(row.trueClass == Int(t[0]))
        }
    }

    @Test("predict [x1, x2]: the network's output on any input, no target")
    func predictOne() throws {
        var s = Session()
        s.ok(Self.setup)
        for x in [[0.0, 1.0], [0.3, -0.7], [1.25, 2.0]] {
            let table = try s.predictions("predict \(literal(x))")
            try #require(table.rows.count == 1)
            #expect(table.rows[0].input == x && table.rows[0].target == nil && table.rows[0].trueClass == nil)
            expectClose(table.rows[0].output, Self.net.output(x), "predict \(x)")
        }
        // A row vector works too; x and t are untouched.
        let before = try s.current("x")
        expectClose(try s.predictions("predict [[0.3, -0.7]]").rows[0].output, Self.net.output([0.3, -0.7]), "row")
        #expect(try s.current("x") == before)
        // Without data: still a prediction, no class.
        var u = Session()
        u.ok("net 2-2-1 hidden=tanh output=sigmoid\n" + assignments(Self.net))
        let bare = try u.predictions("predict [0, 1]")
        expectClose(bare.rows[0].output, Self.net.output([0, 1]), "no data")
        #expect(bare.rows[0].predictedClass == nil)
        // Wrong width: an error at the input.
        let d = try s.failure("predict [1, 2, 3]")
        #expect(d.message == "the network takes 2 inputs; this is 3×1")
        #expect(d.span.start == SourcePosition(line: 1, column: 9))
    }

    @Test("accuracy: correct count and confusion from the thresholded outputs")
    func accuracy() throws {
        var s = Session()
        s.ok(Self.setup)
        guard case .accuracy(let a) = try s.result("accuracy") else { Issue.record("no accuracy"); return }
        let or = truthTable { $0 || $1 }
        var confusion = [[0, 0], [0, 0]]
        var correct = 0
        for (x, t) in or {
            let predicted = Self.net.output(x)[0] >= 0.5 ? 1 : 0
            confusion[Int(t[0])][predicted] += 1
            if predicted == Int(t[0]) { correct += 1 }
        }
        #expect(a.correct == correct && a.count == 4)
        #expect(a.confusion == confusion)
        #expect(a.predicted == or.map { Self.net.output($0.0)[0] >= 0.5 ? 1 : 0 })
    }

    @Test("accuracy on one-hot classes uses the largest output")
    func accuracyArgmax() throws {
        let dir = try DataDirectory()
        defer { dir.remove() }
        try dir.write("three.csv", "0.1,0.2,0\n0.9,0.1,1\n0.4,0.8,2\n0.7,0.7,1\n-0.5,0.3,0\n")
        let ref = ReferenceNet(W: [[[1.0, -2.0], [2.0, 1.0], [-1.0, 3.0]]], b: [[0.2, -0.1, 0.0]],
                               activations: ["softmax"], loss: "xent")
        var s = Session()
        s.interpreter.hooks.baseDirectory = dir.path
        s.ok("net 2-3 output=softmax\ndata load three.csv classes=3\n" + assignments(ref))
        guard case .accuracy(let a) = try s.result("accuracy") else { Issue.record("no accuracy"); return }
        let samples: [([Double], Int)] = [([0.1, 0.2], 0), ([0.9, 0.1], 1), ([0.4, 0.8], 2), ([0.7, 0.7], 1),
                                          ([-0.5, 0.3], 0)]
        var correct = 0
        var confusion = [[Int]](repeating: [0, 0, 0], count: 3)
        for (x, label) in samples {
            let y = ref.output(x)
            let k = y.firstIndex(of: y.max()!)!
            confusion[label][k] += 1
            if k == label { correct += 1 }
        }
        #expect(a.correct == correct && a.confusion == confusion)
    }

    @Test("accuracy on a regression set is an error")
    func accuracyRegression() throws {
        let dir = try DataDirectory()
        defer { dir.remove() }
        try dir.write("reg.csv", "x,y\n0,0.5\n1,2.5\n")
        var s = Session()
        s.interpreter.hooks.baseDirectory = dir.path
        s.ok("net 1-1 output=identity\ndata load reg.csv")
        let d = try s.failure("\naccuracy")
        #expect(d.message == "accuracy needs class targets (0/1, ±1 or one-hot); reg.csv is a regression set")
        #expect(d.span.start == SourcePosition(line: 2, column: 1))
    }

    @Test("grid size=8: the class regions are the network's own thresholded outputs at the grid points")
    func grid() throws {
        var s = Session()
        s.ok(Self.setup)
        guard case .grid(let picture) = try s.result("grid size=8") else { Issue.record("no grid"); return }
        let g = picture.grid
        #expect(g.rows == 8 && g.columns == 16)
        // The {0,1}² box padded by a quarter on each side.
        #expect(g.x1Range == -0.25...1.25 && g.x2Range == -0.25...1.25)
        let classes = try #require(g.classes)
        var ones = 0
        for r in 0..<g.rows {
            for c in 0..<g.columns {
                // Row 0 is the top (x2 = 1.25), column 0 the left (x1 = −0.25).
                let x1 = -0.25 + 1.5 * Double(c) / Double(g.columns - 1)
                let x2 = 1.25 - 1.5 * Double(r) / Double(g.rows - 1)
                #expect(abs(g.x1(column: c) - x1) < 1e-15 && abs(g.x2(row: r) - x2) < 1e-15)
                let y = Self.net.output([x1, x2])[0]
                expectClose(g.value(row: r, column: c), y, "output at (\(x1), \(x2))")
                #expect(classes[r * g.columns + c] == (y >= 0.5 ? 1 : 0), "class at (\(x1), \(x2))")
                ones += y >= 0.5 ? 1 : 0
            }
        }
        #expect(ones > 0 && ones < g.rows * g.columns, "both classes appear")
        // The samples, at their cells, with their labels.
        #expect(picture.samples.count == 4)
        #expect(picture.samples.map(\.label) == [0, 1, 1, 1])
        // The picture: 8 rows between bars, one character per cell.
        let text = s.text("grid size=8")
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("  │") }
        #expect(rows.count == 8)
        #expect(rows.allSatisfy { $0.count == 2 + 1 + 16 + 1 })
        // Bad sizes.
        let d = try s.failure("grid size=3")
        #expect(d.span.start == SourcePosition(line: 1, column: 11))
    }

    @Test("losses: the last training's loss per epoch; before any training, an error")
    func losses() throws {
        var s = Session()
        s.ok(Self.setup)
        let d = try s.failure("losses")
        #expect(d.message.hasPrefix("no training has run yet"))
        _ = try s.training("train epochs=3 eta=0.5")
        guard case let .losses(history, stride) = try s.result("losses") else { Issue.record("no losses"); return }
        var ref = Self.net
        let or = truthTable { $0 || $1 }
        var expected = [ref.meanLoss(or)]
        for _ in 0..<3 {
            ref.step(or, eta: 0.5)
            expected.append(ref.meanLoss(or))
        }
        #expect(stride == 1)
        expectClose(history, expected, relative: 1e-12, "loss history")
        // A new net forgets the history.
        s.ok("net 2-2-1")
        #expect(try s.failure("losses").message.hasPrefix("no training has run yet"))
    }

    @Test("sample K puts sample K into x and t (and so into L)")
    func sample() throws {
        var s = Session()
        s.ok(Self.setup)
        for (k, (x, t)) in truthTable({ $0 || $1 }).enumerated() {
            let out = s.ok("sample \(k + 1)")
            guard case let .sampleSelected(index, input, target) = out.first else { Issue.record("\(out)"); continue }
            #expect(index == k + 1 && input.storage == x && target.storage == t)
            let shown = try s.shown("x t")
            #expect(shown[0].value.storage == x && shown[1].value.storage == t)
            expectClose(try s.current("L").scalar, Self.net.lossValue(x, t), "L of sample \(k + 1)")
        }
        #expect(s.text("sample 2", interactive: true) == "sample 2: x = [0, 1], t = [1]\n")
        // Constant arithmetic works as the number.
        s.ok("sample 1 + 3")
        #expect(try s.current("x").storage == [1, 1])
    }
}
