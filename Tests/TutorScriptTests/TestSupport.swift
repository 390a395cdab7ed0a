import Foundation
import Testing
import BackpropCore
import ScriptSyntax
@testable import TutorScript

/// An interpreter session driven the way `eval` and the REPL drive it: through
/// `ScriptRunner`, recording every event.
struct Session {
    var interpreter = Interpreter()

    struct Run {
        var outputs: [Output]
        var errors: [Diagnostic]
        var outcome: ScriptRunner.Outcome

        /// The outputs that are results (what `eval` prints), without acknowledgements.
        var results: [Output] { outputs.filter { !$0.isAcknowledgement } }
    }

    /// Runs `text` as one source named `test.bp`.
    @discardableResult
    mutating func run(_ text: String) -> Run {
        var outputs: [Output] = []
        var errors: [Diagnostic] = []
        let outcome = ScriptRunner.run(SourceFile(name: "test.bp", text: text), interpreter: &interpreter) { event, _ in
            switch event {
            case .output(let o): outputs.append(o)
            case .error(let d): errors.append(d)
            }
        }
        return Run(outputs: outputs, errors: errors, outcome: outcome)
    }

    /// Runs `text`, which must succeed; returns every output (acknowledgements too).
    @discardableResult
    mutating func ok(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Output] {
        let r = run(text)
        #expect(r.errors.isEmpty, "unexpected errors: \(r.errors.map { "\($0.span.start): \($0.message)" })",
                sourceLocation: sourceLocation)
        return r.outputs
    }

    /// Runs a source that must report exactly one error (at run time, not a syntax error).
    mutating func failure(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic {
        let r = run(text)
        try #require(r.errors.count == 1, "expected one error, got \(r.errors.map(\.message))",
                     sourceLocation: sourceLocation)
        #expect(r.outcome == .completed(failures: 1), sourceLocation: sourceLocation)
        return r.errors[0]
    }

    /// The value of an expression (a bare expression statement).
    mutating func value(_ expression: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Tensor {
        let outputs = ok(expression, sourceLocation: sourceLocation)
        try #require(outputs.count == 1, sourceLocation: sourceLocation)
        guard case .value(let t) = outputs[0] else {
            Issue.record("expected a value, got \(outputs[0])", sourceLocation: sourceLocation)
            throw TestFailure.unexpectedOutput
        }
        return t
    }

    /// The 1×1 value of an expression.
    mutating func scalar(_ expression: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Double {
        let t = try value(expression, sourceLocation: sourceLocation)
        try #require(t.isScalar, "\(expression) is \(t.shape)", sourceLocation: sourceLocation)
        return t.scalar
    }

    /// The node a name is bound to.
    func node(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> NodeID {
        try #require(interpreter.graph.bindings[name], "\(name) is not bound", sourceLocation: sourceLocation)
    }

    /// The current value of a bound name.
    func current(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Tensor {
        interpreter.graph.value(of: try node(name, sourceLocation: sourceLocation))
    }

    /// The gradient of a bound name from the last backward (nil if none).
    func gradient(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Tensor? {
        interpreter.graph.gradient(of: try node(name, sourceLocation: sourceLocation))
    }

    /// What `show NAMES` reports.
    mutating func shown(_ names: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [ShownQuantity] {
        let outputs = ok("show \(names)", sourceLocation: sourceLocation)
        guard outputs.count == 1, case .show(let q) = outputs[0] else {
            Issue.record("expected one show output, got \(outputs)", sourceLocation: sourceLocation)
            throw TestFailure.unexpectedOutput
        }
        return q
    }

    /// The explanation `explain REF` produces.
    mutating func explanation(_ ref: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Explanation {
        let outputs = ok("explain \(ref)", sourceLocation: sourceLocation)
        guard outputs.count == 1, case let .explanation(_, _, e) = outputs[0] else {
            Issue.record("expected one explanation, got \(outputs)", sourceLocation: sourceLocation)
            throw TestFailure.unexpectedOutput
        }
        return e
    }

    /// The human text of the outputs of `text` (as `eval` prints them, or the REPL with `interactive`).
    mutating func text(_ text: String, interactive: Bool = false,
                       sourceLocation: SourceLocation = #_sourceLocation) -> String {
        var out = ""
        let r = run(text)
        #expect(r.errors.isEmpty, "unexpected errors: \(r.errors.map(\.message))", sourceLocation: sourceLocation)
        for o in r.outputs {
            out += TextOutput(settings: interpreter.settings, interactive: interactive).render(o) ?? ""
        }
        return out
    }

    /// The JSON lines of the outputs of `text` (as `eval --json` prints them).
    mutating func json(_ text: String) -> [String] {
        var lines: [String] = []
        let r = run(text)
        for o in r.outputs {
            if let v = JSONOutput.render(o) { lines.append(v.serialized) }
        }
        lines += r.errors.map { JSONOutput.error($0).serialized }
        return lines
    }
}

enum TestFailure: Error {
    case unexpectedOutput
}

/// Relative agreement (exact equality also counts, so zeros and infinities compare).
func close(_ a: Double, _ b: Double, relative: Double = 1e-12) -> Bool {
    a == b || abs(a - b) <= relative * max(abs(a), abs(b))
}

func expectClose(_ a: Double, _ b: Double, relative: Double = 1e-12, _ what: String = "",
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(close(a, b, relative: relative), "\(what): \(a) vs \(b)", sourceLocation: sourceLocation)
}

func expectClose(_ t: Tensor?, _ expected: [Double], rows: Int? = nil, relative: Double = 1e-12, _ what: String = "",
                 sourceLocation: SourceLocation = #_sourceLocation) {
    guard let t else {
        Issue.record("\(what): no tensor", sourceLocation: sourceLocation)
        return
    }
    #expect(t.count == expected.count, "\(what): \(t.shape)", sourceLocation: sourceLocation)
    if let rows { #expect(t.rows == rows, "\(what): \(t.shape)", sourceLocation: sourceLocation) }
    for (a, b) in zip(t.storage, expected) {
        expectClose(a, b, relative: relative, what, sourceLocation: sourceLocation)
    }
}

/// The logistic function in plain Double math.
func sigma(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
