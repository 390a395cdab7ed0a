import BackpropCore
import ScriptSyntax

/// `show NAME...` (every bound name when none is given) and `names`.
extension Interpreter {
    func show(_ references: [QuantityReference]) throws(Diagnostic) -> Output {
        let ids: [(String, NodeID)]
        if references.isEmpty {
            ids = boundNames.map { ($0, graph.bindings[$0]!) }
        } else {
            ids = try references.map { ref throws(Diagnostic) in (ref.name.name, try lookup(ref.name)) }
        }
        let r = renderer
        return .show(ids.map { shown($0.0, $0.1, renderer: r) })
    }

    /// A quantity for `show`, with the names the current notation gives it.
    func shown(_ name: String, _ id: NodeID, renderer: FormulaRenderer) -> ShownQuantity {
        ShownQuantity(name: name, value: graph.value(of: id), gradient: graph.gradient(of: id),
                      label: renderer.name(id), gradientLabel: renderer.gradientLabel(id))
    }

    /// What `names` lists: every bound name, its shape and definition.
    public var bindingSummaries: [BindingSummary] {
        let r = renderer
        return boundNames.map { name in
            let id = graph.bindings[name]!
            return BindingSummary(name: name, shape: graph.shape(of: id), isLeaf: graph.isLeaf(id),
                                  definition: graph.definition(of: id).map { r.render($0) })
        }
    }

    /// `reset`: forget every binding and the network session; settings stay.
    mutating func reset() -> Output {
        graph = Graph()
        session = NetworkSession()
        return .sessionReset
    }
}
