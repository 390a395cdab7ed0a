import BackpropCore
import ScriptSyntax

/// One student's answers file: their id (the seed of their numbers) and its text.
public struct Submission: Sendable {
    public var student: String
    public var source: SourceFile

    public init(student: String, source: SourceFile) {
        self.student = student
        self.source = source
    }
}

/// A submission graded against the student's own variant of the lesson.
public struct GradedSubmission: Sendable {
    public var student: String
    public var results: [ExerciseResult]
    /// The lines of the answers file that could not be read.
    public var problems: [Diagnostic]
    /// The file, for rendering the problems.
    public var source: SourceFile
    /// The lesson's lines that fail on this student's numbers (in the lesson's file):
    /// then the results are not to be trusted, and `grade` reports the lesson instead.
    public var lessonErrors: [Diagnostic]

    public init(student: String, results: [ExerciseResult], problems: [Diagnostic], source: SourceFile,
                lessonErrors: [Diagnostic] = []) {
        self.student = student
        self.results = results
        self.problems = problems
        self.source = source
        self.lessonErrors = lessonErrors
    }

    public var correct: Int { results.filter(\.correct).count }
    public var points: Double { results.map(\.points).reduce(0, +) }
    public var maxPoints: Double { results.map(\.maxPoints).reduce(0, +) }
}

/// A whole class at once: every student against their own numbers, on all cores.
public enum ClassGrading {
    /// Grades each submission (in their order) against its student's variant.
    public static func grade(_ lesson: Lesson, _ submissions: [Submission]) -> [GradedSubmission] {
        let chooser = VariantChooser(lesson)
        return Parallel.map(submissions) { submission in
            let variant = chooser.variant(for: submission.student)
            let sheet = AnswerSheet.parse(submission.source, exerciseIDs: lesson.exerciseIDs)
            return GradedSubmission(student: submission.student, results: Grading.grade(variant.exercises, sheet),
                                    problems: sheet.problems, source: submission.source,
                                    lessonErrors: variant.errors)
        }
    }

    /// How the class did on one question.
    public struct QuestionSummary: Sendable, Equatable {
        public var id: String
        public var question: String
        public var right: Int
        public var answered: Int
        public var students: Int
        /// The diagnosed slips, most common first, by their short name ("forgot σ'(z)").
        public var slips: [(name: String, count: Int)]

        public static func == (a: Self, b: Self) -> Bool {
            a.id == b.id && a.right == b.right && a.answered == b.answered && a.students == b.students
                && a.slips.map(\.name) == b.slips.map(\.name) && a.slips.map(\.count) == b.slips.map(\.count)
        }
    }

    /// Per question, in the lesson's order: the share right and the slips that explain
    /// the wrong answers.
    public static func summary(_ exercises: [Exercise], _ graded: [GradedSubmission]) -> [QuestionSummary] {
        exercises.enumerated().map { k, exercise in
            let results = graded.compactMap { $0.results.indices.contains(k) ? $0.results[k] : nil }
            var counts: [String: Int] = [:]
            var order: [String] = []
            for r in results {
                guard let slip = r.slip else { continue }
                let name = shortName(slip.description)
                if counts[name] == nil { order.append(name) }
                counts[name, default: 0] += 1
            }
            let slips = order.map { (name: $0, count: counts[$0]!) }
                .sorted { $0.count != $1.count ? $0.count > $1.count : order.firstIndex(of: $0.name)! < order.firstIndex(of: $1.name)! }
            return QuestionSummary(id: exercise.id, question: exercise.question, right: results.filter(\.correct).count,
                                   answered: results.filter { $0.given != nil }.count, students: results.count,
                                   slips: slips)
        }
    }

    /// A slip's description up to its first ':' ("forgot σ'(z): z̄ = …" → "forgot σ'(z)").
    public static func shortName(_ description: String) -> String {
        description.firstIndex(of: ":").map { String(description[..<$0]) } ?? description
    }
}
