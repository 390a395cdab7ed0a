import BackpropCore
import ScriptSyntax

/// Runs a lesson without a screen, step by step, reporting what happens: the
/// transcript of `bptutor run`, the exercises `check` needs.
public enum LessonRunner {
    public enum Event: Sendable {
        case stepStarted(index: Int, label: String)
        case output(Output)
        case error(Diagnostic)
        /// At the end of a step: the quantities it defined or changed.
        case quantities([ShownQuantity])
    }

    public struct Result: Sendable {
        public var exercises: [Exercise]
        /// The lines that failed, in order.
        public var errors: [Diagnostic]
        public var failures: Int { errors.count }
        public var interpreter: Interpreter
    }

    /// An interpreter set up for `lesson`: data read from the lesson's folder, this variant's numbers.
    public static func interpreter(for lesson: Lesson, seed: UInt64, hooks: InterpreterHooks = InterpreterHooks()) -> Interpreter {
        var hooks = hooks
        hooks.baseDirectory = lesson.directory
        hooks.confineDataToBaseDirectory = true
        var interpreter = Interpreter(hooks: hooks)
        interpreter.variantSeed = seed
        return interpreter
    }

    public static func run(_ lesson: Lesson, seed: UInt64, hooks: InterpreterHooks = InterpreterHooks(),
                           emit: (Event) -> Void = { _ in }) -> Result {
        var interpreter = interpreter(for: lesson, seed: seed, hooks: hooks)
        var exercises: [Exercise] = []
        var errors: [Diagnostic] = []
        for (index, step) in lesson.steps.enumerated() {
            emit(.stepStarted(index: index, label: step.label))
            let before = interpreter.graph
            for statement in lesson.statements[step.statements] {
                do {
                    for output in try interpreter.execute(statement, in: lesson.source) {
                        if case .exercise(let e) = output { exercises.append(e) }
                        emit(.output(output))
                    }
                } catch {
                    errors.append(error)
                    emit(.error(error))
                }
            }
            emit(.quantities(interpreter.changedQuantities(since: before)))
        }
        return Result(exercises: exercises, errors: errors, interpreter: interpreter)
    }
}

extension Interpreter {
    /// The named quantities that are new, or whose value or gradient differs, since `before`.
    public func changedQuantities(since before: Graph) -> [ShownQuantity] {
        let r = renderer
        return boundNames.compactMap { name in
            let id = graph.bindings[name]!
            let now = shown(name, id, renderer: r)
            if let old = before.bindings[name], old == id, old < before.count,
               before.value(of: old) == now.value, before.gradient(of: old) == now.gradient {
                return nil
            }
            return now
        }
    }
}
