/// The maximum-margin separator through the origin of the augmented inputs
/// x̃_n = (x_n, 1), i.e. the hard-margin SVM with the bias inside w̃ = (w, b):
///
///   ρ = max_{‖w̃‖ = 1} min_n y_n w̃·x̃_n.
///
/// This is the margin in lecture 004's proof, where the perceptron runs on
/// augmented inputs and the assumption is y_n (x̃_n·w*) ≥ γ/2 with ‖w*‖ = 1:
/// the best such γ is 2ρ, and the bound k ≤ 4R²/γ² becomes k ≤ R²/ρ².
///
/// By duality, ρ is the distance from the origin to the convex hull of the
/// points p_n = y_n x̃_n, and w* = p*/‖p*‖ for the nearest point p* (the dual
/// of min ½‖w̃‖² s.t. y_n w̃·x̃_n ≥ 1 is min ½‖Σ α_n p_n‖² − Σ α_n, α ≥ 0,
/// whose solution is α = λ/‖p*‖², λ the convex weights of p*). If the origin
/// is in the hull, no w̃ separates the data (Gordan's alternative): ρ = 0.
///
/// The nearest point is found with Wolfe's minimum-norm-point algorithm
/// (1976), which is exact up to rounding and finite: an active set ("corral")
/// of affinely independent points, the affine minimiser over it, and line
/// searches back into the hull when that minimiser leaves it.
public struct HardMarginSVM: Sendable, Equatable {
    /// Whether a w̃ with y_n w̃·x̃_n > 0 for every n exists.
    public var separable: Bool
    /// ρ (0 when not separable).
    public var margin: Double
    /// The unit-norm separator w̃* = (w*, b*) (zeros when not separable).
    public var direction: [Double]
    /// The SVM scaling w̃*/ρ: min_n y_n w̃·x̃_n = 1.
    public var weights: [Double]
    /// The samples on the margin (those with a positive weight in p*), 0-based.
    public var supportVectors: [Int]
    public var iterations: Int

    /// Below this fraction of R a margin counts as zero (not separable).
    public static let separabilityTolerance = 1e-9

    /// Solves for inputs (N×d, row-major) and labels ±1.
    public static func solve(inputs: [Double], labels: [Double], inputWidth d: Int) -> HardMarginSVM {
        let count = labels.count
        let dim = d + 1
        // p_n = y_n (x_n, 1)
        var points = [Double](repeating: 0, count: count * dim)
        var scale = 0.0
        for n in 0..<count {
            var s = 0.0
            for j in 0..<d {
                let v = labels[n] * inputs[n * d + j]
                points[n * dim + j] = v
                s += v * v
            }
            points[n * dim + d] = labels[n]
            scale = max(scale, s + 1)
        }
        var solver = MinNormPoint(points: points, count: count, dim: dim)
        let (p, weights, iterations) = solver.solve()
        let norm = p.reduce(0) { $0 + $1 * $1 }.squareRoot()
        let radius = scale.squareRoot()
        let support = weights.filter { $0.weight > 0 }.map(\.index).sorted()
        guard norm > separabilityTolerance * radius else {
            return HardMarginSVM(separable: false, margin: 0, direction: [Double](repeating: 0, count: dim),
                                 weights: [Double](repeating: 0, count: dim), supportVectors: support,
                                 iterations: iterations)
        }
        let direction = p.map { $0 / norm }
        // The margin achieved by w̃* on the data (equals ‖p*‖ at the optimum).
        var achieved = Double.infinity
        for n in 0..<count {
            var s = 0.0
            for j in 0..<dim { s += direction[j] * points[n * dim + j] }
            achieved = min(achieved, s)
        }
        guard achieved > 0 else {
            return HardMarginSVM(separable: false, margin: 0, direction: [Double](repeating: 0, count: dim),
                                 weights: [Double](repeating: 0, count: dim), supportVectors: support,
                                 iterations: iterations)
        }
        return HardMarginSVM(separable: true, margin: achieved, direction: direction,
                             weights: direction.map { $0 / achieved }, supportVectors: support,
                             iterations: iterations)
    }

    /// For a data set with binary targets (as the perceptron reads them).
    public static func solve(_ data: Dataset) throws(PerceptronError) -> HardMarginSVM {
        let labels = try Perceptron.labels(of: data)
        return solve(inputs: data.inputs, labels: labels, inputWidth: data.inputWidth)
    }
}

/// Wolfe's algorithm for the point of minimum norm in the convex hull of
/// `count` points of R^dim (row-major).
struct MinNormPoint {
    let points: [Double]
    let count: Int
    let dim: Int

    init(points: [Double], count: Int, dim: Int) {
        self.points = points
        self.count = count
        self.dim = dim
    }

    func dot(_ i: Int, _ v: [Double]) -> Double {
        var s = 0.0
        for j in 0..<dim { s += points[i * dim + j] * v[j] }
        return s
    }

    func dot(_ i: Int, _ k: Int) -> Double {
        var s = 0.0
        for j in 0..<dim { s += points[i * dim + j] * points[k * dim + j] }
        return s
    }

    func combination(_ set: [Int], _ weights: [Double]) -> [Double] {
        var x = [Double](repeating: 0, count: dim)
        for (k, i) in set.enumerated() {
            for j in 0..<dim { x[j] += weights[k] * points[i * dim + j] }
        }
        return x
    }

    /// The affine minimiser of ‖Σ μ_k s_k‖ with Σ μ_k = 1 over the set:
    /// μ ∝ (G + 11ᵀ)⁻¹ 1, G the Gram matrix. nil if the system is singular.
    func affineMinimizer(_ set: [Int]) -> [Double]? {
        let k = set.count
        var m = [Double](repeating: 0, count: k * k)
        for r in 0..<k {
            for c in r..<k {
                let v = dot(set[r], set[c]) + 1
                m[r * k + c] = v
                m[c * k + r] = v
            }
        }
        var rhs = [Double](repeating: 1, count: k)
        guard let mu = LinearSolve.solve(&m, &rhs, size: k) else { return nil }
        let total = mu.reduce(0, +)
        guard total != 0, total.isFinite else { return nil }
        return mu.map { $0 / total }
    }

    mutating func solve() -> (point: [Double], weights: [(index: Int, weight: Double)], iterations: Int) {
        precondition(count > 0)
        var scale = 0.0
        var start = 0
        var best = Double.infinity
        for i in 0..<count {
            let n2 = dot(i, i)
            scale = max(scale, n2)
            if n2 < best { best = n2; start = i }
        }
        let tolerance = 1e-12 * scale
        let tiny = 1e-12
        var set = [start]
        var lambda = [1.0]
        var x = combination(set, lambda)
        var iterations = 0
        major: while iterations < 100 * (count + dim) {
            iterations += 1
            let xx = x.reduce(0) { $0 + $1 * $1 }
            if xx <= 1e-24 * scale { break }                     // the origin is (numerically) in the hull
            var j = 0
            var lowest = Double.infinity
            for i in 0..<count {
                let v = dot(i, x)
                if v < lowest { lowest = v; j = i }
            }
            if lowest >= xx - tolerance { break }                // x is the nearest point
            if set.contains(j) { break }                         // no progress possible (rounding)
            set.append(j)
            lambda.append(0)
            // Minor cycles: move towards the affine minimiser, staying in the hull.
            while true {
                guard let mu = affineMinimizer(set) else {
                    // Affinely dependent (rounding): drop the newest point and stop.
                    set.removeLast()
                    lambda.removeLast()
                    break major
                }
                if mu.allSatisfy({ $0 > tiny }) {
                    lambda = mu
                    x = combination(set, lambda)
                    break
                }
                var theta = 1.0
                for k in set.indices where mu[k] <= tiny {
                    let denom = lambda[k] - mu[k]
                    if denom > 0 { theta = min(theta, lambda[k] / denom) }
                }
                for k in set.indices { lambda[k] = theta * mu[k] + (1 - theta) * lambda[k] }
                // Drop the points whose weight reached zero (at least one does).
                var keptSet: [Int] = [], keptLambda: [Double] = []
                var smallest = 0
                for k in set.indices where lambda[k] < lambda[smallest] { smallest = k }
                for k in set.indices where lambda[k] > tiny && k != smallest {
                    keptSet.append(set[k])
                    keptLambda.append(lambda[k])
                }
                if keptSet.isEmpty { keptSet = [set[smallest]]; keptLambda = [1] }
                let total = keptLambda.reduce(0, +)
                set = keptSet
                lambda = keptLambda.map { $0 / total }
                x = combination(set, lambda)
            }
        }
        return (x, zip(set, lambda).map { (index: $0.0, weight: $0.1) }, iterations)
    }
}

/// Gaussian elimination with partial pivoting for a small dense system.
enum LinearSolve {
    /// Solves a (size×size, row-major) · x = b in place; nil if singular.
    static func solve(_ a: inout [Double], _ b: inout [Double], size n: Int) -> [Double]? {
        var maxAbs = 0.0
        for v in a { maxAbs = max(maxAbs, abs(v)) }
        let eps = 1e-13 * max(maxAbs, 1e-300)
        for col in 0..<n {
            var pivot = col
            for r in (col + 1)..<max(n, col + 1) where abs(a[r * n + col]) > abs(a[pivot * n + col]) { pivot = r }
            if abs(a[pivot * n + col]) <= eps { return nil }
            if pivot != col {
                for c in 0..<n { a.swapAt(col * n + c, pivot * n + c) }
                b.swapAt(col, pivot)
            }
            let d = a[col * n + col]
            for r in (col + 1)..<max(n, col + 1) {
                let f = a[r * n + col] / d
                if f == 0 { continue }
                for c in col..<n { a[r * n + c] -= f * a[col * n + c] }
                b[r] -= f * b[col]
            }
        }
        var x = [Double](repeating: 0, count: n)
        for r in stride(from: n - 1, through: 0, by: -1) {
            var s = b[r]
            for c in (r + 1)..<max(n, r + 1) { s -= a[r * n + c] * x[c] }
            x[r] = s / a[r * n + r]
        }
        return x
    }
}
