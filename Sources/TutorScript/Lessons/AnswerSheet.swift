import BackpropCore
import ScriptSyntax

/// A student's answers: one `ID = VALUE` per line (a number, vector or
/// matrix literal; `#` comments allowed).
public struct AnswerSheet: Sendable {
    public var answers: [String: Tensor]

    /// Parses an answers file against the lesson's exercise ids: anything else
    /// (a formula, an unknown id, an id given twice) is a located error.
    public static func parse(_ source: SourceFile, exerciseIDs: [String]) -> Result<AnswerSheet, LessonError> {
        let (statements, syntax) = Parser.parse(source)
        var problems = syntax
        var answers: [String: Tensor] = [:]
        let interpreter = Interpreter()
        for statement in statements {
            guard case let .assignment(target, .assign, value) = statement.kind, target.indices.isEmpty else {
                problems.append(Diagnostic(LessonMessage.answerLineForm, at: statement.span))
                continue
            }
            let id = target.name
            guard exerciseIDs.contains(id.name) else {
                var notes = ["the exercises are: " + exerciseIDs.joined(separator: ", ")]
                if let guess = Suggestions.closest(to: id.name, among: exerciseIDs) { notes.insert("did you mean '\(guess)'?", at: 0) }
                problems.append(Diagnostic(LessonMessage.unknownExercise(id.name), at: id.span, notes: notes))
                continue
            }
            guard answers[id.name] == nil else {
                problems.append(Diagnostic(LessonMessage.answeredTwice(id.name), at: id.span))
                continue
            }
            do {
                guard let t = try interpreter.constantValue(value) else {
                    problems.append(Diagnostic(LessonMessage.answerNotAValue, at: value.span))
                    continue
                }
                answers[id.name] = t
            } catch {
                problems.append(error)
            }
        }
        guard problems.isEmpty else { return .failure(LessonError(source: source, diagnostics: problems)) }
        return .success(AnswerSheet(answers: answers))
    }
}
