extension Graph {
    /// Plausible wrong answers for a gradient-descent update w − η·w̄, where
    /// `current` is w and `step` is η·w̄ (both nodes of this graph) and
    /// `expected` the update's value: the classic slip is stepping uphill,
    /// w + η·w̄; then sign, transpose and the factors of 2.
    public func updateSlips(current: NodeID, step: NodeID, expected: Tensor) -> [Slip] {
        var flipped = self
        var slips: [Slip] = []
        if let up = try? flipped.addOp(.add, [current, step]) {
            slips.append(Slip("stepped with + instead of −: gradient descent moves against the gradient",
                              flipped.value(of: up), kind: .update))
        }
        return slips + Self.shapeAndScaleSlips(of: expected, meanSizes: [])
    }
}
