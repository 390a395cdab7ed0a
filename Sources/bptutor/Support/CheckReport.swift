import BackpropCore
import ScriptSyntax
import TutorScript
import TutorStore

/// One student's verdicts as `check` and `grade` print them: text, the contract's JSON,
/// Gradescope's results.json.
enum CheckReport {
    /// The contract's object, and `"points"`, `"max_points"` (`ask … points=`) and
    /// `"problems"`: each line of the answers file that could not be graded, as
    /// `{"message", "line", "column", "code"}` (empty when none). With `hideExpected`
    /// every `"expected"` is null; with `student` the object names them.
    static func json(_ graded: GradedSubmission, hideExpected: Bool, student: Bool = false) -> JSONValue {
        var fields: [(String, JSONValue)] = student ? [("student", .string(graded.student))] : []
        fields += [
            ("score", .number(Double(graded.correct))),
            ("total", .number(Double(graded.results.count))),
            ("points", .number(graded.points)),
            ("max_points", .number(graded.maxPoints)),
            ("results", .array(graded.results.map { r in
                .object([("id", .string(r.id)), ("correct", .bool(r.correct)),
                         ("expected", hideExpected ? .null : .tensor(r.expected)),
                         ("given", r.given.map(JSONValue.tensor) ?? .null), ("hint", r.hint.map(JSONValue.string) ?? .null),
                         ("points", .number(r.points)), ("max_points", .number(r.maxPoints))])
            })),
            ("problems", .array(graded.problems.map { JSONOutput.problem($0) })),
        ]
        return .object([("check", .object(fields))])
    }

    /// Gradescope's documented results.json for one submission: the total `score`, and
    /// one test per exercise with its `name`, `score`, `max_score` and `output` (the
    /// verdict and the hint; the expected value only without `hideExpected`).
    static func gradescope(_ graded: GradedSubmission, exercises: [Exercise], hideExpected: Bool) -> JSONValue {
        let f = NumberFormat(digits: 5)
        let tests: [JSONValue] = zip(graded.results, exercises).map { r, e in
            var output = r.correct ? "correct" : "not correct"
            if let given = r.given { output += "; given " + MatrixText.inline(given, numbers: f) }
            if let hint = r.hint { output += "; hint: " + hint }
            if !r.correct, !hideExpected { output += "; expected " + MatrixText.inline(r.expected, numbers: f) }
            return .object([("name", .string("\(r.id): \(e.question)")), ("score", .number(r.points)),
                            ("max_score", .number(r.maxPoints)), ("output", .string(output))])
        }
        return .object([("score", .number(graded.points)), ("tests", .array(tests))])
    }

    static func text(_ graded: GradedSubmission, exercises: [Exercise], lesson: Lesson, seed: String?,
                     reveal: Bool) -> [String] {
        let f = NumberFormat(digits: 5)
        let results = graded.results
        var head = "check \(lesson.id)" + (seed.map { " (variant \($0))" } ?? "")
            + ": \(graded.correct) of \(results.count) correct"
        if exercises.contains(where: { $0.points != 1 }) {
            head += " (\(Self.number(graded.points)) of \(Self.number(graded.maxPoints)) points)"
        }
        var lines = [head]
        let idWidth = results.map(\.id.count).max() ?? 0
        for (r, e) in zip(results, exercises) {
            let mark = r.correct ? "✓" : "✗"
            var line = "  \(mark) \(r.id.padding(toLength: idWidth))  \(e.question)"
            if let given = r.given { line += "   given " + MatrixText.inline(given, numbers: f) } else { line += "   (no answer)" }
            lines.append(line)
            if !r.correct {
                if let hint = r.hint { lines.append("      hint: \(hint)") }
                if reveal { lines.append("      expected " + MatrixText.inline(r.expected, numbers: f)) }
            }
        }
        return lines
    }

    /// 2 for 2.0, 1.5 for 1.5.
    static func number(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
