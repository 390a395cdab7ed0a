import ArgumentParser
import ScriptSyntax
import TermCore
import TutorScript
import TutorStore

struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check that a lesson's exercises grade every student fairly.",
        discussion: """
            Runs each lesson with its default numbers and for N student ids (s1 … sN, each \
            with the variant 'check --seed' would grade), and reports per ask, located \
            (FILE:LINE:COL), for how many ids: a diagnosed slip gives the right answer or \
            lies too close to it to be told apart, the answer is 0 or an entry is tiny, or \
            an earlier step already prints the answer. Exit 0: no finding; 1: findings; \
            2: a lesson cannot be read.
            """)

    @Argument(help: "Lesson ids (see 'bptutor lessons') or paths to .lesson files.",
              completion: LessonCompletion.kind)
    var lessons: [String]

    @Option(name: .long, help: "How many student ids to check.")
    var students = 500

    @Flag(name: .long, help: "One JSON object per finding, then a summary object.")
    var json = false

    func validate() throws {
        guard students >= 0 else { throw ValidationError("--students is 0 or more") }
        guard !lessons.isEmpty else { throw ValidationError("lint needs at least one lesson") }
    }

    func run() throws {
        let console = Console()
        defer { console.flush() }
        let loaded = try lessons.map { try LessonLoading.load($0, console: console, validatingWith: .some(nil)) }
        var total = 0
        for lesson in loaded {
            let findings = LessonLint.lint(lesson, students: LessonLint.studentIDs(students))
            total += findings.count
            for f in findings {
                let column = Self.column(of: f, in: lesson)
                if json {
                    console.line(JSONValue.object([("lint", .object([
                        ("file", .string(lesson.source.name)), ("line", .number(Double(f.line))),
                        ("column", .number(Double(column))), ("exercise", .string(f.exercise)),
                        ("problem", .string(f.problem.rawValue)), ("students", .number(Double(f.students.count))),
                        ("examples", .array(f.students.prefix(5).map(JSONValue.string))), ("detail", .string(f.detail)),
                    ]))]).serialized)
                } else {
                    let share = "\(f.students.count) of \(students + 1) variants"
                    console.line("\(lesson.source.name):\(f.line):\(column): \(f.exercise.isEmpty ? "" : f.exercise + ": ")\(f.problem.summary) "
                                 + "(\(share), e.g. \(f.students.prefix(3).joined(separator: ", "))): \(f.detail)")
                }
            }
        }
        if json {
            console.line(JSONValue.object([("summary", .object([
                ("lessons", .number(Double(loaded.count))), ("students", .number(Double(students))),
                ("findings", .number(Double(total))),
            ]))]).serialized)
        } else {
            console.line("lint: \(loaded.count) lesson\(loaded.count == 1 ? "" : "s"), the default numbers and "
                         + "\(students) student ids: \(total == 0 ? "no findings" : "\(total) finding\(total == 1 ? "" : "s")")")
        }
        console.flush()
        if total > 0 { throw ExitCode(1) }
    }

    /// The column of the ask's id on its line.
    static func column(of f: LessonLint.Finding, in lesson: Lesson) -> Int {
        if let column = f.column { return column }
        let chars = Array(lesson.source.line(f.line)), word = Array("ask " + f.exercise)
        guard chars.count >= word.count,
              let start = (0...(chars.count - word.count)).first(where: { Array(chars[$0..<($0 + word.count)]) == word })
        else { return 1 }
        return start + 5
    }
}
