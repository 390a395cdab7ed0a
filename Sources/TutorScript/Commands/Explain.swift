import BackpropCore
import ScriptSyntax

/// `explain NAME` and `explain NAME.grad`: how a value or a gradient was computed.
extension Interpreter {
    func explain(_ reference: QuantityReference) throws(Diagnostic) -> Output {
        let id = try lookup(reference.name)
        do {
            return .explanation(name: reference.name.name, gradient: reference.gradient,
                                try explanation(of: id, gradient: reference.gradient))
        } catch {
            throw Diagnostic(error.scriptMessage, at: reference.span)
        }
    }

    /// What `explain` shows for a node's value or gradient (also for the screen's formula pane).
    public func explanation(of id: NodeID, gradient: Bool) throws(ExplainError) -> Explanation {
        gradient ? try graph.explainGradient(of: id, renderer: renderer) : graph.explainValue(of: id, renderer: renderer)
    }
}
