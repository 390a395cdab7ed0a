import BackpropCore
import ScriptSyntax
import Testing
@testable import TutorScript

/// The one lesson session both front ends drive: walking steps and replying to a question.
@Suite struct LessonSessionTests {
    static let text = """
    title "Two steps"
    step "Forward"
    w = 0.5
    x = 2
    z = w*x
    ask q1 z "What is z?"
    y = 3*z
    step "Backward"
    backward y
    ask q2 w.grad "What is w̄?"
    step "Last"
    w = 1
    """

    /// Whether two graphs bind the same names to the same values.
    static func same(_ a: Graph, _ b: Graph) -> Bool {
        a.bindings.keys.sorted() == b.bindings.keys.sorted()
            && a.bindings.allSatisfy { name, id in b.bindings[name].map { a.value(of: id) == b.value(of: $0) } ?? false }
    }

    static func session() throws -> LessonSession {
        guard case .success(let lesson) = Lesson.parse(SourceFile(name: "two.lesson", text: text), path: "two.lesson")
        else { throw LessonHarness.HarnessError.broken }
        return LessonSession(lesson: lesson, seed: 0)
    }

    @Test func aLineAtAQuestion() throws {
        var s = try Self.session()
        #expect(s.reply(to: "1") == nil)                       // no question waits yet
        _ = s.nextStep()
        #expect(s.pending?.id == "q1")
        #expect(s.reply(to: "w = 3") == nil)                   // a command, not a reply
        #expect(s.pending?.id == "q1")
        let reply = s.reply(to: " 2 ")
        let wrong = try #require(reply)
        guard case .answered(let e, let result) = wrong else { Issue.record("\(wrong)"); return }
        #expect(e.id == "q1" && !result.correct && !wrong.continues)
        #expect(s.pending?.id == "q1")
        let second = s.reply(to: "1")
        let right = try #require(second)
        #expect(right.continues)
        #expect(s.pending == nil)
        #expect(s.answers["q1"]?.attempts == 2 && s.answers["q1"]?.correct == true)
        _ = s.resume()
        _ = s.nextStep()
        #expect(s.pending?.id == "q2")
        guard case .revealed(let shown) = s.reply(to: "reveal") else { Issue.record("not revealed"); return }
        #expect(shown.id == "q2" && s.pending == nil && s.answers["q2"]?.revealed == true)
        _ = s.back()
        _ = s.nextStep()
        #expect(s.pending?.id == "q2")                         // asked again: revealed is not right
        guard case .skipped = s.reply(to: "skip") else { Issue.record("not skipped"); return }
        #expect(s.pending == nil)
    }

    @Test func goToWalksBothWays() throws {
        var s = try Self.session()
        let before = s.interpreter.graph
        let first = s.goTo(step: 0) ?? []
        guard case .stepStarted(0, "Forward") = first.first else { Issue.record("\(first)"); return }
        #expect(Self.same(s.stepStartGraph, before))
        let atStart = s.interpreter.graph
        #expect(s.goTo(step: 0) == nil)                        // already there: nothing happens
        // Forward over a question: it is skipped quietly, the target step runs with its events.
        let last = s.goTo(step: 99) ?? []                      // kept within the lesson
        #expect(s.step == 2)
        guard case .stepStarted(2, "Last") = last.first else { Issue.record("\(last)"); return }
        #expect(s.answers["q1"] == nil)
        // Back to the first step: the state it began from, run again.
        #expect(s.goTo(step: 0) != nil)
        #expect(s.step == 0 && s.pending?.id == "q1")
        #expect(Self.same(s.interpreter.graph, atStart))
        #expect(Self.same(s.stepStartGraph, before))
        #expect(!Self.same(atStart, before))
        // The same walk as the REPL's resume: fastForward, then the next step.
        var r = try Self.session()
        r.fastForward(to: 1)
        _ = r.nextStep()
        var g = try Self.session()
        _ = g.goTo(step: 2)
        #expect(r.step == g.step && Self.same(r.interpreter.graph, g.interpreter.graph))
    }

    final class Recorder: LessonReplOutput {
        var lines: [String] = []
        func line(_ text: String) { lines.append(text) }
        func text(_ text: String) { lines += text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init) }
        func print(_ event: ScriptRunner.Event, source: SourceFile, settings: Settings) {
            switch event {
            case .output(let o): lines.append("output " + (TextOutput(settings: settings, interactive: false).render(o) ?? ""))
            case .error(let d): lines.append("error " + d.message)
            }
        }
        func flush() { lines.append("--") }
    }

    @Test func theReplsLessonMode() throws {
        let out = Recorder()
        var saved = 0
        let repl = LessonRepl(session: try Self.session(), output: out) { _ in saved += 1 }
        repl.start(resumingAt: 0)
        #expect(out.lines.contains("── Step 1/3: Forward " + String(repeating: "─", count: 43)))
        #expect(out.lines.contains("? q1: What is z?"))
        #expect(repl.prompt == "q1? ")
        out.lines = []
        #expect(repl.handle(""))
        #expect(out.lines == ["type an answer, or 'reveal' / 'skip'", "--"])
        out.lines = []
        _ = repl.handle("2")
        #expect(out.lines.count == 3 && out.lines.first?.hasPrefix("  ✗ not yet") == true)
        #expect(out.lines.dropFirst() == ["  try again, or 'reveal' / 'skip'", "--"])
        out.lines = []
        _ = repl.handle("1")
        #expect(out.lines.first == "  ✓ right")
        #expect(out.lines.contains("(Enter for the next step)"))
        #expect(repl.prompt == "bptutor> ")
        _ = repl.handle("next")
        out.lines = []
        _ = repl.handle("reveal")
        #expect(out.lines.first == "  q2 = 6")
        out.lines = []
        _ = repl.handle("where")
        #expect(out.lines == ["step 2 of 3: Backward", "--"])
        out.lines = []
        _ = repl.handle("nosuch + 1")
        #expect(out.lines.first?.hasPrefix("error ") == true)
        #expect(!repl.handle("quit"))
        #expect(saved == 8)                                    // after the start and each line but quit
    }
}
