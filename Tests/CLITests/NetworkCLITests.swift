import Foundation
import Testing
import TestSupport

/// The network commands through `bptutor eval`, as a process.
@Suite struct NetworkCLITests {
    static let script = """
        net 2-2-1 hidden=sigmoid output=sigmoid loss=squared seed=3
        data xor
        W1 = [[0.35, -0.4], [0.6, 0.45]]
        b1 = [0.1, -0.2]
        W2 = [[0.5, -0.55]]
        b2 = 0.05
        train epochs=40 eta=0.5
        notation ng
        show z1 L
        data and
        perceptron
        """

    /// 40 full-batch steps on XOR by hand; returns the final mean loss.
    static func referenceLoss() -> Double {
        var W1 = [[0.35, -0.4], [0.6, 0.45]], b1 = [0.1, -0.2], W2 = [0.5, -0.55], b2 = 0.05
        let data: [([Double], Double)] = [([0, 0], 0), ([0, 1], 1), ([1, 0], 1), ([1, 1], 0)]
        func s(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
        func forward(_ x: [Double]) -> ([Double], Double) {
            let h = (0..<2).map { s(W1[$0][0] * x[0] + W1[$0][1] * x[1] + b1[$0]) }
            return (h, s(W2[0] * h[0] + W2[1] * h[1] + b2))
        }
        for _ in 0..<40 {
            var gW1 = [[0.0, 0.0], [0.0, 0.0]], gb1 = [0.0, 0.0], gW2 = [0.0, 0.0], gb2 = 0.0
            for (x, t) in data {
                let (h, y) = forward(x)
                let d2 = (y - t) * y * (1 - y) / 4
                for i in 0..<2 {
                    gW2[i] += d2 * h[i]
                    let d1 = W2[i] * d2 * h[i] * (1 - h[i])
                    gW1[i][0] += d1 * x[0]
                    gW1[i][1] += d1 * x[1]
                    gb1[i] += d1
                }
                gb2 += d2
            }
            for i in 0..<2 {
                W1[i][0] -= 0.5 * gW1[i][0]
                W1[i][1] -= 0.5 * gW1[i][1]
                b1[i] -= 0.5 * gb1[i]
                W2[i] -= 0.5 * gW2[i]
            }
            b2 -= 0.5 * gb2
        }
        return data.map { x, t in let y = forward(x).1; return 0.5 * (y - t) * (y - t) }.reduce(0, +) / 4
    }

    @Test("eval --json: train, show under a notation, perceptron, with the contract's keys")
    func json() throws {
        let r = try bptutor("eval", "--json", input: Self.script)
        #expect(r.status == 0, "\(r.stderr)")
        try #require(r.stdoutLines.count == 6, "\(r.stdout)")
        let objects = try r.stdoutLines.map { try jsonObject($0) }
        #expect(objects.map { $0.keys.sorted() } == [["net"], ["data"], ["train"], ["show"], ["data"], ["perceptron"]])

        #expect(r.stdoutLines[2].hasPrefix(#"{"train": {"epochs": 40, "loss": "#), "\(r.stdoutLines[2])")
        let train = try #require(objects[2]["train"] as? [String: Any])
        let loss = try #require(train["loss"] as? Double)
        let expected = Self.referenceLoss()
        #expect(abs(loss - expected) <= 1e-10 * expected, "\(loss) vs \(expected)")

        // show keys stay canonical under notation ng.
        #expect(r.stdoutLines[3].hasPrefix(#"{"show": {"z1": {"shape": [2, 1], "value": ["#), "\(r.stdoutLines[3])")
        let shown = try #require(objects[3]["show"] as? [String: Any])
        #expect(Set(shown.keys) == ["z1", "L"])

        #expect(r.stdoutLines[5].hasPrefix(
            #"{"perceptron": {"updates": 18, "epochs": 9, "converged": true, "w": [3, 2], "b": -4, "R": "#),
            "\(r.stdoutLines[5])")
        let p = try #require(objects[5]["perceptron"] as? [String: Any])
        #expect(p["R"] as? Double == 3.0.squareRoot())
    }

    @Test("eval text: the notation's names on screen")
    func text() throws {
        let r = try bptutor("eval", input: Self.script)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("trained 40 epochs (batch, η = 0.5, 40 steps): mean loss "), "\(r.stdout)")
        #expect(r.stdout.contains("z⁽²⁾ = "), "\(r.stdout)")
        #expect(r.stdout.contains("J    = "), "\(r.stdout)")
        #expect(r.stdout.contains("perceptron converged after 9 epochs: 18 updates"), "\(r.stdout)")
    }

    @Test("a bad data file: FILE:LINE:COL at the path in the script, naming the data file's line and column")
    func dataFileError() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let csv = try dir.write("bad.csv", "a,b,t\n1,2,0\n3,x,1\n")
        let script = try dir.write("load.bp", "data and\ndata load \"\(csv)\"\ndata\n")
        let r = try bptutor("eval", script)
        #expect(r.status == 1)
        let column = "data load \"".count
        #expect(r.stderr.hasPrefix("\(script):2:\(column): error: in the data file, bad.csv:3:3: 'x' is not a number\n"),
                "\(r.stderr)")
        #expect(r.stderr.contains("    |" + String(repeating: " ", count: column) + "^~~"), "\(r.stderr)")
        // The session goes on with the data it had.
        #expect(r.stdout.contains("data and: 4 samples"), "\(r.stdout)")
        let j = try bptutor("eval", "--json", script)
        #expect(j.status == 1)
        #expect(j.stdoutLines.contains(
            #"{"error": {"message": "in the data file, bad.csv:3:3: 'x' is not a number", "line": 2, "column": \#(column), "code": "bad-data-file"}}"#),
            "\(j.stdout)")
    }

    @Test("data load with a relative path, run from the data's directory")
    func relativePath() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("line.csv", "x,y\n0,1\n1,3\n2,5\n")
        _ = try dir.write("fit.bp", "net 1-1 output=identity\ndata load line.csv\nW1 = [[0]]\nb1 = 0\ntrain epochs=1 eta=0.1\n")
        let binary = try BPTutorBinary.require()
        let r = try runProcess("/bin/sh", ["-c", "cd \"$0\" && exec \"$1\" eval --json fit.bp", dir.path, binary])
        #expect(r.status == 0, "\(r.stderr)")
        try #require(r.stdoutLines.count == 3, "\(r.stdout)")
        // One batch step from W = 0, b = 0 on y = 2x + 1: ∂/∂W = mean(−y x) = −13/3, ∂/∂b = mean(−y) = −3.
        let w = 0.1 * 13 / 3, b = 0.1 * 3
        let expected = [(0.0, 1.0), (1.0, 3.0), (2.0, 5.0)].map { x, y in 0.5 * (w * x + b - y) * (w * x + b - y) }
            .reduce(0, +) / 3
        let loss = try #require((try jsonObject(r.stdoutLines[2])["train"] as? [String: Any])?["loss"] as? Double)
        #expect(abs(loss - expected) <= 1e-12 * expected, "\(loss) vs \(expected)")
    }

    @Test("training divergence is reported and the run goes on")
    func divergence() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let csv = try dir.write("line.csv", "0,1\n1,3\n2,5\n")
        let d = try bptutor("eval", input: "net 1-1 output=identity\ndata load \"\(csv)\"\ntrain epochs=500 eta=1e6\nshow b1\nnet 2-1\ntrain epochs=1 eta=1\n")
        // The mismatched net afterwards is a located error, not a crash.
        #expect(d.stderr.contains("<stdin>:6:1: error: the network takes 2 inputs"), "\(d.stderr)")
        #expect(d.status == 1, "\(d.stderr)")
        #expect(d.stdout.contains("η is too large"), "\(d.stdout)")
        #expect(d.stdout.contains("b1 = "), "\(d.stdout)")
    }
}
