import BackpropCore
import ScriptSyntax

/// The verdicts on an answers file: each exercise against the student's answer,
/// or against the problem of the line that should have given it.
public enum Grading {
    public static func grade(_ exercises: [Exercise], _ sheet: AnswerSheet) -> [ExerciseResult] {
        exercises.map { exercise in
            if let problem = sheet.unreadable[exercise.id] {
                return ExerciseResult(id: exercise.id, correct: false, maxPoints: exercise.points,
                                      expected: exercise.expected, given: nil,
                                      hint: "line \(problem.span.start.line): \(problem.message)")
            }
            return exercise.check(sheet.answers[exercise.id])
        }
    }
}
