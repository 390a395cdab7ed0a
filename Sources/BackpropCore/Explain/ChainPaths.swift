/// The chain rule for one node's error signal, as explanations and slips both
/// read it: v̄ = Σ over v's named consumers c of c̄ · ∂c/∂v, one path per consumer.
struct ChainPaths {
    /// One consumer's contribution: its definition's pullbacks toward v, summed
    /// and simplified (`z̄ · x`, `ȳ · σ'(z)`).
    typealias Path = (consumer: NodeID, formula: Formula)

    /// The named consumers the last backward reached, in tape order.
    let consumers: [NodeID]
    /// One path per consumer whose definition mentions v.
    let paths: [Path]
}

extension Graph {
    /// The chain-rule paths into node `id`'s error signal from the last backward.
    func chainPaths(into id: NodeID) -> ChainPaths {
        let consumers = namedConsumers(of: id).filter { hasGradient($0) }
        var paths: [ChainPaths.Path] = []
        for c in consumers {
            let parts = definition(of: c)!.pullback(toward: id, seed: .gradient(c), in: self)
            guard var sum = parts.first else { continue }
            for p in parts.dropFirst() { sum = .apply(.add, [sum, p]) }
            paths.append((c, sum.simplified(in: self)))
        }
        return ChainPaths(consumers: consumers, paths: paths)
    }
}
