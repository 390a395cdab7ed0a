import BackpropCore
import ScriptSyntax

/// A lesson stepped through interactively: each step runs until its end or
/// until an `ask`, which waits for an answer (or reveal, or skip). Stepping
/// back restores exactly the state the earlier step started from. Pure: the
/// REPL and the full-screen tutor drive it and show its events.
public struct LessonSession: Sendable {
    public let lesson: Lesson
    /// The session's state; front ends run the student's own commands on it too.
    public var interpreter: Interpreter
    /// The step being shown (0-based), -1 before the first.
    public private(set) var step = -1
    /// The exercise waiting for an answer.
    public private(set) var pending: Exercise?
    /// What the student did with each exercise.
    public private(set) var answers: [String: AnswerState] = [:]
    /// The next statement of the current step to run.
    private var cursor = 0
    /// The interpreter as each step began, to step back to.
    private var snapshots: [Interpreter] = []

    public struct AnswerState: Sendable, Equatable {
        public var given: Tensor?
        public var correct: Bool
        public var revealed: Bool
        public var attempts: Int

        public init(given: Tensor?, correct: Bool, revealed: Bool, attempts: Int) {
            self.given = given
            self.correct = correct
            self.revealed = revealed
            self.attempts = attempts
        }
    }

    public init(lesson: Lesson, seed: UInt64, hooks: InterpreterHooks = InterpreterHooks()) {
        self.lesson = lesson
        interpreter = LessonRunner.interpreter(for: lesson, seed: seed, hooks: hooks)
    }

    public var stepCount: Int { lesson.steps.count }
    public var isFinished: Bool { step >= stepCount - 1 && pending == nil && isStepDone }
    public var isStepDone: Bool { step < 0 || cursor >= lesson.steps[step].statements.upperBound }
    public var currentLabel: String? { step >= 0 && step < stepCount ? lesson.steps[step].label : nil }

    /// Starts the next step (skipping a pending exercise) and runs it up to its end or its next ask.
    public mutating func nextStep() -> [LessonRunner.Event] {
        guard step + 1 < stepCount else { return [] }
        pending = nil
        snapshots = Array(snapshots.prefix(step + 1))
        snapshots.append(interpreter)
        step += 1
        cursor = lesson.steps[step].statements.lowerBound
        return [.stepStarted(index: step, label: lesson.steps[step].label)] + resume()
    }

    /// Goes back to the start of the previous step (the state it began from) and runs it again.
    public mutating func back() -> [LessonRunner.Event] {
        guard step >= 1 else { return [] }
        interpreter = snapshots[step - 1]
        step -= 2
        return nextStep()
    }

    /// Runs the current step's statements until its end or an exercise not yet answered.
    public mutating func resume() -> [LessonRunner.Event] {
        guard step >= 0, pending == nil else { return [] }
        var events: [LessonRunner.Event] = []
        let before = snapshots.last?.graph ?? interpreter.graph
        let end = lesson.steps[step].statements.upperBound
        while cursor < end {
            let statement = lesson.statements[cursor]
            cursor += 1
            do {
                for output in try interpreter.execute(statement, in: lesson.source) {
                    if case .exercise(let e) = output {
                        events.append(.output(output))
                        if answers[e.id]?.correct != true {
                            pending = e
                            return events
                        }
                    } else {
                        events.append(.output(output))
                    }
                }
            } catch {
                events.append(.error(error))
            }
        }
        events.append(.quantities(interpreter.changedQuantities(since: before)))
        return events
    }

    /// Checks an answer to the pending exercise; a right one clears it.
    public mutating func answer(_ given: Tensor) -> ExerciseResult? {
        guard let exercise = pending else { return nil }
        let result = exercise.check(given)
        var state = answers[exercise.id] ?? AnswerState(given: nil, correct: false, revealed: false, attempts: 0)
        state.given = given
        state.correct = result.correct
        state.attempts += 1
        answers[exercise.id] = state
        if result.correct { pending = nil }
        return result
    }

    /// Shows the pending exercise's answer and moves past it.
    public mutating func reveal() -> Exercise? {
        guard let exercise = pending else { return nil }
        var state = answers[exercise.id] ?? AnswerState(given: nil, correct: false, revealed: false, attempts: 0)
        state.revealed = true
        answers[exercise.id] = state
        pending = nil
        return exercise
    }

    /// Leaves the pending exercise unanswered.
    public mutating func skip() {
        pending = nil
    }

    /// Restores saved answers (from the progress store) so answered exercises are not asked again.
    public mutating func restore(answers saved: [String: AnswerState]) {
        for (id, state) in saved where lesson.exerciseIDs.contains(id) { answers[id] = state }
    }

    /// Runs steps quietly until `target` is the current step (to resume where a student left off).
    public mutating func fastForward(to target: Int) {
        while step < min(target, stepCount - 1) {
            _ = nextStep()
            while pending != nil {
                pending = nil
                _ = resume()
            }
        }
    }
}
