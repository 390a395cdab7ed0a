#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The seeded initialisation of a network's parameters.
///
/// Weights: uniform on (−r, r), drawn from one `SplitMix64(seed)` stream in the
/// order W1, W2, …, WL, each row by row (Wl[1,1], Wl[1,2], …). The range is
///   r = √(6 / (n_(l−1) + n_l))   (Glorot/Xavier uniform) for every activation but relu,
///   r = √(6 / n_(l−1))           (He uniform) for a relu layer,
/// so that the variance of z stays about the same from layer to layer.
/// Biases start at 0 (the random weights already break the symmetry).
/// The same seed gives bit-for-bit the same weights on every machine.
public enum Initialization {
    /// The seed `net` uses when none is given.
    public static let defaultSeed: UInt64 = 1

    /// r for layer l (1-based) of `spec`.
    public static func range(_ spec: NetworkSpec, layer l: Int) -> Double {
        let fanIn = Double(spec.sizes[l - 1]), fanOut = Double(spec.sizes[l])
        if spec.activations[l - 1] == .relu { return (6 / fanIn).squareRoot() }
        return (6 / (fanIn + fanOut)).squareRoot()
    }

    /// W1…WL and b1…bL for `spec` from `seed`.
    public static func parameters(_ spec: NetworkSpec, seed: UInt64) -> (weights: [Tensor], biases: [Tensor]) {
        var rng = SplitMix64(seed: seed)
        var weights: [Tensor] = []
        var biases: [Tensor] = []
        for l in 1...spec.depth {
            let r = range(spec, layer: l)
            let shape = spec.weightShape(layer: l)
            var storage = [Double](repeating: 0, count: shape.count)
            for k in 0..<storage.count { storage[k] = rng.uniform(-r, r) }
            weights.append(Tensor(rows: shape.rows, columns: shape.columns, storage: storage))
            biases.append(Tensor(rows: spec.sizes[l], columns: 1))
        }
        return (weights, biases)
    }
}
