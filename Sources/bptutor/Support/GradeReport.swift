import TutorScript
import TutorStore

/// A class's grades as `grade` prints them: the summary for the instructor, its JSON,
/// and the gradebook CSV.
enum GradeReport {
    /// How many slips per question the summary names.
    static let slipsShown = 3

    static func text(_ lesson: Lesson, _ summary: [ClassGrading.QuestionSummary],
                     _ graded: [GradedSubmission]) -> [String] {
        let total = summary.count
        let mean = graded.isEmpty ? 0 : Double(graded.map(\.correct).reduce(0, +)) / Double(graded.count)
        var lines = ["grade \(lesson.id): \(graded.count) student\(graded.count == 1 ? "" : "s"), "
                     + "mean \(CheckReport.number((mean * 10).rounded() / 10)) of \(total) correct"]
        let idWidth = summary.map(\.id.count).max() ?? 0
        for q in summary {
            var line = "  \(q.id.padding(toLength: idWidth))  \(percent(q.right, q.students)) right"
            if q.answered < q.students { line += ", \(q.students - q.answered) without an answer" }
            let slips = q.slips.prefix(slipsShown).map { "\(percent($0.count, q.students)) \($0.name) (\($0.count))" }
            if !slips.isEmpty { line += "; " + slips.joined(separator: ", ") }
            lines.append(line)
        }
        let troubled = graded.filter { !$0.problems.isEmpty }
        if !troubled.isEmpty {
            lines.append("  lines that could not be read: " + troubled.map { "\($0.student) (\($0.problems.count))" }
                .joined(separator: ", "))
        }
        return lines
    }

    static func percent(_ k: Int, _ n: Int) -> String {
        n == 0 ? "0 %" : "\(Int((100 * Double(k) / Double(n)).rounded())) %"
    }

    /// `{"summary": {"students", "mean_score", "questions": [{"id", "right", "answered", "students", "slips": [{"slip", "count"}]}]}}`.
    static func json(_ summary: [ClassGrading.QuestionSummary], _ graded: [GradedSubmission]) -> JSONValue {
        let mean = graded.isEmpty ? 0 : Double(graded.map(\.correct).reduce(0, +)) / Double(graded.count)
        return .object([("summary", .object([
            ("students", .number(Double(graded.count))),
            ("mean_score", .number(mean)),
            ("questions", .array(summary.map { q in
                .object([("id", .string(q.id)), ("right", .number(Double(q.right))),
                         ("answered", .number(Double(q.answered))), ("students", .number(Double(q.students))),
                         ("slips", .array(q.slips.map { .object([("slip", .string($0.name)), ("count", .number(Double($0.count)))]) }))])
            })),
        ]))])
    }

    /// id, score, total, points, then one column of points per question (RFC 4180 quoting).
    static func csv(_ exercises: [Exercise], _ graded: [GradedSubmission]) -> String {
        var rows = [(["id", "score", "total", "points"] + exercises.map(\.id)).map(field).joined(separator: ",")]
        for g in graded {
            let cells = [g.student, String(g.correct), String(g.results.count), CheckReport.number(g.points)]
                + g.results.map { CheckReport.number($0.points) }
            rows.append(cells.map(field).joined(separator: ","))
        }
        return rows.joined(separator: "\r\n") + "\r\n"
    }

    static func field(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingAll("\"", with: "\"\"") + "\"" : s
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        for c in self { if c == target { out += replacement } else { out.append(c) } }
        return out
    }
}
