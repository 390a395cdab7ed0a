import Testing
@testable import ScriptSyntax

/// title, say, step "LABEL", ask, and keyword arguments in random(…).
@Suite struct LessonDirectiveTests {
    @Test func directives() throws {
        #expect(rendered(try statement("title \"XOR\"")) == "<title \"XOR\">")
        #expect(rendered(try statement("say \"Now backward.\"")) == "<say \"Now backward.\">")
        #expect(rendered(try statement("step \"Forward pass\"")) == "<step \"Forward pass\">")
        #expect(rendered(try statement("ask q1 z.grad \"What is z̄?\"")) == "<ask q1 z.grad \"What is z̄?\">")
        #expect(rendered(try statement("ask q2 w - 0.5*w.grad \"After one step?\" tol=0.01 hint=\"η times w̄\""))
                == "<ask q2 (w - (0.5 * w.grad)) \"After one step?\" tol=0.01 hint=\"η times w̄\">")
    }

    @Test func multiLineNarration() throws {
        let s = try statements("say \"\"\"\n  First line.\n  Second line.\n  \"\"\"\nw = 1")
        #expect(s.count == 2)
        #expect(rendered(s[0]) == "<say \"First line.\nSecond line.\">")
    }

    /// A lesson step is a label; a gradient step takes options; step(…) is the function.
    @Test func threeMeaningsOfStep() throws {
        #expect(rendered(try statement("step \"Update\"")) == "<step \"Update\">")
        #expect(rendered(try statement("step eta=0.5")) == "<step eta=0.5>")
        #expect(rendered(try statement("y = step(z)")) == "y = step(z)")
    }

    @Test func keywordArguments() throws {
        #expect(rendered(try statement("w = random(-1, 1, digits=2)")) == "w = random((-1), 1, digits=2)")
        // Not in a vector literal or an index.
        #expect(try onlyDiagnostic("v = [digits=2]").span.start.column == 12)
    }

    @Test func errors() throws {
        #expect(try onlyDiagnostic("title XOR").message.hasPrefix("title takes a quoted text"))
        #expect(try onlyDiagnostic("ask q1 \"Question?\"").message.hasPrefix("ask takes an id, an expression and a question"))
        #expect(try onlyDiagnostic("ask q1 z.grad").message.hasPrefix("ask takes an id, an expression and a question"))
        let unknown = try onlyDiagnostic("ask q1 z \"Q\" tolerance=0.1")
        #expect(unknown.message == "unknown option 'tolerance'")
    }
}
