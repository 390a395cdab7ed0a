import Foundation
import Testing
import BackpropCore
import ScriptSyntax
@testable import TutorScript

/// `plot EXPR[, EXPR…] for NAME in LOW..HIGH [points=N]`: the points, the values against
/// plain math, no binding changed, the JSON shape, and located errors.
@Suite struct PlotTests {
    func plot(_ s: inout Session, _ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> CurvePlot {
        let outputs = s.ok(line, sourceLocation: sourceLocation)
        guard case .plot(let p)? = outputs.last else {
            Issue.record("expected a plot, got \(outputs)", sourceLocation: sourceLocation)
            throw TestFailure.unexpectedOutput
        }
        return p
    }

    @Test("61 evenly spaced points, both ends included; each curve is the function's value there")
    func valuesAgainstPlainMath() throws {
        var s = Session()
        let p = try plot(&s, "plot sigmoid(z), sigmoid(5*z), step(z) for z in -4..4")
        #expect(p.variable == "z" && p.x.count == PlotSyntax.defaultPoints)
        #expect(p.x.first == -4 && p.x.last == 4 && p.x[30] == 0)
        for (i, x) in p.x.enumerated() { #expect(abs(x - (-4 + 8 * Double(i) / 60)) <= 1e-15) }
        #expect(p.series.map(\.expression) == ["sigmoid(z)", "sigmoid(5*z)", "step(z)"])
        for (i, x) in p.x.enumerated() {
            #expect(abs(p.series[0].y[i] - 1 / (1 + exp(-x))) <= 1e-15)
            #expect(abs(p.series[1].y[i] - 1 / (1 + exp(-5 * x))) <= 1e-15)
            #expect(p.series[2].y[i] == (x >= 0 ? 1 : 0))
        }
        // No binding is left behind.
        #expect(s.interpreter.graph.bindings["z"] == nil)
    }

    @Test("a number leaf as the variable: what is computed from it follows, and it keeps its value")
    func throughTheGraph() throws {
        var s = Session()
        s.ok("w = 0.5\nE = (w - 2)^2\nbackward E")
        let p = try plot(&s, "plot E, w.grad for w in -1..3 points=5")
        #expect(p.x == [-1, 0, 1, 2, 3])
        #expect(p.series[0].y == [9, 4, 1, 0, 1])
        // w.grad is a snapshot (a constant): the same at every point.
        #expect(p.series[1].y == [Double](repeating: 2 * (0.5 - 2), count: 5))
        #expect(try s.current("w") == Tensor(scalar: 0.5))
        #expect(try s.current("E") == Tensor(scalar: 2.25))
        // The ends may be expressions of the graph's quantities.
        let around = try plot(&s, "plot E for w in w-1..w+1 points=3")
        #expect(around.x == [-0.5, 0.5, 1.5] && around.series[0].y == [6.25, 2.25, 0.25])
    }

    @Test("a column vector gives one curve per entry")
    func vectorCurves() throws {
        var s = Session()
        s.ok("v = [1, -2]")
        let p = try plot(&s, "plot v * u, softmax(v) for u in 0..1 points=2")
        #expect(p.series.map(\.expression) == ["(v * u)[1]", "(v * u)[2]", "softmax(v)[1]", "softmax(v)[2]"])
        #expect(p.series[0].y == [0, 1] && p.series[1].y == [0, -2])
    }

    @Test("--json: x and the series, NaN and infinities as strings")
    func json() throws {
        var s = Session()
        let p = try plot(&s, "plot log(z) for z in -1..1 points=3")
        let text = try #require(JSONOutput.render(.plot(p))).serialized
        #expect(text == #"{"plot": {"variable": "z", "x": [-1, 0, 1], "series": [{"expr": "log(z)", "y": ["NaN", "-Infinity", 0]}]}}"#)
        let lines = try #require(TextOutput(settings: Settings(), interactive: false).render(.plot(p)))
        #expect(lines.contains("(2 values are NaN or infinite: not drawn)"))
    }

    @Test("the text plot: a legend, the y range, one mark per curve, the x range under it")
    func textPlot() throws {
        var s = Session()
        let p = try plot(&s, "plot s, 1 - s for s in 0..1")
        let lines = try #require(TextOutput(settings: Settings(), interactive: false).render(.plot(p)))
            .split(separator: "\n").map(String.init)
        #expect(lines[0] == "plot over s from 0 to 1 (61 points): * s   o 1 - s")
        #expect(lines.count == 1 + 12 + 2)
        #expect(lines[1].hasPrefix("  1 │o") && lines[1].hasSuffix("*"))
        #expect(lines[12].hasPrefix("  0 │*") && lines[12].hasSuffix("o"))
        #expect(lines[14].contains("0") && lines[14].contains("s") && lines[14].hasSuffix("1"))
    }

    @Test("bad input gets a located error")
    func errors() throws {
        var s = Session()
        s.ok("W = [[1, 2], [3, 4]]\nw = 0.5\nE = w * 2\nv = [1, 2]")
        let cases: [(String, String, Int)] = [
            ("plot w for q in 3..1", "the range runs from low to high, as in -4..4: 3..1 is empty", 17),
            ("plot E for E in 1..2", "E is computed from other quantities", 12),
            ("plot q for v in 0..1", "plot … for v puts one number in v, but v is 2×1; use a new name", 12),
            ("plot W * q for q in 0..1", "a curve is a number (or a column vector, one curve per entry) at each point; this is 2×2", 6),
            ("plot q for q in 0..W", "the range's ends are numbers, as in 'for z in -4..4'; this is 2×2", 20),
            ("plot q for q in 0..1 points=1", "points is a whole number from 2 to 2001", 29),
        ]
        for (line, message, column) in cases {
            let d = try s.failure(line)
            #expect(d.message.hasPrefix(message), "\(line): \(d.message)")
            #expect(d.span.start.column == column, "\(line): column \(d.span.start.column)")
        }
        for line in ["plot", "plot sigmoid(z)", "plot sigmoid(z) for z", "plot sigmoid(z) for z in 0 1", "plot for z in 0..1"] {
            let r = s.run(line)
            #expect(r.errors.first?.message.hasPrefix("plot takes expressions, then 'for NAME in LOW..HIGH'") == true,
                    "\(line): \(r.errors.map(\.message))")
        }
        #expect(s.interpreter.graph.bindings["q"] == nil)
    }
}
