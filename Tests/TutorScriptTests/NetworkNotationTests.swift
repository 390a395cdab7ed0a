import Foundation
import Testing
import BackpropCore
import ScriptSyntax
@testable import TutorScript

/// `notation`: the lectures' names in show and explain; the language keeps
/// the canonical names, and so does JSON.
@Suite struct NetworkNotationTests {
    static let setup = """
        net 2-2-1
        W1 = [[0.15, -0.2], [0.25, 0.3]]
        b1 = [0.1, -0.35]
        W2 = [[0.4, -0.6]]
        b2 = 0.05
        x = [0.5, -1.2]
        t = 0.8
        backward L
        """
    static let all = "x t W1 b1 z1 a1 W2 b2 z2 a2 L"

    static func labels(_ notation: String, _ script: String = setup) throws -> [String: (String, String)] {
        var s = Session()
        s.ok(script + "\nnotation \(notation)")
        let shown = try s.shown(all)
        var out: [String: (String, String)] = [:]
        for q in shown { out[q.name] = (q.label, q.gradientLabel) }
        return out
    }

    static func expectLabels(_ notation: String, _ expected: [String: (String, String)], script: String = setup,
                             sourceLocation: SourceLocation = #_sourceLocation) throws {
        let labels = try labels(notation, script)
        for (name, pair) in expected {
            #expect(labels[name]?.0 == pair.0, "\(notation): \(name) shows as \(labels[name]?.0 ?? "?")",
                    sourceLocation: sourceLocation)
            #expect(labels[name]?.1 == pair.1, "\(notation): \(name)'s gradient shows as \(labels[name]?.1 ?? "?")",
                    sourceLocation: sourceLocation)
        }
    }

    @Test("canonical: the language's names, error signals with a bar")
    func canonical() throws {
        try Self.expectLabels("canonical", ["z1": ("z1", "z̄1"), "W1": ("W1", "W̄1"), "L": ("L", "L̄"), "x": ("x", "x̄")])
    }

    @Test("ng (lecture 000): z1 is z⁽²⁾ with error δ⁽²⁾, L is J")
    func ng() throws {
        try Self.expectLabels("ng", [
            "z1": ("z⁽²⁾", "δ⁽²⁾"), "a1": ("a⁽²⁾", "∂J/∂a⁽²⁾"), "z2": ("z⁽³⁾", "δ⁽³⁾"), "a2": ("a⁽³⁾", "∂J/∂a⁽³⁾"),
            "W1": ("W⁽¹⁾", "∂J/∂W⁽¹⁾"), "b2": ("b⁽²⁾", "∂J/∂b⁽²⁾"), "L": ("J", "∂J/∂J"), "t": ("y", "∂J/∂y"),
        ])
    }

    @Test("grosse (lecture 002) on a 2-layer net: z, h, y, ℒ, with bars")
    func grosse() throws {
        try Self.expectLabels("grosse", [
            "z1": ("z", "z̄"), "a1": ("h", "h̄"), "a2": ("y", "ȳ"), "W1": ("W⁽¹⁾", "W̄⁽¹⁾"), "W2": ("W⁽²⁾", "W̄⁽²⁾"),
            "t": ("t", "t̄"), "L": ("ℒ", "ℒ̄"),
        ])
    }

    @Test("fleuret (lecture 004): s⁽¹⁾, x⁽¹⁾, x⁽⁰⁾, ℓ; ∂ℓ/∂s⁽¹⁾")
    func fleuret() throws {
        try Self.expectLabels("fleuret", [
            "z1": ("s⁽¹⁾", "∂ℓ/∂s⁽¹⁾"), "a1": ("x⁽¹⁾", "∂ℓ/∂x⁽¹⁾"), "x": ("x⁽⁰⁾", "∂ℓ/∂x⁽⁰⁾"), "L": ("ℓ", "∂ℓ/∂ℓ"),
            "W2": ("w⁽²⁾", "∂ℓ/∂w⁽²⁾"),
        ])
    }

    @Test("kroese (lecture 003): z₁, δ₁, C")
    func kroese() throws {
        try Self.expectLabels("kroese", [
            "z1": ("z₁", "δ₁"), "z2": ("z₂", "δ₂"), "a1": ("a₁", "∂C/∂a₁"), "W1": ("W₁", "∂C/∂W₁"), "L": ("C", "∂C/∂C"),
        ])
    }

    @Test("notes (lecture 001): W, V, h, d̂, d, f, δ")
    func notes() throws {
        try Self.expectLabels("notes", [
            "W1": ("W", "∂f/∂W"), "W2": ("V", "∂f/∂V"), "a1": ("h", "∂f/∂h"), "a2": ("d̂", "∂f/∂d̂"), "t": ("d", "∂f/∂d"),
            "L": ("f", "∂f/∂f"), "z2": ("z_d̂", "δ_k"), "z1": ("z_h", "δ_m"),
        ])
    }

    @Test("values and gradients are the same whatever the notation")
    func sameNumbers() throws {
        var base = Session()
        base.ok(Self.setup)
        let reference = try base.shown(Self.all)
        for notation in Notation.allCases {
            var s = Session()
            s.ok(Self.setup + "\nnotation \(notation.rawValue)")
            let shown = try s.shown(Self.all)
            #expect(shown.map(\.name) == reference.map(\.name), "\(notation)")
            #expect(shown.map(\.value) == reference.map(\.value), "\(notation)")
            #expect(shown.map(\.gradient) == reference.map(\.gradient), "\(notation)")
        }
    }

    @Test("explain uses the notation's names; the language still takes canonical ones")
    func explainAndInput() throws {
        var s = Session()
        s.ok(Self.setup + "\nnotation ng")
        let e = try s.explanation("z1.grad")
        #expect(e.quantity == "δ⁽²⁾")
        #expect(e.steps.first == "∂J/∂a⁽²⁾ ⊙ σ'(z⁽²⁾)", "\(e.steps)")
        let v = try s.explanation("z1")
        #expect(v.steps.first == "W⁽¹⁾ x + b⁽¹⁾", "\(v.steps)")
        let text = s.text("show z1")
        #expect(text.contains("z⁽²⁾ = ") && text.contains("δ⁽²⁾ = "), "\(text)")
        // Canonical names in expressions and commands.
        var plain = Session()
        plain.ok(Self.setup)
        #expect(try s.value("z1.grad + 0") == plain.value("z1.grad + 0"))
        #expect(try s.scalar("L") == plain.scalar("L"))
        s.ok("W2 = [[0.5, -0.5]]\nbackward L")
        // The lectures' names are not names of the language.
        let d = try s.failure("J")
        #expect(d.message == "unknown name 'J'")

        var k = Session()
        k.ok(Self.setup + "\nnotation kroese")
        #expect(try k.explanation("z2.grad").quantity == "δ₂")
        var g = Session()
        g.ok(Self.setup + "\nnotation grosse")
        let w1 = try g.explanation("W1.grad")
        #expect(w1.quantity == "W̄⁽¹⁾")
        #expect(w1.steps.first == "z̄ xᵀ", "\(w1.steps)")
    }

    @Test("JSON show keys stay canonical under any notation")
    func jsonKeys() throws {
        var s = Session()
        s.ok(Self.setup + "\nnotation ng")
        let lines = s.json("show z1 L")
        try #require(lines.count == 1)
        #expect(lines[0].hasPrefix(#"{"show": {"z1": {"shape": [2, 1], "value": ["#), "\(lines[0])")
        #expect(lines[0].contains(#""L": {"shape": [1, 1], "value": "#))
        #expect(!lines[0].contains("J") && !lines[0].contains("⁽"))
    }

    @Test("notation lists the notations; an unknown one is an error with a suggestion")
    func listAndUnknown() throws {
        var s = Session()
        guard case let .notations(current, available) = try s.result("notation") else { Issue.record("no list"); return }
        #expect(current == "canonical")
        #expect(available.map { String($0.prefix { $0 != ":" }) } == ["canonical", "ng", "grosse", "fleuret", "kroese", "notes"])
        let d = try s.failure("notation grose")
        #expect(d.message == "unknown notation 'grose'")
        #expect(d.span.start == SourcePosition(line: 1, column: 10))
        #expect(d.notes.first == "did you mean 'grosse'?")
        #expect(d.notes.contains("the notations are: canonical, ng, grosse, fleuret, kroese, notes"))
        let set = try s.failure("set notation kroes")
        #expect(set.notes.first == "did you mean 'kroese'?")
        s.ok("set notation fleuret")
        #expect(s.interpreter.settings.notation == .fleuret)
        // Without a network, names are just names.
        s.ok("w = 2")
        #expect(try s.shown("w")[0].label == "w")
    }
}
