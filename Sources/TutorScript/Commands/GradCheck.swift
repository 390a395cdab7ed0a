import BackpropCore
import ScriptSyntax

/// `gradcheck NAME [eps=H]`: backprop against five-point central differences.
extension Interpreter {
    mutating func gradCheck(_ name: Identifier, _ options: [CommandOption]) throws(Diagnostic) -> Output {
        let id = try lookup(name)
        try GradCheckSyntax.schema.validate(options)
        let step = try options.number(GradCheckSyntax.eps) ?? GradCheck.defaultStep
        do {
            let check = try graph.gradCheck(root: id, step: step)
            let entries = check.entries.map {
                GradCheckReport.Entry(leaf: graph.displayName(of: $0.leaf), row: $0.row + 1, column: $0.column + 1,
                                      backprop: $0.backprop, numeric: $0.numeric, relativeError: $0.relativeError,
                                      absoluteError: $0.absoluteError, agrees: $0.agrees)
            }
            return .gradCheck(GradCheckReport(root: name.name, step: step, entries: entries))
        } catch {
            throw Diagnostic(ScriptMessage.needsScalar(command: "gradcheck", name: name.name, shape: graph[id].shape),
                             at: name.span)
        }
    }
}
