import BackpropCore
import ScriptSyntax

/// Why a variant's numbers would grade an exercise badly: an answer a slip
/// reproduces (or nearly: more digits than a student writes would be needed to
/// tell them apart), an answer that is 0, or an entry so small that the absolute
/// floor of the tolerance makes it several times wider than the lesson says.
public struct VariantFinding: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// `bands`: how far the slip lies from the answer, in tolerance bands.
        case slipTooClose(slip: String, bands: Double)
        case zeroAnswer
        /// The entry, and the relative tolerance the floor gives it.
        case tinyEntry(value: Double, effectiveTolerance: Double)
    }

    public var exercise: String
    /// The `ask`'s line in the lesson.
    public var line: Int
    public var kind: Kind

    /// The finding without its numbers, to compare variants ("the same problem").
    var category: String {
        switch kind {
        case .slipTooClose(let slip, _): "slip:" + slip
        case .zeroAnswer: "zero"
        case .tinyEntry: "tiny"
        }
    }
}

extension Exercise {
    /// The narrowest band a student is asked to hit: a slip nearer than this many
    /// declared bands (times `slipMargin`) would need about two more digits than the
    /// tolerance promises.
    public static let smallestBandScale = 0.02
    /// An entry is tiny when the absolute floor widens its tolerance more than this many
    /// times (below 1e-3 for the default 0.5 %: a tolerance over 10 %).
    public static let tinyWidening = 20.0

    /// What makes these numbers unfit to grade this exercise (empty when fit).
    public var findings: [VariantFinding] {
        var found: [VariantFinding] = []
        func add(_ kind: VariantFinding.Kind) { found.append(VariantFinding(exercise: id, line: line, kind: kind)) }
        let finite = expected.storage.allSatisfy(\.isFinite)
        if finite, expected.storage.allSatisfy({ $0 == 0 }) {
            add(.zeroAnswer)  // every scaled slip is 0 too: this one finding says it
            return found
        } else if finite {
            for e in expected.storage where e != 0 && band(e) > Self.tinyWidening * tolerance * abs(e) {
                add(.tinyEntry(value: e, effectiveTolerance: band(e) / abs(e)))
                break
            }
        }
        for slip in slips {
            guard let bands = bands(from: slip.value) else { continue }
            if bands < Self.slipMargin * Self.smallestBandScale {
                add(.slipTooClose(slip: slip.description, bands: bands))
            }
        }
        return found
    }
}

extension Lesson {
    /// How many draws a student's variant may take to be fit to grade.
    public static let maxVariantDraws = 16

    /// The seed of `student`'s numbers (the default numbers, 0, without one): the
    /// first of a fixed sequence of draws for that id whose exercises have no
    /// finding, other than a zero answer the default numbers have too (that one is
    /// the lesson's design, and no draw removes it), and on which every line runs;
    /// failing that, the draw with the fewest findings (one that runs before one that
    /// does not), for `lint` to report. So a student never gets x = (0, 0), an answer
    /// of 0, numbers where a slip is accepted or a `sample random(1, 6)` past the
    /// data's end, and the same id always gives the same numbers.
    public func variantSeed(for student: String?) -> UInt64 {
        guard let student else { return 0 }
        return VariantChooser(self).seed(for: student)
    }

    /// Draw k of a student's seed: the seed itself first, then a SplitMix64 stream from it.
    static func draw(_ k: Int, of base: UInt64) -> UInt64 {
        guard k > 0 else { return base }
        var rng = SplitMix64(seed: base)
        var seed = base
        for _ in 0..<k { seed = rng.next() }
        return seed == 0 ? 1 : seed
    }

}

/// Chooses students' variants of one lesson (the default numbers' findings found once).
public struct VariantChooser: Sendable {
    public let lesson: Lesson
    /// The zero answers of the default numbers: the lesson's own (step′(z) = 0 is the
    /// point of 02's q5), which no draw removes.
    let own: Set<String>

    public init(_ lesson: Lesson) {
        self.lesson = lesson
        own = Set(LessonRunner.run(lesson, seed: 0).exercises.flatMap(\.findings)
            .filter { $0.kind == .zeroAnswer }.map(Self.key))
    }

    /// See `Lesson.variantSeed(for:)`.
    public func seed(for student: String) -> UInt64 { variant(for: student).seed }

    /// The exercises of `student`'s variant, as `check --seed` grades them.
    public func exercises(for student: String) -> [Exercise] { variant(for: student).exercises }

    /// `student`'s variant: its seed, its exercises, and the lines that fail on it
    /// (none unless every draw fails somewhere).
    public func variant(for student: String) -> (seed: UInt64, exercises: [Exercise], errors: [Diagnostic]) {
        let base = StudentSeed.seed(for: student)
        var best: (seed: UInt64, exercises: [Exercise], errors: [Diagnostic], count: Int)?
        for draw in 0..<Lesson.maxVariantDraws {
            let seed = Lesson.draw(draw, of: base)
            let run = LessonRunner.run(lesson, seed: seed)
            let exercises = run.exercises
            let findings = exercises.flatMap(\.findings).filter { !own.contains(Self.key($0)) }.count
            let count = run.failures > 0 ? Int.max / 2 + findings : findings
            if count == 0 { return (seed, exercises, []) }
            if best == nil || count < best!.count { best = (seed, exercises, run.errors, count) }
        }
        return (best!.seed, best!.exercises, best!.errors)
    }

    private static func key(_ f: VariantFinding) -> String { f.exercise + "|" + f.category }
}
