#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Numerically stable scalar functions. Each is exact to double precision
/// across the whole real line (no overflow to NaN at ±1000).
public enum StableMath {
    /// σ(z) = 1 / (1 + e^(−z)), evaluated without overflow for either sign of z.
    @inline(__always)
    public static func sigmoid(_ z: Double) -> Double {
        if z >= 0 {
            return 1 / (1 + exp(-z))
        }
        let e = exp(z)
        return e / (1 + e)
    }

    /// softplus(z) = log(1 + e^z) = max(z, 0) + log1p(e^(−|z|)).
    @inline(__always)
    public static func softplus(_ z: Double) -> Double {
        max(z, 0) + log1p(exp(-abs(z)))
    }

    /// log σ(z) = −softplus(−z): finite wherever z is (log σ(−1000) = −1000).
    @inline(__always)
    public static func logSigmoid(_ z: Double) -> Double {
        -softplus(-z)
    }

    /// log Σ e^(z_i), shifted by the maximum so nothing overflows.
    public static func logSumExp(_ z: UnsafeBufferPointer<Double>) -> Double {
        var m = -Double.infinity
        for v in z where v > m { m = v }
        if m == -.infinity || !m.isFinite { return m.isNaN ? .nan : m }
        var s = 0.0
        for v in z { s += exp(v - m) }
        return m + log(s)
    }
}
