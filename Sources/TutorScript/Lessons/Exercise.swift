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

    public static let defaultTolerance = 0.005
    /// Answers within this of the expected value are right however small it is.
    public static let absoluteTolerance = 1e-4
}

/// The verdict on one answer.
public struct ExerciseResult: Sendable, Equatable {
    public var id: String
    public var correct: Bool
    public var expected: Tensor
    public var given: Tensor?
    /// Why it is wrong, or what to do; nil when correct.
    public var hint: String?
}

extension Exercise {
    /// Checks an answer: right within tolerance; otherwise the first slip that
    /// reproduces it names the mistake, else the rule to apply.
    public func check(_ given: Tensor?) -> ExerciseResult {
        guard let given else {
            return ExerciseResult(id: id, correct: false, expected: expected, given: nil,
                                  hint: "no answer given" + (rule.map { "; the rule to apply: \($0)" } ?? ""))
        }
        let answer = Self.conformed(given, to: expected.shape)
        if let answer, matches(answer, expected) {
            return ExerciseResult(id: id, correct: true, expected: expected, given: given, hint: nil)
        }
        if let answer, let slip = slips.first(where: { slip in
            Self.conformed(slip.value, to: expected.shape).map { matches(answer, $0) } ?? false
        }) {
            return ExerciseResult(id: id, correct: false, expected: expected, given: given, hint: slip.description)
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

    /// |given − expected| ≤ max(tol · |expected|, 1e-4) entry by entry.
    func matches(_ given: Tensor, _ expected: Tensor) -> Bool {
        guard given.shape == expected.shape else { return false }
        for k in 0..<expected.count {
            let e = expected.storage[k], g = given.storage[k]
            if e.isNaN { if !g.isNaN { return false } else { continue } }
            if e.isInfinite { if g != e { return false } else { continue } }
            if !(abs(g - e) <= max(tolerance * abs(e), Self.absoluteTolerance)) { return false }
        }
        return true
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
