import Foundation
import Testing
import BackpropCore
import ScriptSyntax
@testable import TutorScript

/// `NAME = EXPR` and friends, as the contract ("Values and the graph") says.
@Suite struct AssignmentTests {
    @Test("a literal right side makes a leaf; anything else a computed node")
    func leavesAndComputedNodes() throws {
        var s = Session()
        let outputs = s.ok("w = 0.5\nn = -4\nv = [1, 2]\nW = [[1, 2], [3, 4]]\ne = 1e-3\nz = w * 2")
        #expect(outputs.count == 6)
        #expect(outputs.allSatisfy { $0.isAcknowledgement })
        let g = s.interpreter.graph
        for name in ["w", "n", "v", "W", "e"] {
            #expect(g[try s.node(name)].isLeaf, "\(name) should be a leaf")
        }
        #expect(!g[try s.node("z")].isLeaf)
        #expect(try s.current("n").scalar == -4)
        #expect(try s.current("e").scalar == 1e-3)
        #expect(try s.current("v") == Tensor(column: [1, 2]))
        #expect(try s.current("W") == Tensor(rowsOf: [[1, 2], [3, 4]]))
        #expect(outputs[0] == .assigned(name: "w", value: Tensor(scalar: 0.5), isLeaf: true, recomputed: 0, note: nil))
        #expect(outputs[5] == .assigned(name: "z", value: Tensor(scalar: 1), isLeaf: false, recomputed: 0, note: nil))
    }

    @Test("a literal assigned to a leaf of the same shape updates it in place and recomputes dependents")
    func updateInPlace() throws {
        var s = Session()
        s.ok("w = 0.5\nx = 2\nb = 1\nz = w*x + b\ny = sigmoid(z)")
        let w = try s.node("w"), z = try s.node("z")
        #expect(try s.current("z").scalar == 2)
        let outputs = s.ok("w = 0.7")
        #expect(outputs == [.assigned(name: "w", value: Tensor(scalar: 0.7), isLeaf: true, recomputed: 2, note: nil)])
        #expect(try s.node("w") == w, "the same leaf")
        #expect(try s.node("z") == z, "z is the same node, recomputed")
        expectClose(try s.current("z").scalar, 0.7 * 2 + 1, "z")
        expectClose(try s.current("y").scalar, sigma(0.7 * 2 + 1), "y")
        #expect(s.interpreter.graph[w].isLeaf)
    }

    @Test("updating a leaf re-runs the last backward, so gradients stay current")
    func updateRerunsBackward() throws {
        var s = Session()
        s.ok("w = 0.5\nx = 2\nb = 1\nz = w*x + b\ny = sigmoid(z)\nbackward y")
        expectClose(try s.gradient("w")?.scalar ?? .nan, sigma(2) * (1 - sigma(2)) * 2, "w̄ before")
        let outputs = s.ok("w = 0.7")
        #expect(outputs == [.assigned(name: "w", value: Tensor(scalar: 0.7), isLeaf: true, recomputed: 2,
                                      note: "gradients from 'backward y' recomputed")])
        let z = 0.7 * 2 + 1
        expectClose(try s.gradient("w")?.scalar ?? .nan, sigma(z) * (1 - sigma(z)) * 2, "w̄ after")
        expectClose(try s.gradient("x")?.scalar ?? .nan, sigma(z) * (1 - sigma(z)) * 0.7, "x̄ after")
        expectClose(try s.scalar("w.grad"), sigma(z) * (1 - sigma(z)) * 2, "w.grad after")
        // Text in the REPL acknowledges it.
        let text = TextOutput(settings: Settings(), interactive: true).render(outputs[0])
        #expect(text == "w = 0.70000    (2 quantities recomputed; gradients from 'backward y' recomputed)\n")
        #expect(TextOutput(settings: Settings(), interactive: false).render(outputs[0]) == nil)
    }

    @Test("a literal of a different shape makes a new leaf; old dependents keep the old one")
    func differentShapeIsANewLeaf() throws {
        var s = Session()
        s.ok("w = 0.5\nx = 2\nz = w*x")
        let oldW = try s.node("w")
        let outputs = s.ok("w = [1, 2]")
        #expect(outputs == [.assigned(name: "w", value: Tensor(column: [1, 2]), isLeaf: true, recomputed: 0,
                                      note: "a new 2×1 leaf; quantities defined from the earlier w still use it")])
        #expect(try s.node("w") != oldW)
        #expect(try s.current("z").scalar == 1, "z still uses the old w")
        #expect(s.interpreter.graph.value(of: oldW).scalar == 0.5)
        // A literal to a computed name also makes a leaf.
        s.ok("z = 3")
        #expect(s.interpreter.graph[try s.node("z")].isLeaf)
    }

    @Test("c = c + 1 makes a new node; the old one still feeds its dependents")
    func rebindingMakesANewNode() throws {
        var s = Session()
        s.ok("c = 1\nd = c * 3")
        let oldC = try s.node("c")
        s.ok("c = c + 1")
        let newC = try s.node("c")
        #expect(newC != oldC)
        #expect(try s.current("c").scalar == 2)
        #expect(try s.current("d").scalar == 3)
        #expect(s.interpreter.graph.displayName(of: oldC) == "c#1")
        // The earlier c is a leaf still, and still what d is computed from.
        s.ok("backward d")
        #expect(s.interpreter.graph.gradient(of: oldC)?.scalar == 3)
        #expect(try s.gradient("c") == nil)
        let e = try s.explanation("d")
        #expect(e.steps == ["c#1 · 3", "1 · 3", "3"])
        // Again: a chain of rebindings.
        s.ok("c = c + 1\nc = c * 10")
        #expect(try s.current("c").scalar == 30)
    }

    @Test("y = x makes a new node equal to x")
    func copyOfAName() throws {
        var s = Session()
        s.ok("x = [1, 2]\ny = x")
        #expect(try s.node("y") != (try s.node("x")))
        #expect(!s.interpreter.graph[try s.node("y")].isLeaf)
        #expect(try s.current("y") == Tensor(column: [1, 2]))
        s.ok("x = [5, 6]")
        #expect(try s.current("y") == Tensor(column: [5, 6]), "y follows x")
    }

    @Test("+= -= *= /= are NAME = NAME op EXPR")
    func compoundAssignment() throws {
        var s = Session()
        s.ok("a = 2")
        s.ok("a += 3")
        #expect(try s.current("a").scalar == 5)
        s.ok("a -= 1")
        #expect(try s.current("a").scalar == 4)
        s.ok("a *= 2.5")
        #expect(try s.current("a").scalar == 10)
        s.ok("a /= 4")
        #expect(try s.current("a").scalar == 2.5)
        #expect(!s.interpreter.graph[try s.node("a")].isLeaf, "a = a + 3 is a computed node")
        // Vectors, with broadcasting.
        s.ok("v = [1, 2]\nv *= 3\nv += [1, 1]")
        #expect(try s.current("v") == Tensor(column: [4, 7]))
        // Gradients flow through the chain to the first a.
        s.ok("a0 = 1\nk = a0\nk *= 3\nk += a0\nbackward k")
        #expect(try s.gradient("a0")?.scalar == 4)
        let d = try s.failure("q += 1")
        #expect(d.message == "unknown name 'q'")
        #expect(d.span.start == SourcePosition(line: 1, column: 1))
        let shape = try s.failure("v += [1, 2, 3]")
        #expect(shape.message.contains("2×1 and 3×1"), "\(shape.message)")
    }

    @Test("W[i, j] = x sets one entry of a leaf in place")
    func elementAssignment() throws {
        var s = Session()
        s.ok("W = [[1, 2], [3, 4]]\nS = sum(W)\nbackward S")
        let w = try s.node("W")
        let outputs = s.ok("W[1, 2] = 0.5")
        #expect(outputs == [.assigned(name: "W", value: Tensor(rowsOf: [[1, 0.5], [3, 4]]), isLeaf: true,
                                      recomputed: 1, note: "gradients from 'backward S' recomputed")])
        #expect(try s.node("W") == w)
        #expect(try s.current("S").scalar == 8.5)
        s.ok("W[2, 1] += 1\nW[2, 2] *= 2\nW[1, 1] -= 3\nW[1, 2] /= 2")
        #expect(try s.current("W") == Tensor(rowsOf: [[-2, 0.25], [4, 8]]))
        #expect(try s.current("S").scalar == 10.25)
        // One index for a vector.
        s.ok("v = [1, 2, 3]\nv[2] = 7")
        #expect(try s.current("v") == Tensor(column: [1, 7, 3]))

        let range = try s.failure("W[3, 1] = 0")
        #expect(range.message == "row index 3 is out of range 1…2 for a 2×2 value")
        #expect(range.span.start == SourcePosition(line: 1, column: 3))
        let entry = try s.failure("W[1, 1] = [1, 2]")
        #expect(entry.message == "an entry is a single number, not 2×1")
        let mentions = try s.failure("W[1, 1] = S")
        #expect(mentions.message == "an entry of a leaf is set to a number; this mentions a quantity")
        #expect(mentions.span.start == SourcePosition(line: 1, column: 11))
    }

    @Test("an entry of a computed node cannot be set")
    func elementOfComputedNode() throws {
        var s = Session()
        s.ok("W = [[1, 2], [3, 4]]\nW2 = W @ W")
        let d = try s.failure("W2[1,2] = 0.5")
        #expect(d.message == "only an entry of a leaf can be set; W2 is computed from other quantities")
        #expect(d.span.start == SourcePosition(line: 1, column: 1))
        #expect(d.span.end == SourcePosition(line: 1, column: 3))
        let unknown = try s.failure("W3[1, 2] = 0.5")
        #expect(unknown.message == "unknown name 'W3'")
        #expect(unknown.notes == ["did you mean 'W'?"])
    }

    @Test("unknown names are errors with a suggestion")
    func unknownNames() throws {
        var s = Session()
        let empty = try s.failure("y = w + 1")
        #expect(empty.message == "unknown name 'w'")
        #expect(empty.notes == ["nothing is defined yet: define it first, e.g. 'w = 0.5'"])
        #expect(empty.span.start == SourcePosition(line: 1, column: 5))
        s.ok("weight = 0.5\nbias = 1")
        let typo = try s.failure("z = wieght * 2 + bias")
        #expect(typo.message == "unknown name 'wieght'")
        #expect(typo.notes == ["did you mean 'weight'?"])
        #expect(typo.span == SourceSpan(line: 1, column: 5, length: 6))
        let fn = try s.failure("sigmod(bias)")
        #expect(fn.message == "unknown function 'sigmod'")
        #expect(fn.notes == ["did you mean 'sigmoid'?"])
        let grad = try s.failure("bais.grad")
        #expect(grad.message == "unknown name 'bais'")
        #expect(grad.notes == ["did you mean 'bias'?"])
        let show = try s.failure("show weight biass")
        #expect(show.message == "unknown name 'biass'")
        #expect(show.span.start == SourcePosition(line: 1, column: 13))
    }

    @Test("reserved words cannot be assigned")
    func reservedWords() throws {
        var s = Session()
        // A command word: the parser rejects the line, so nothing in the source runs.
        let command = s.run("w = 1\nshow = 1")
        guard case .syntaxErrors(let ds) = command.outcome else {
            Issue.record("expected a syntax error, got \(command.outcome)")
            return
        }
        #expect(ds.map(\.message) == ["'show' is a command and cannot be used as a name"])
        #expect(ds.first?.span.start == SourcePosition(line: 2, column: 1))
        #expect(command.outcome.exitCode == 2)
        #expect(s.interpreter.graph.bindings.isEmpty, "nothing ran")
        // A function name: a run-time error.
        let function = try s.failure("sigmoid = 1")
        #expect(function.message == "'sigmoid' is a function and cannot be used as a name")
        #expect(function.span == SourceSpan(line: 1, column: 1, length: 7))
        for name in Functions.names {
            let r = s.run("\(name) = 2")
            #expect(r.errors.count == 1, "\(name) = 2 should be an error")
        }
        for keyword in Keywords.commands {
            let r = s.run("\(keyword) = 2")
            #expect(r.outcome.exitCode != 0, "\(keyword) = 2 should be an error")
        }
        #expect(s.interpreter.graph.bindings.isEmpty)
    }

    @Test("a failing statement leaves the session unchanged")
    func failureLeavesSessionUnchanged() throws {
        var s = Session()
        s.ok("w = [1, 2]\nv = [1, 2, 3]\nL = sum(w)\nbackward L")
        let before = s.interpreter.graph
        let count = before.count
        // Each of these gets part way (nodes added to the tape) before failing.
        for bad in ["q = w * 2 + v", "w = w * 2 + v", "L = exp(w) @ v", "w[1] = v", "w += v",
                    "backward v", "z = w[3]", "w = [1, 2] + [1, 2, 3]", "gradcheck v", "set digits 99"] {
            let r = s.run(bad)
            #expect(r.errors.count == 1, "\(bad) should fail")
            #expect(s.interpreter.graph.count == count, "\(bad) changed the tape")
            #expect(s.interpreter.graph.bindings == before.bindings, "\(bad) changed the bindings")
            #expect(s.interpreter.graph.lastBackwardRoot == before.lastBackwardRoot)
            #expect(s.interpreter.settings == Settings())
        }
        #expect(try s.gradient("w") == Tensor(column: [1, 1]))
    }

    @Test("Interpreter.execute: errors are thrown as located diagnostics, the session kept")
    func executeDirectly() throws {
        var interpreter = Interpreter()
        let source = SourceFile(name: "direct.bp", text: "a = 2\nb = a * 3\nc = b @ [1, 2]\nd = b + 1")
        let (statements, diagnostics) = Parser.parse(source)
        #expect(diagnostics.isEmpty)
        #expect(statements.count == 4)
        _ = try interpreter.execute(statements[0], in: source)
        _ = try interpreter.execute(statements[1], in: source)
        let snapshot = interpreter.graph.count
        do {
            _ = try interpreter.execute(statements[2], in: source)
            Issue.record("c = b @ [1, 2] should fail")
        } catch {
            #expect(error.message == "cannot multiply 1×1 @ 2×1: the inner dimensions 1 and 2 differ")
            #expect(error.span == SourceSpan(line: 3, column: 5, length: 10))
        }
        #expect(interpreter.graph.count == snapshot)
        let out = try interpreter.execute(statements[3], in: source)
        #expect(out == [.assigned(name: "d", value: Tensor(scalar: 7), isLeaf: false, recomputed: 0, note: nil)])
        #expect(interpreter.boundNames == ["a", "b", "d"])
    }

    @Test("a script goes on after a failing line and reports how many failed")
    func scriptContinuesAfterErrors() {
        var s = Session()
        let r = s.run("a = 1\nb = nope\nshow a\nc = a @ [1, 2]\nshow a")
        #expect(r.outcome == .completed(failures: 2))
        #expect(r.outcome.exitCode == 1)
        #expect(r.errors.map(\.span.start.line) == [2, 4])
        #expect(r.results.count == 2)
        #expect(ScriptRunner.Outcome.completed(failures: 0).exitCode == 0)
    }
}
