import BackpropCore

/// An `ask` as the lesson reached it: the question, the value that answers it
/// (at that point of the lesson), how close an answer must be, and the
/// plausible wrong answers with the slip each one reveals.
public struct Exercise: Sendable, Equatable {
    public var id: String
    public var question: String
    public var expected: Tensor
    /// Relative tolerance (0.5 % unless the ask says tol=).
    public var tolerance: Double
    /// The instructor's own hint (ask … hint="…"), shown for a wrong answer no slip explains.
    public var hint: String?
    /// The rule that produces the answer, as explain writes it: "z̄ = ȳ · σ'(z)".
    public var rule: String?
    public var slips: [Slip]
    /// The line of the `ask` in the lesson file.
    public var line: Int
    /// What a right answer earns (`points=`, 1 unless the ask says).
    public var points: Double = 1

    public static let defaultTolerance = 0.005
    /// Answers within this of the expected value are right however small it is.
    public static let absoluteTolerance = 1e-4
    /// The nearest slip stays at least this many tolerance bands from the expected value.
    public static let slipMargin = 3.0
}

/// The verdict on one answer.
public struct ExerciseResult: Sendable, Equatable {
    public var id: String
    public var correct: Bool
    /// The points earned: the exercise's points when correct, else 0.
    public var points: Double = 0
    /// The exercise's points.
    public var maxPoints: Double = 1
    public var expected: Tensor
    public var given: Tensor?
    /// Why it is wrong, or what to do; nil when correct.
    public var hint: String?
    /// The diagnosed slip, when one reproduces the answer.
    public var slip: Slip? = nil
}

extension Exercise {
    /// Checks an answer: right within the tolerance band (narrowed so that no slip
    /// lies in it, see `bandScale`); otherwise the first slip that reproduces it
    /// names the mistake, else the rule to apply.
    public func check(_ given: Tensor?) -> ExerciseResult {
        var result = verdict(given)
        result.maxPoints = points
        result.points = result.correct ? points : 0
        return result
    }

    private func verdict(_ given: Tensor?) -> ExerciseResult {
        guard let given else {
            return ExerciseResult(id: id, correct: false, expected: expected, given: nil,
                                  hint: "no answer given" + (rule.map { "; the rule to apply: \($0)" } ?? ""))
        }
        let answer = Self.conformed(given, to: expected.shape)
        let scale = bandScale
        if let answer, matches(answer, expected, scale: scale) {
            return ExerciseResult(id: id, correct: true, expected: expected, given: given, hint: nil)
        }
        if let answer, let slip = slips.first(where: { slip in
            Self.conformed(slip.value, to: expected.shape).map { matches(answer, $0, scale: scale) } ?? false
        }) {
            return ExerciseResult(id: id, correct: false, expected: expected, given: given, hint: slip.description,
                                  slip: slip)
        }
        if let answer, scale < 1, matches(answer, expected, scale: 1) {
            // Right to the declared tolerance, but a slip lies that close: more digits tell them apart.
            let near = nearestSlip.map { " (\($0.description))" } ?? ""
            return ExerciseResult(id: id, correct: false, expected: expected, given: given,
                                  hint: "close, but too few digits to tell it from a slip\(near): give "
                                        + "\(digitsNeeded) significant digits")
        }
        if answer == nil, given.count == expected.count, given.rows == expected.columns {
            return ExerciseResult(id: id, correct: false, expected: expected, given: given,
                                  hint: "transposed: the answer should be \(expected.shape), this is \(given.shape)")
        }
        if answer == nil {
            return ExerciseResult(id: id, correct: false, expected: expected, given: given,
                                  hint: "the answer is \(expected.shape), this is \(given.shape)")
        }
        let fallback = hint.map { $0 } ?? rule.map { "not quite; the rule to apply: \($0)" } ?? "not quite"
        return ExerciseResult(id: id, correct: false, expected: expected, given: given, hint: fallback)
    }

    /// |given − expected| ≤ scale · max(tol · |expected|, 1e-4) entry by entry.
    func matches(_ given: Tensor, _ expected: Tensor, scale: Double = 1) -> Bool {
        guard given.shape == expected.shape else { return false }
        for k in 0..<expected.count {
            let e = expected.storage[k], g = given.storage[k]
            if e.isNaN { if !g.isNaN { return false } else { continue } }
            if e.isInfinite { if g != e { return false } else { continue } }
            if !(abs(g - e) <= scale * band(e)) { return false }
        }
        return true
    }

    /// The half-width of the accepted interval around an expected entry e: the declared
    /// relative tolerance, or the absolute floor near 0.
    func band(_ e: Double) -> Double { max(tolerance * abs(e), Self.absoluteTolerance) }

    /// How many bands `value` lies from the expected value (the largest over the
    /// entries); nil for another shape or non-finite entries.
    public func bands(from value: Tensor) -> Double? {
        guard let v = Self.conformed(value, to: expected.shape) else { return nil }
        var worst = 0.0
        for k in 0..<expected.count {
            let e = expected.storage[k], s = v.storage[k]
            guard e.isFinite, s.isFinite else { return nil }
            worst = max(worst, abs(s - e) / band(e))
        }
        return worst
    }

    /// The slips that can be told from the expected value at all (a slip equal to it, such
    /// as "wrong sign" of 0, is no slip for these numbers), each with its distance in bands.
    var distinctSlips: [(slip: Slip, bands: Double)] {
        slips.compactMap { slip in bands(from: slip.value).flatMap { $0 > 1e-9 ? (slip, $0) : nil } }
    }

    /// The slip nearest the expected value, when it would lie within `slipMargin` bands.
    public var nearestSlip: Slip? {
        distinctSlips.filter { $0.bands < Self.slipMargin }.min { $0.bands < $1.bands }?.slip
    }

    /// 1, or less when a slip lies within `slipMargin` bands of the expected value: the
    /// band is narrowed so that the nearest slip stays `slipMargin` bands away, and an
    /// answer it accepts is nearer the expected value than any slip. So no diagnosed
    /// slip is ever accepted, whatever the numbers (04's W after the SGD step, whose
    /// δ from the updated V differs from the right one by less than 0.5 % of W).
    public var bandScale: Double {
        let nearest = distinctSlips.map(\.bands).min() ?? .infinity
        return min(1, nearest / Self.slipMargin)
    }

    /// Significant digits an answer needs to fall within the narrowed band.
    var digitsNeeded: Int {
        // d significant digits are right to about half a unit of the d-th: 5·10^−d relative.
        let relative = max(tolerance * bandScale, 1e-15)
        var digits = 3
        var error = 5e-3
        while error > relative, digits < 17 { digits += 1; error /= 10 }
        return digits
    }


    /// `given` in the expected shape when it is the same numbers written as a
    /// column, a row or a 1-element list; nil when the shapes really differ.
    static func conformed(_ given: Tensor, to shape: Shape) -> Tensor? {
        if given.shape == shape { return given }
        if given.count == shape.count, shape.isVector, given.shape.isVector {
            return Tensor(rows: shape.rows, columns: shape.columns, storage: given.storage)
        }
        return nil
    }
}
