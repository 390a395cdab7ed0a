import BackpropCore
import ScriptSyntax
import TutorStore

/// `--json` output: one object per line for each result, in order, as the
/// contract says. Acknowledgements (assignments, backward, set) print nothing.
public enum JSONOutput {
    public static func render(_ output: Output) -> JSONValue? {
        switch output {
        case .value(let t):
            return .object([("value", .object([("shape", .shape(t.shape)), ("value", .tensor(t))]))])
        case .show(let quantities):
            var seen = Set<String>()
            let entries = quantities.filter { seen.insert($0.name).inserted }.map { q in
                (q.name, JSONValue.object([("shape", .shape(q.value.shape)), ("value", .tensor(q.value)),
                                           ("grad", q.gradient.map(JSONValue.tensor) ?? .null)]))
            }
            return .object([("show", .object(entries))])
        case let .explanation(name, gradient, e):
            return .object([("explain", .object([
                ("name", .string(name)),
                ("gradient", .bool(gradient)),
                ("quantity", .string(e.quantity)),
                ("steps", .array(e.steps.map(JSONValue.string))),
                ("contributions", .array(e.contributions.map { c in
                    .object([("through", .string(c.through)), ("formula", .string(c.formula)), ("value", .tensor(c.value))])
                })),
                ("note", e.note.map(JSONValue.string) ?? .null),
                ("value", .tensor(e.value)),
            ]))])
        case .gradCheck(let r):
            return .object([("gradcheck", .object([
                ("name", .string(r.root)),
                ("eps", .number(r.step)),
                ("max_relative_error", .number(r.maxRelativeError)),
                ("max_absolute_error", .number(r.maxAbsoluteError)),
                ("passed", .bool(r.passed)),
                ("entries", .array(r.entries.map { e in
                    .object([("leaf", .string(e.leaf)),
                             ("index", .array([.number(Double(e.row)), .number(Double(e.column))])),
                             ("backprop", .number(e.backprop)), ("numeric", .number(e.numeric)),
                             ("absolute_error", .number(e.absoluteError)),
                             ("relative_error", .number(e.relativeError)), ("agrees", .bool(e.agrees))])
                })),
            ]))])
        case .names(let bindings):
            return .object([("names", .array(bindings.map { b in
                .object([("name", .string(b.name)), ("shape", .shape(b.shape)), ("leaf", .bool(b.isLeaf)),
                         ("definition", b.definition.map(JSONValue.string) ?? .null)])
            }))])
        case .settings(let pairs):
            return .object([("settings", .object(pairs.map { ($0.key, JSONValue.string($0.value)) }))])
        case .help(let text):
            return .object([("help", .string(text))])
        case .network(let n): return json(for: n)
        case .dataset(let d): return json(for: d)
        case .training(let t): return json(for: t)
        case .step(let report): return json(for: report)
        case .perceptron(let p): return json(for: p)
        case let .perceptronVisit(v, converged): return visitJSON(v, converged: converged)
        case .predictions(let p): return json(for: p)
        case .accuracy(let a): return json(for: a)
        case .grid(let g): return json(for: g)
        case let .losses(history, stride): return lossesJSON(history, stride: stride)
        case .plot(let plot): return json(for: plot)
        case let .notations(current, available): return notationsJSON(current: current, available: available)
        case .lessonTitle(let title):
            return .object([("title", .string(title))])
        case .narration(let text):
            return .object([("say", .string(text))])
        case .stepBoundary(let label):
            return .object([("lesson_step", .object([("label", .string(label))]))])
        case .exercise(let e):
            return .object([("ask", .object([("id", .string(e.id)), ("question", .string(e.question)),
                                             ("expected", .tensor(e.expected)), ("tol", .number(e.tolerance)),
                                             ("rule", e.rule.map(JSONValue.string) ?? .null)]))])
        case .assigned, .backwardDone, .settingChanged, .sessionReset, .sampleSelected, .perceptronReset,
             .notationChanged:
            return nil
        }
    }

    /// `{"error": {"message": …, "line": L, "column": C, "code": "unknown-name"}}`: the
    /// message with its notes, where it is, and its stable `DiagnosticCode`; with `file`
    /// (when a command reads several, as `check` does) also `"file": NAME`.
    public static func error(_ d: Diagnostic, file: String? = nil) -> JSONValue {
        .object([("error", problem(d, file: file))])
    }

    /// The inside of an error object: `{"message", "line", "column", "code"[, "file"]}`.
    public static func problem(_ d: Diagnostic, file: String? = nil) -> JSONValue {
        let message = ([d.message] + d.notes).joined(separator: "; ")
        var fields: [(String, JSONValue)] = [("message", .string(message)),
                                             ("line", .number(Double(d.span.start.line))),
                                             ("column", .number(Double(d.span.start.column))),
                                             ("code", .string(d.code.rawValue))]
        if let file { fields.append(("file", .string(file))) }
        return .object(fields)
    }
}
