import BackpropCore
import ScriptSyntax
import TutorScript

/// `bptutor grade` on a class of 1,000 (issue 11's yardstick: under 10 s here): each
/// student's variant chosen and their answers graded against it, on all cores. The
/// answers are the default numbers' for every student (so most are wrong and each
/// wrong answer is compared with the slips).
func gradingBenchmarks(students: Int = 1000) -> [(String, String)] {
    let path = "Lessons/04-two-layer-backprop.lesson"
    guard let text = readText(path),
          case .success(let lesson) = Lesson.parse(SourceFile(name: path, text: text), path: path) else {
        return [("grading", "Lessons/04-two-layer-backprop.lesson not found (run from the package folder)")]
    }
    let answers = LessonRunner.run(lesson, seed: 0).exercises
        .map { "\($0.id) = \(literal($0.expected))" }.joined(separator: "\n")
    let submissions = (1...students).map {
        Submission(student: "s\($0)", source: SourceFile(name: "s\($0).txt", text: answers))
    }
    let start = now()
    let graded = ClassGrading.grade(lesson, submissions)
    let seconds = now() - start
    let right = graded.map(\.correct).reduce(0, +)
    return [("grade \(students) students, lesson 04 (\(lesson.exerciseIDs.count) asks, \(right) answers right; "
             + "yardstick: under 10 s)", formatDuration(seconds))]
}

/// A tensor as a literal of the language, at full precision.
private func literal(_ t: Tensor) -> String {
    if t.count == 1 { return "\(t.storage[0])" }
    let rows = (0..<t.rows).map { r in "[" + (0..<t.columns).map { "\(t.storage[r * t.columns + $0])" }.joined(separator: ", ") + "]" }
    return "[" + rows.joined(separator: ", ") + "]"
}
