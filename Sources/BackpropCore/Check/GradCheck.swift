/// Finite-difference check of backprop: for every entry of every leaf that the
/// root depends on, the five-point central difference
///   f'(x) ≈ (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h)) / 12h   (error O(h⁴))
/// beside the gradient backprop computed, and their relative error.
public struct GradCheck: Sendable {
    public struct Entry: Sendable, Equatable {
        public var leaf: NodeID
        /// 0-based position in the leaf.
        public var row: Int
        public var column: Int
        public var backprop: Double
        public var numeric: Double
        /// |backprop − numeric| / max(|backprop|, |numeric|, 1e-12); 0 when both are 0.
        public var relativeError: Double

        public var absoluteError: Double { abs(backprop - numeric) }

        /// Agreement as expected of a smooth function: relatively (1e-6) or, for a
        /// gradient that is 0 or nearly so, absolutely (1e-8, above the finite
        /// difference's rounding noise).
        public var agrees: Bool {
            relativeError <= GradCheck.relativeTolerance || absoluteError <= GradCheck.absoluteTolerance
        }
    }

    public static let relativeTolerance = 1e-6
    public static let absoluteTolerance = 1e-8

    /// Every entry agrees.
    public var passed: Bool { entries.allSatisfy(\.agrees) }

    public var root: NodeID
    public var step: Double
    public var entries: [Entry]

    public var maxRelativeError: Double { entries.map(\.relativeError).max() ?? 0 }

    /// Default relative step: h = step · max(1, |x|).
    public static let defaultStep = 1e-4

    public static func relativeError(_ a: Double, _ b: Double) -> Double {
        if a == b { return 0 }
        let scale = max(abs(a), abs(b), 1e-12)
        return abs(a - b) / scale
    }
}

extension Graph {
    /// Runs backward from `root` (1×1) and compares every leaf gradient with
    /// finite differences. The graph's values are left as they were.
    public mutating func gradCheck(root: NodeID, step: Double = GradCheck.defaultStep) throws(GraphError) -> GradCheck {
        try backward(from: root)
        var probe = self
        var entries: [GradCheck.Entry] = []
        for leaf in leaves(reachedFrom: root) {
            let original = value(of: leaf)
            let offset = offsets[leaf]
            let analytic = gradient(of: leaf) ?? Tensor(rows: original.rows, columns: original.columns)
            for k in 0..<original.count {
                let x = original.storage[k]
                let h = step * max(1, abs(x))
                func f(_ shift: Double) -> Double {
                    probe.values[offset + k] = x + shift
                    probe.recompute(dependentsOf: leaf)
                    return probe.value(of: root).scalar
                }
                let numeric = (-f(2 * h) + 8 * f(h) - 8 * f(-h) + f(-2 * h)) / (12 * h)
                probe.values[offset + k] = x
                probe.recompute(dependentsOf: leaf)
                let b = analytic.storage[k]
                entries.append(GradCheck.Entry(leaf: leaf, row: k / original.columns, column: k % original.columns,
                                               backprop: b, numeric: numeric,
                                               relativeError: GradCheck.relativeError(b, numeric)))
            }
        }
        return GradCheck(root: root, step: step, entries: entries)
    }
}
