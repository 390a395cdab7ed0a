extension Graph {
    /// Plausible wrong answers for a gradient-descent update w − η·w̄, where
    /// `current` is w and `step` is η·w̄ (both nodes of this graph) and
    /// `expected` the update's value: stepping uphill (w + η·w̄), taking no step
    /// at all (w itself), then sign, transpose and the factors of 2.
    public func updateSlips(current: NodeID, step: NodeID, expected: Tensor) -> [Slip] {
        var flipped = self
        var slips: [Slip] = []
        if let up = try? flipped.addOp(.add, [current, step]) {
            slips.append(Slip("stepped with + instead of −: gradient descent moves against the gradient",
                              flipped.value(of: up), kind: .update))
        }
        slips.append(Slip("no step taken: this is the value before the update, the step −η·gradient is missing",
                          value(of: current), kind: .update))
        return slips + Self.shapeAndScaleSlips(of: expected, meanSizes: [])
    }

    /// The update `parameter` − rate·∂L/∂`parameter` with the gradient taken after
    /// each of `later` (parameters nearer the loss, with their names) was already
    /// updated by the same rule: lecture 001's slip of computing δ_m from the new V,
    /// where both updates must come from the one forward and backward pass.
    public func staleGradientSlips(parameter: NodeID, rate: Double, later: [(id: NodeID, name: String)]) -> [Slip] {
        guard let root = lastBackwardRoot, let before = gradient(of: parameter) else { return [] }
        var slips: [Slip] = []
        for (id, name) in later {
            guard let g = gradient(of: id) else { continue }
            var updated = self
            updated.setLeaf(id, to: Self.stepped(value(of: id), by: g, rate: rate))
            try? updated.backward(from: root)
            guard let after = updated.gradient(of: parameter), after != before else { continue }
            slips.append(Slip("used \(name) after its update: the gradient must come from the same forward and "
                              + "backward pass as \(name)'s, with \(name) before its step",
                              Self.stepped(value(of: parameter), by: after, rate: rate), kind: .update))
        }
        return slips
    }

    /// The update `parameter` − rate·g where g is one of the gradient's own slips
    /// (a missed fan-out path, a forgotten σ′, a factor left out): the slip carried
    /// into the step, as 03's w − η z̄x for w − η(z̄x + λw). Each keeps its kind, so
    /// one that changes nothing here (a factor of 1) can be dropped like the original.
    public func carriedGradientSlips(parameter: NodeID, rate: Double, renderer: FormulaRenderer) -> [Slip] {
        let w = value(of: parameter), wbar = renderer.gradientLabel(parameter)
        return gradientSlips(of: parameter, renderer: renderer).filter { $0.kind != .shapeOrScale }.map { slip in
            Slip("the step is right but \(wbar) is not: \(slip.description)",
                 Self.stepped(w, by: slip.value, rate: rate), kind: slip.kind)
        }
    }

    /// w − rate·g, entry by entry.
    static func stepped(_ w: Tensor, by g: Tensor, rate: Double) -> Tensor {
        var out = w
        for k in 0..<w.count { out.storage[k] = w.storage[k] - rate * g.storage[k] }
        return out
    }
}
