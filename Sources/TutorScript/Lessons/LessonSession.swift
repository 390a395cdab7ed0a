import BackpropCore
import ScriptSyntax

/// A lesson stepped through interactively: each step runs until its end or
/// until an `ask`, which waits for an answer (or reveal, or skip). Stepping
/// back restores exactly the state the earlier step started from. Pure: the
/// REPL and the full-screen tutor drive it and show its events; both walk the
/// steps (`nextStep`, `back`, `goTo`) and reply to a question (`reply(to:)`) here.
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
    /// The full-screen tutor: a step's `train` starts its run and the step waits for it
    /// (`waitsForTraining`) while the front end advances it (a slice per tick), then goes on
    /// (`resumeAfterTraining`). Steps run quietly (`fastForward`) train to the end.
    public var trainsInSlices = false
    /// The current step started a training run in slices and goes on when it has ended.
    public private(set) var waitsForTraining = false

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
    public var isStepDone: Bool {
        step < 0 || (cursor >= lesson.steps[step].statements.upperBound && !waitsForTraining)
    }
    public var currentLabel: String? { step >= 0 && step < stepCount ? lesson.steps[step].label : nil }
    /// The graph as the current step began: what "changed this step" is measured
    /// against (an empty graph before the first step).
    public var stepStartGraph: Graph { snapshots.last?.graph ?? Graph() }

    /// Starts the next step (skipping a pending exercise) and runs it up to its end or its next ask.
    public mutating func nextStep() -> [LessonRunner.Event] {
        guard step + 1 < stepCount else { return [] }
        pending = nil
        waitsForTraining = false
        snapshots = Array(snapshots.prefix(step + 1))
        snapshots.append(interpreter)
        step += 1
        cursor = lesson.steps[step].statements.lowerBound
        return [.stepStarted(index: step, label: lesson.steps[step].label)] + resume()
    }

    /// Goes back to the start of the previous step (the state it began from) and runs it again.
    public mutating func back() -> [LessonRunner.Event] {
        guard step >= 1 else { return [] }
        return rerun(step: step - 1)
    }

    /// Goes to step `target` (0-based, kept within the lesson) and returns the events of
    /// running it from its start. Forward, the steps before it run quietly, their
    /// questions skipped (`fastForward`); back, it starts again from the state it
    /// began from. Nil when `target` is the current step (nothing happens).
    public mutating func goTo(step target: Int) -> [LessonRunner.Event]? {
        guard stepCount > 0 else { return nil }
        let target = clampedStep(target)
        if target == step { return nil }
        if target < step { return rerun(step: target) }
        fastForward(to: target - 1)
        return nextStep()
    }

    /// `target` kept within the lesson's steps (0 for a lesson without steps).
    public func clampedStep(_ target: Int) -> Int {
        min(max(0, target), max(0, stepCount - 1))
    }

    /// Runs step `index` (< the current step) again from the state it began from.
    private mutating func rerun(step index: Int) -> [LessonRunner.Event] {
        interpreter = snapshots[index]
        step = index - 1
        return nextStep()
    }

    /// Runs the current step's statements until its end, an exercise not yet answered, or
    /// (`trainsInSlices`) a `train`, whose run the step then waits for.
    public mutating func resume() -> [LessonRunner.Event] {
        guard step >= 0, pending == nil, !waitsForTraining else { return [] }
        interpreter.hooks.trainsInSlices = trainsInSlices
        defer { interpreter.hooks.trainsInSlices = false }
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
                if trainsInSlices, case .command(_, .train) = statement.kind, interpreter.trainingInProgress != nil {
                    waitsForTraining = true
                    return events
                }
            } catch {
                events.append(.error(error))
            }
        }
        events.append(.quantities(interpreter.changedQuantities(since: before)))
        return events
    }

    /// The rest of the step, once the run it waits for has ended (or was left behind).
    public mutating func resumeAfterTraining() -> [LessonRunner.Event] {
        guard waitsForTraining else { return [] }
        waitsForTraining = false
        return resume()
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

    /// Runs steps quietly until `target` is the current step (to resume where a student
    /// left off), skipping their questions.
    public mutating func fastForward(to target: Int) {
        let slicing = trainsInSlices
        trainsInSlices = false
        defer { trainsInSlices = slicing }
        while step < min(target, stepCount - 1) {
            _ = nextStep()
            while pending != nil {
                skip()
                _ = resume()
            }
        }
    }

    // MARK: - A line at a question

    /// What a line typed while a question waits did. After a reply that `continues`,
    /// the front end shows it and then runs the rest of the step (`resume()`).
    public enum Reply: Sendable {
        /// `reveal`: the answer is shown; the question is passed.
        case revealed(Exercise)
        /// `skip`: the question is left unanswered.
        case skipped(Exercise)
        /// A value: right (the question is cleared) or not yet (it still waits).
        case answered(Exercise, ExerciseResult)

        /// Whether the question is passed, so the step goes on.
        public var continues: Bool {
            switch self {
            case .revealed, .skipped: true
            case .answered(_, let result): result.correct
            }
        }
    }

    /// Handles a line typed while a question waits: `reveal`, `skip`, or an answer (a
    /// value, as `Interpreter.answerValue` reads it). Nil when no question waits or the
    /// line is none of these: the front end runs it as a command.
    public mutating func reply(to line: String) -> Reply? {
        guard pending != nil else { return nil }
        switch line.trimmingWhitespace {
        case "reveal":
            return reveal().map(Reply.revealed)
        case "skip":
            guard let exercise = pending else { return nil }
            skip()
            return .skipped(exercise)
        default:
            guard let exercise = pending, let value = interpreter.answerValue(line),
                  let result = answer(value) else { return nil }
            return .answered(exercise, result)
        }
    }
}
