import BackpropCore
import ScriptSyntax

/// `backward NAME`: error signals ∂NAME/∂v for every v NAME depends on.
extension Interpreter {
    mutating func backward(_ name: Identifier) throws(Diagnostic) -> Output {
        let id = try lookup(name)
        do {
            try graph.backward(from: id)
        } catch {
            throw Diagnostic(ScriptMessage.needsScalar(command: "backward", name: name.name, shape: graph[id].shape),
                             at: name.span)
        }
        let reached = graph.bindings.values.filter { graph[$0].hasGradient }.count
        return .backwardDone(root: name.name, reached: reached)
    }
}
