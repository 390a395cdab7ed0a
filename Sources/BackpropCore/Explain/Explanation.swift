/// How a quantity was computed, as a chain of equalities in the lectures'
/// form, ending in its value. Produced from the node's definition and the
/// ops' symbolic rules; rendered by the front ends.
public struct Explanation: Sendable, Equatable {
    /// `z` or `z̄`.
    public var quantity: String
    /// The right-hand sides, in order: rule, closed form, numbers, value.
    /// (`z̄ = ȳ · σ'(z) = ȳ · y(1 − y) = −0.28905 · 0.71095 · (1 − 0.71095) = −0.059400`)
    public var steps: [String]
    /// For a node with fan-out: each consumer's contribution, in tape order.
    public var contributions: [Contribution]
    /// A sentence for what the chain does not say (a leaf, the backward root).
    public var note: String?
    public var value: Tensor
    /// The rule in symbols, the right side of "z̄ = ȳ · σ'(z)" or "z = w · x + b";
    /// nil for a leaf, a constant or the backward root.
    public var rule: String?

    public struct Contribution: Sendable, Equatable {
        /// The consumer the path goes through.
        public var through: String
        public var formula: String
        public var value: Tensor
    }
}

public enum ExplainError: Error, Sendable, Equatable, CustomStringConvertible {
    case noBackward(name: String)
    case notReached(name: String, root: String)

    public var description: String {
        switch self {
        case .noBackward(let name):
            "\(name) has no gradient yet: run 'backward' on a 1×1 quantity first (e.g. 'backward L')"
        case let .notReached(name, root):
            "\(name) has no gradient: \(root) does not depend on it (the last backward was from \(root))"
        }
    }
}

extension Graph {
    /// Explains how node `id`'s value was computed.
    public func explainValue(of id: NodeID, renderer: FormulaRenderer) -> Explanation {
        let node = self[id]
        let label = renderer.name(id)
        let value = node.value
        let valueText = node.shape.isScalar ? renderer.numbers.format(value.scalar) : "⟨\(node.shape)⟩"
        switch node.op {
        case .leaf:
            return Explanation(quantity: label, steps: [valueText], contributions: [],
                               note: "\(label) is a leaf: an input or parameter, set directly"
                                   + (node.origin.map { " (\($0))" } ?? ""),
                               value: value)
        case .constant:
            return Explanation(quantity: label, steps: [valueText], contributions: [],
                               note: "a constant", value: value)
        default:
            guard let def = node.definition else {
                return Explanation(quantity: label, steps: [valueText], contributions: [],
                                   note: "computed by \(node.op.displayName)", value: value)
            }
            var steps = [renderer.render(def)]
            let numbers = renderer.render(def, substituting: true)
            if numbers != steps[0] { steps.append(numbers) }
            steps.append(valueText)
            return Explanation(quantity: label, steps: steps, contributions: [], note: nil, value: value,
                               rule: steps[0])
        }
    }

    /// Explains node `id`'s error signal from the last backward: the chain rule
    /// over its named consumers, each consumer's rule, the closed form, the
    /// numbers, and the value.
    public func explainGradient(of id: NodeID, renderer: FormulaRenderer) throws(ExplainError) -> Explanation {
        let label = renderer.gradientLabel(id)
        guard let root = lastBackwardRoot else { throw .noBackward(name: renderer.name(id)) }
        guard let gradient = gradient(of: id) else {
            throw .notReached(name: renderer.name(id), root: renderer.name(root))
        }
        let shape = self[id].shape
        let valueText = shape.isScalar ? renderer.numbers.format(gradient.scalar) : "⟨\(shape)⟩"
        if id == root {
            return Explanation(quantity: label, steps: ["1"], contributions: [],
                               note: "backward started here: ∂\(renderer.name(root))/∂\(renderer.name(root)) = 1",
                               value: gradient)
        }
        let chain = chainPaths(into: id)
        let consumers = chain.consumers, paths = chain.paths
        guard var total = paths.first?.formula else {
            return Explanation(quantity: label, steps: [valueText], contributions: [],
                               note: "reached through intermediate steps only", value: gradient)
        }
        for p in paths.dropFirst() { total = .apply(.add, [total, p.formula]) }

        var steps: [String] = []
        if shape.isScalar {
            let chain = paths.map { "\(renderer.gradientLabel($0.consumer)) · ∂\(renderer.name($0.consumer))/∂\(renderer.name(id))" }
            steps.append(chain.joined(separator: " + "))
        }
        let rule = renderer.render(total)
        steps.append(rule)
        let closed = total.expandingDerivatives(naming: consumers, in: self)
        let closedText = renderer.render(closed)
        if closedText != steps.last { steps.append(closedText) }
        // The numbers plugged in, unless they meet ∞ · 0 where the engine's fused
        // log-sigmoid / log-softmax computed the finite value stably.
        var note: String?
        let plugged = closed.evaluate(in: self)
        let pluggedFinite = plugged.storage.allSatisfy(\.isFinite)
        if pluggedFinite || !gradient.storage.allSatisfy(\.isFinite) {
            let numbers = renderer.render(closed, substituting: true)
            if numbers != steps.last, numbers != valueText { steps.append(numbers) }
        } else {
            note = "the rule's numbers meet ∞ · 0 here; the engine computes log σ and log softmax stably, "
                + "so the value is finite"
        }
        if steps.last != valueText { steps.append(valueText) }

        let contributions = paths.count > 1 ? paths.map { path in
            Explanation.Contribution(through: renderer.name(path.consumer),
                                     formula: renderer.render(path.formula),
                                     value: path.formula.evaluate(in: self))
        } : []
        if paths.count > 1 {
            let fanOut = "\(renderer.name(id)) fans out to \(paths.count) quantities: their contributions add up"
            note = note.map { fanOut + "; " + $0 } ?? fanOut
        }
        return Explanation(quantity: label, steps: steps, contributions: contributions, note: note, value: gradient,
                           rule: rule)
    }
}
