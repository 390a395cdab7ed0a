/// Lecture 002's hand-built networks.
///
/// The threshold network for XOR (hard thresholds, I[z > 0]):
///   h1 = I[x1 + x2 − 0.5 > 0]   (x1 OR x2)
///   h2 = I[x1 + x2 − 1.5 > 0]   (x1 AND x2)
///   y  = I[h1 − h2 − 0.5 > 0]   (= x1 XOR x2)
/// As a 2-2-1 net with step activations:
///   W1 = [[1, 1], [1, 1]], b1 = [−0.5, −1.5], W2 = [[1, −1]], b2 = [−0.5].
/// (The contract's step is 1 for z ≥ 0; no pre-activation of this net is ever
/// exactly 0 on {0,1}², so it agrees with the lecture's strict I[z > 0].)
///
/// As a lesson script:
///   net 2-2-1 hidden=step output=step
///   W1 = [[1, 1], [1, 1]]
///   b1 = [-0.5, -1.5]
///   W2 = [[1, -1]]
///   b2 = [-0.5]
///
/// "Approximate a hard threshold by scaling up w and b": σ(k z) → step(z) as
/// k grows (σ(5x) in the lecture), so the same weights times k with sigmoid
/// units give outputs that approach XOR's 0/1 targets.
public enum LectureNetworks {
    public static let xorW1 = Tensor(rowsOf: [[1, 1], [1, 1]])
    public static let xorB1 = Tensor(column: [-0.5, -1.5])
    public static let xorW2 = Tensor(rowsOf: [[1, -1]])
    public static let xorB2 = Tensor(column: [-0.5])

    /// The threshold XOR net (step units), or with `activation` units and every
    /// weight and bias multiplied by `scale` (sigmoid with scale 5: σ(5z)).
    public static func thresholdXOR(activation: Activation = .step, scale: Double = 1,
                                    loss: Loss = .squared) -> Network {
        let spec = try! NetworkSpec(sizes: [2, 2, 1], activations: [activation, activation], loss: loss)
        func scaled(_ t: Tensor) -> Tensor { t.map { $0 * scale } }
        return try! Network(spec: spec, weights: [scaled(xorW1), scaled(xorW2)],
                            biases: [scaled(xorB1), scaled(xorB2)])
    }

    /// The lecture's feature map for XOR, ψ(x) = (x1, x2, x1·x2).
    public static let xorFeatureMap = FeatureMap.xorProduct

    /// A linear threshold unit on ψ(x) that classifies XOR: y = step(w·ψ(x) + b)
    /// with w = (1, 1, −2), b = −0.5 (z = −0.5, 0.5, 0.5, −0.5 on the four points).
    public static let xorFeatureWeights = Tensor(rowsOf: [[1, 1, -2]])
    public static let xorFeatureBias = Tensor(column: [-0.5])

    /// σ(k z): the steepened logistic, which tends to step(z) for z ≠ 0.
    public static func steepSigmoid(_ z: Double, k: Double = 5) -> Double {
        StableMath.sigmoid(k * z)
    }

    /// max over the points z of |σ(k z) − step(z)|: how far σ(k·) is from the
    /// step on points at least `gap` away from 0 (it equals σ(−k·gap)).
    public static func stepGap(k: Double, gap: Double) -> Double {
        StableMath.sigmoid(-k * gap)
    }
}
