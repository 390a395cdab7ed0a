#if canImport(Glibc)
import Glibc
#endif
import BackpropCore
import Terminal
import TutorScript
import TutorStore

/// Between a lesson session and the progress store: what is saved after each
/// step and answer, and what a student resumes from.
enum ProgressRecording {
    static func record(_ session: LessonSession, variant: String?) -> LessonProgress {
        var answers: [String: AnswerRecord] = [:]
        for (id, state) in session.answers {
            let given = state.given
            answers[id] = AnswerRecord(given: given?.storage ?? [], rows: given?.rows ?? 0, columns: given?.columns ?? 0,
                                       correct: state.correct, attempts: state.attempts, revealed: state.revealed)
        }
        return LessonProgress(lessonID: session.lesson.id, lessonPath: session.lesson.path, variant: variant,
                              step: session.step, steps: session.stepCount, answers: answers,
                              completed: session.isFinished, updated: Int64(time(nil)))
    }

    /// The saved answers in the session's form.
    static func answers(_ progress: LessonProgress) -> [String: LessonSession.AnswerState] {
        progress.answers.mapValues { record in
            let given = record.rows * record.columns == record.given.count && !record.given.isEmpty
                ? Tensor(rows: record.rows, columns: record.columns, storage: record.given) : nil
            return LessonSession.AnswerState(given: given, correct: record.correct, revealed: record.revealed,
                                             attempts: record.attempts)
        }
    }
}
