/// How a network's output is read as a class, for `accuracy`, `predict` and
/// the decision grid. Inferred from the targets, so it is the same whatever
/// the output activation:
///
/// - one output unit, targets in {0, 1}: class 1 when a ≥ 0.5 (the midpoint
///   of the two targets; a sigmoid's σ(z) ≥ ½ ⇔ z ≥ 0);
/// - one output unit, targets in {−1, +1} (tanh, sign): class +1 when a ≥ 0;
/// - several output units, one-hot targets (softmax, or `classes=C`): the
///   class is the index of the largest output (the first, on a tie), the
///   true class the index of the 1;
/// - anything else (regression targets): no classes, no accuracy.
public enum ClassificationRule: Sendable, Equatable, CustomStringConvertible {
    /// Class 1 (the `high` target) when a ≥ threshold, else class 0 (`low`).
    case threshold(Double, low: Double, high: Double)
    case argmax

    /// The rule for `data` and a network with `outputs` output units; nil when
    /// the targets are not class labels (or do not fit the outputs).
    public static func infer(for data: Dataset, outputs: Int) -> ClassificationRule? {
        guard data.targetWidth == outputs, data.count > 0 else { return nil }
        if outputs == 1 {
            var zeroOne = true, plusMinus = true
            for v in data.targets {
                if v != 0 && v != 1 { zeroOne = false }
                if v != -1 && v != 1 { plusMinus = false }
            }
            if zeroOne { return .threshold(0.5, low: 0, high: 1) }
            if plusMinus { return .threshold(0, low: -1, high: 1) }
            return nil
        }
        for i in 0..<data.count {
            var ones = 0
            for v in data.target(i) {
                if v == 1 { ones += 1 } else if v != 0 { return nil }
            }
            if ones != 1 { return nil }
        }
        return .argmax
    }

    /// The class (0-based) an output row means.
    @inline(__always)
    public func predictedClass(_ output: UnsafePointer<Double>, count: Int) -> Int {
        switch self {
        case let .threshold(cut, _, _):
            return output[0] >= cut ? 1 : 0
        case .argmax:
            var best = 0
            for k in 1..<count where output[k] > output[best] { best = k }
            return best
        }
    }

    /// The class a target row means (for one-hot rows, the index of the 1).
    @inline(__always)
    public func trueClass(_ target: UnsafePointer<Double>, count: Int) -> Int {
        switch self {
        case let .threshold(_, _, high):
            return target[0] == high ? 1 : 0
        case .argmax:
            var best = 0
            for k in 1..<count where target[k] > target[best] { best = k }
            return best
        }
    }

    public func predictedClass(_ output: [Double]) -> Int {
        output.withUnsafeBufferPointer { predictedClass($0.baseAddress!, count: $0.count) }
    }

    public var description: String {
        switch self {
        case let .threshold(cut, low, high):
            "class \(DataError.format(high)) when the output is ≥ \(cut), else \(DataError.format(low))"
        case .argmax:
            "the class is the output unit with the largest value"
        }
    }
}
