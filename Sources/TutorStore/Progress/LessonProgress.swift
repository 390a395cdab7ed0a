/// Where one student is in one lesson (one variant of its numbers), as saved
/// between sessions by `ProgressStore`.
public struct LessonProgress: Sendable, Equatable {
    /// The lesson's id, e.g. "02-xor".
    public var lessonID: String
    /// Where the lesson file was when the progress was saved.
    public var lessonPath: String
    /// The student id given with `--seed` (that student's variant of the numbers);
    /// nil for the lesson's default numbers.
    public var variant: String?
    /// The 0-based index of the step the student is at.
    public var step: Int
    /// The lesson's number of steps.
    public var steps: Int
    /// What the student did with each exercise, by exercise id.
    public var answers: [String: AnswerRecord]
    /// Whether the student reached the end of the lesson.
    public var completed: Bool
    /// When it was saved: seconds since the epoch (`time(nil)`).
    public var updated: Int64

    public init(lessonID: String, lessonPath: String, variant: String?, step: Int, steps: Int,
                answers: [String: AnswerRecord] = [:], completed: Bool = false, updated: Int64) {
        self.lessonID = lessonID
        self.lessonPath = lessonPath
        self.variant = variant
        self.step = step
        self.steps = steps
        self.answers = answers
        self.completed = completed
        self.updated = updated
    }

    /// Exercises with an answer given (at least one attempt, or a value kept).
    public var answeredCount: Int {
        answers.values.filter { $0.attempts > 0 || !$0.given.isEmpty }.count
    }

    /// Exercises answered correctly.
    public var correctCount: Int {
        answers.values.filter(\.correct).count
    }
}

/// The student's answer to one exercise.
public struct AnswerRecord: Sendable, Equatable {
    /// The last value given, row by row (empty when none was given).
    public var given: [Double]
    /// The shape of `given` (0×0 when none was given).
    public var rows: Int
    public var columns: Int
    /// Whether `given` was right.
    public var correct: Bool
    /// How many answers the student gave.
    public var attempts: Int
    /// Whether the answer was revealed to the student (LessonSession's `revealed`).
    public var revealed: Bool

    public init(given: [Double], rows: Int, columns: Int, correct: Bool, attempts: Int, revealed: Bool = false) {
        self.given = given
        self.rows = rows
        self.columns = columns
        self.correct = correct
        self.attempts = attempts
        self.revealed = revealed
    }

    /// Equal when every field is, with NaN equal to NaN in `given` (so a record
    /// holding a NaN the student typed equals its reloaded copy).
    public static func == (a: AnswerRecord, b: AnswerRecord) -> Bool {
        a.rows == b.rows && a.columns == b.columns && a.correct == b.correct && a.attempts == b.attempts
            && a.revealed == b.revealed && a.given.count == b.given.count
            && zip(a.given, b.given).allSatisfy { ($0.isNaN && $1.isNaN) || $0 == $1 }
    }
}
