import Foundation
import Testing
import BackpropCore
import ScriptSyntax
@testable import TutorScript
import TestSupport

/// explain, gradcheck, set, help, names, reset.
@Suite struct CommandTests {
    /// Lecture 002's worked example (Tests/Fixtures/lecture002.bp).
    static var lecture: String { SharedFixture.text("lecture002.bp") }

    static func lectureSession(backward: Bool = true) -> Session {
        var s = Session()
        s.ok(lecture + (backward ? "\nbackward Lreg" : ""))
        return s
    }

    @Test("explain NAME: definition, numbers, value")
    func explainValue() throws {
        var s = Self.lectureSession(backward: false)
        let z = try s.explanation("z")
        #expect(z.quantity == "z")
        #expect(z.steps == ["w · x + b", "0.50000 · 1.5000 + 0.15000", "0.90000"])
        #expect(z.note == nil)
        #expect(z.contributions.isEmpty)
        expectClose(z.value.scalar, 0.9, "z")
        let leaf = try s.explanation("w")
        #expect(leaf.steps == ["0.50000"])
        #expect(leaf.note == "w is a leaf: an input or parameter, set directly (w = … at test.bp:1)")
        #expect(s.text("explain z") == """
            z = w · x + b
              = 0.50000 · 1.5000 + 0.15000
              = 0.90000

            """)
    }

    @Test("explain NAME.grad: the chain rule, step by step")
    func explainGradient() throws {
        var s = Self.lectureSession()
        let y = try s.explanation("y.grad")
        #expect(y.quantity == "ȳ")
        #expect(y.steps == ["L̄ · ∂L/∂y", "L̄(y − t)", "1 · (0.71095 − 1)", "−0.28905"])
        let z = try s.explanation("z.grad")
        #expect(z.quantity == "z̄")
        #expect(z.steps == ["ȳ · ∂y/∂z", "ȳ · σ'(z)", "ȳ · y(1 − y)", "−0.28905 · 0.71095 · (1 − 0.71095)", "−0.059400"])
        let b = try s.explanation("b.grad")
        #expect(b.steps == ["z̄ · ∂z/∂b", "z̄", "−0.059400"])
        let r = try s.explanation("R.grad")
        #expect(r.steps == ["L̄reg · ∂Lreg/∂R", "L̄reg · lam", "1 · 0.10000", "0.10000"])
        let root = try s.explanation("Lreg.grad")
        #expect(root.steps == ["1"])
        #expect(root.note == "backward started here: ∂Lreg/∂Lreg = 1")
        let zbar = (sigma(0.9) - 1) * sigma(0.9) * (1 - sigma(0.9))
        expectClose(z.value.scalar, zbar, "z̄")
    }

    @Test("explain w.grad: fan-out contributions add up")
    func explainFanOut() throws {
        var s = Self.lectureSession()
        let w = try s.explanation("w.grad")
        #expect(w.quantity == "w̄")
        #expect(w.steps == ["z̄ · ∂z/∂w + R̄ · ∂R/∂w", "z̄ · x + R̄ · w", "−0.059400 · 1.5000 + 0.10000 · 0.50000", "−0.039100"])
        #expect(w.note == "w fans out to 2 quantities: their contributions add up")
        #expect(w.contributions.map(\.through) == ["z", "R"])
        #expect(w.contributions.map(\.formula) == ["z̄ · x", "R̄ · w"])
        let zbar = (sigma(0.9) - 1) * sigma(0.9) * (1 - sigma(0.9))
        expectClose(w.contributions[0].value.scalar, zbar * 1.5, "through z")
        expectClose(w.contributions[1].value.scalar, 0.1 * 0.5, "through R")
        expectClose(w.value.scalar, zbar * 1.5 + 0.05, "w̄")
        #expect(s.text("explain w.grad") == """
            w̄ = z̄ · ∂z/∂w + R̄ · ∂R/∂w
              = z̄ · x + R̄ · w
              = −0.059400 · 1.5000 + 0.10000 · 0.50000
              = −0.039100
              (w fans out to 2 quantities: their contributions add up)
                through z: z̄ · x = −0.089100
                through R: R̄ · w = 0.050000

            """)
    }

    @Test("explain errors")
    func explainErrors() throws {
        var s = Self.lectureSession(backward: false)
        let none = try s.failure("explain z.grad")
        #expect(none.message == "z has no gradient yet: run 'backward' on a 1×1 quantity first (e.g. 'backward L')")
        #expect(none.span.start == SourcePosition(line: 1, column: 9))
        s.ok("backward L")
        let unreached = try s.failure("explain lam.grad")
        #expect(unreached.message == "lam has no gradient: L does not depend on it (the last backward was from L)")
        let unknown = try s.failure("explain zz")
        #expect(unknown.message == "unknown name 'zz'")
        #expect(unknown.notes == ["did you mean 'z'?"])
    }

    @Test("explain a matrix quantity")
    func explainMatrix() throws {
        var s = Session()
        s.ok("v = [1, 2]\nW = [[1, 2], [3, 4]]\nu = W @ v\nL = sum(u)\nbackward L")
        #expect(s.text("explain u\nexplain W.grad") == """
            u = W v
              = [1, 2; 3, 4] [1; 2]
              = [  5 ]
                [ 11 ]
            W̄ = ū vᵀ
              = [1; 1] [1; 2]ᵀ
              = [ 1  2 ]
                [ 1  2 ]

            """)
    }

    @Test("gradcheck: an entry per leaf entry, and whether backprop agrees")
    func gradcheck() throws {
        var s = Self.lectureSession(backward: false)
        let out = s.ok("gradcheck Lreg")
        guard out.count == 1, case .gradCheck(let report) = out[0] else {
            Issue.record("expected a gradcheck report, got \(out)")
            return
        }
        #expect(report.root == "Lreg")
        #expect(report.step == GradCheck.defaultStep)
        #expect(report.entries.map(\.leaf) == ["w", "x", "b", "t", "lam"])
        #expect(report.entries.allSatisfy { $0.row == 1 && $0.column == 1 })
        #expect(report.passed)
        #expect(report.maxRelativeError < 1e-8)
        let y = sigma(0.9)
        let zbar = (y - 1) * y * (1 - y)
        let expected = [zbar * 1.5 + 0.1 * 0.5, zbar * 0.5, zbar, -(y - 1), 0.5 * 0.25]
        for (entry, value) in zip(report.entries, expected) {
            expectClose(entry.backprop, value, entry.leaf)
            expectClose(entry.numeric, value, relative: 1e-8, entry.leaf)
        }
        // Matrix leaves: one entry each, 1-based.
        s.ok("W = [[1, 2], [3, 4]]\nv = [0.5, -1]\nQ = sum(tanh(W @ v))")
        let matrix = s.ok("gradcheck Q eps=1e-3")
        guard case .gradCheck(let m) = matrix.first else {
            Issue.record("expected a gradcheck report")
            return
        }
        #expect(m.step == 1e-3)
        #expect(m.entries.map { "\($0.leaf)[\($0.row),\($0.column)]" }
                == ["W[1,1]", "W[1,2]", "W[2,1]", "W[2,2]", "v[1,1]", "v[2,1]"])
        #expect(m.passed)
    }

    @Test("gradcheck fails at a kink, and its errors")
    func gradcheckKinkAndErrors() throws {
        var s = Session()
        s.ok("a = 0\nr = relu(a)")
        guard case .gradCheck(let kink) = s.ok("gradcheck r").first else {
            Issue.record("expected a report")
            return
        }
        #expect(!kink.passed)
        #expect(kink.entries.first?.backprop == 0)
        expectClose(kink.entries.first?.numeric ?? .nan, 0.5, relative: 1e-9, "numeric")
        let text = s.text("gradcheck r")
        #expect(text.hasPrefix("gradcheck r: backprop against 5-point central differences (eps = 0.0001)\n"), "\(text)")
        #expect(text.contains("  a     [1,1]  0         0.50000"), "\(text)")
        s.ok("v = [1, 2]")
        let vector = try s.failure("gradcheck v")
        #expect(vector.message == "gradcheck needs a 1×1 quantity such as a loss; v is 2×1")
        let eps = try s.failure("gradcheck r eps=2")
        #expect(eps.message == "eps must be a small positive number such as 1e-4")
        let option = try s.failure("gradcheck r step=0.1")
        #expect(option.message == "gradcheck takes 'eps=H' (the relative finite-difference step)")
    }

    @Test("set digits changes the text output; JSON keeps full precision")
    func setDigits() throws {
        var s = Session()
        s.ok("y = 1/3")
        #expect(s.text("show y") == "y = 0.33333\n")
        #expect(s.text("set") == "digits = 5\nnotation = canonical\n")
        let changed = s.ok("set digits 10")
        #expect(changed == [.settingChanged(key: "digits", value: "10")])
        #expect(s.interpreter.settings.digits == 10)
        #expect(s.text("show y") == "y = 0.3333333333\n")
        #expect(s.text("set") == "digits = 10\nnotation = canonical\n")
        #expect(s.json("show y") == [#"{"show": {"y": {"shape": [1, 1], "value": 0.3333333333333333, "grad": null}}}"#])
        for bad in ["set digits 0", "set digits 18", "set digits 2.5", "set digits many"] {
            let d = try s.failure(bad)
            #expect(d.message == "digits is a whole number from 1 to 17, as in 'set digits 10'", "\(bad)")
        }
        let unknown = try s.failure("set dgits 3")
        #expect(unknown.message == "unknown setting 'dgits'")
        #expect(unknown.notes == ["did you mean 'digits'?"])
        #expect(s.interpreter.settings.digits == 10)
    }

    @Test("help, help TOPIC, help with a typo")
    func help() throws {
        var s = Session()
        guard case .help(let overview) = s.ok("help").first else {
            Issue.record("expected help")
            return
        }
        #expect(overview.hasPrefix("Commands:\n"))
        for command in ["backward NAME", "show [NAME...]", "explain NAME[.grad]", "gradcheck NAME", "set [KEY VALUE]", "names", "reset", "help [TOPIC]"] {
            #expect(overview.contains(command), "the overview mentions \(command)")
        }
        #expect(overview.contains("Functions: " + Functions.names.joined(separator: ", ")))
        let show = s.ok("help show")
        #expect(show == [.help(HelpText.topics.first { $0.name == "show" }!.details)])
        #expect(s.text("help show") == """
            show NAME... prints each quantity's value and, after a backward that reaches it,
            its gradient (written with a bar: z̄). 'show' alone shows every quantity.

            """)
        #expect(s.ok("help sigmoid") == [.help("sigmoid(x): logistic σ(z) = 1/(1 + e^−z), elementwise")])
        // Every topic and every function has help.
        for topic in HelpText.topics.map(\.name).filter({ $0 != "=" }) + Functions.names + ["assign"] {
            #expect(s.run("help \(topic)").errors.isEmpty, "help \(topic)")
        }
        let typo = try s.failure("help shwo")
        #expect(typo.message == "no help on 'shwo'")
        #expect(typo.notes == ["did you mean 'help show'?"])
        #expect(typo.span == SourceSpan(line: 1, column: 6, length: 4))
        let nosuch = try s.failure("help nosuch")
        #expect(nosuch.message == "no help on 'nosuch'")
        #expect(nosuch.notes == ["try 'help' for the list of topics"])
    }

    @Test("names lists the bindings in definition order")
    func names() throws {
        var s = Session()
        #expect(s.ok("names") == [.names([])])
        #expect(s.text("names") == "no quantities defined yet\n")
        s.ok("w = 0.5\nx = [1, 2]\nz = w*x\nW = [[1, 2], [3, 4]]\nu = W @ x")
        guard case .names(let list) = s.ok("names").first else {
            Issue.record("expected names")
            return
        }
        #expect(list.map(\.name) == ["w", "x", "z", "W", "u"])
        #expect(list.map(\.isLeaf) == [true, true, false, true, false])
        #expect(list.map(\.shape) == [.scalar, Shape(rows: 2, columns: 1), Shape(rows: 2, columns: 1),
                                      Shape(rows: 2, columns: 2), Shape(rows: 2, columns: 1)])
        #expect(list[0].definition == nil)
        #expect(list[4].definition == "W x")
        #expect(s.text("names") == """
            w  1×1  leaf
            x  2×1  leaf
            z  2×1  = w · x
            W  2×2  leaf
            u  2×1  = W x

            """)
    }

    @Test("reset forgets every quantity and gradient, keeps settings")
    func reset() throws {
        var s = Self.lectureSession()
        s.ok("set digits 8")
        let out = s.ok("reset")
        #expect(out == [.sessionReset])
        #expect(s.interpreter.graph.bindings.isEmpty)
        #expect(s.interpreter.graph.count == 0)
        #expect(s.interpreter.graph.lastBackwardRoot == nil)
        #expect(s.interpreter.settings.digits == 8)
        let gone = try s.failure("w")
        #expect(gone.message == "unknown name 'w'")
        #expect(TextOutput(settings: Settings(), interactive: true).render(out[0]) == "session reset: no quantities defined\n")
        #expect(TextOutput(settings: Settings(), interactive: false).render(out[0]) == nil)
        #expect(JSONOutput.render(out[0]) == nil)
    }

    @Test("show: all quantities, layout of vectors and gradients, empty session")
    func show() throws {
        var s = Session()
        #expect(s.text("show") == "no quantities defined yet\n")
        s.ok("v = [1, 2]\nW = [[1, 2], [3, 4]]\nL = sum(W @ v)\nbackward L")
        #expect(s.text("show") == """
            v = [ 1 ]       v̄ = [ 4 ]
                [ 2 ]           [ 6 ]
            W = [ 1  2 ]    W̄ = [ 1  2 ]
                [ 3  4 ]        [ 1  2 ]
            L = 16          L̄ = 1

            """)
        // show W.grad shows W.
        guard case .show(let q) = s.ok("show W.grad").first else {
            Issue.record("expected show")
            return
        }
        #expect(q.map(\.name) == ["W"])
    }

    @Test("completion words: commands, functions, bound names")
    func completionWords() {
        var s = Session()
        s.ok("alpha = 1")
        let words = s.interpreter.completionWords
        #expect(words.contains("alpha"))
        #expect(words.contains("sigmoid"))
        #expect(words.contains("backward"))
        #expect(words == words.sorted())
    }
}
