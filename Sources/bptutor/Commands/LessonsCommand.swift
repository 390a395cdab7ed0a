import TermCore
import ArgumentParser
import ScriptSyntax
import TutorScript
import TutorStore

struct LessonsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lessons",
        abstract: "List the lessons: id, title, number of steps.",
        discussion: """
            The lessons are the .lesson files of the first of: PREFIX/share/bptutor/lessons \
            for an installed PREFIX/bin/bptutor, $BPTUTOR_LESSONS, the Lessons folder of the \
            source checkout the binary was built in, ./Lessons.
            """)

    @Flag(name: .long, help: "One JSON object per lesson.")
    var json = false

    func run() throws {
        let console = Console()
        defer { console.flush() }
        try LessonList.print(console: console, json: json)
    }
}

enum LessonList {
    static func print(console: Console, json: Bool) throws {
        let directory = LessonCatalog.directory()
        let paths = LessonCatalog.lessonPaths(in: directory)
        if paths.isEmpty {
            console.error("bptutor: no lessons in \(directory) (an installed bptutor reads PREFIX/share/bptutor/lessons; otherwise set BPTUTOR_LESSONS to a folder of .lesson files)\n")
            throw ExitCode(1)
        }
        var rows: [(String, String, String)] = []
        var broken = false
        for path in paths {
            guard let source = try? SourceLoading.load(path: path) else { continue }
            switch Lesson.parse(source, path: path) {
            case .success(let lesson):
                if json {
                    console.line(JSONValue.object([("lesson", .object([
                        ("id", .string(lesson.id)), ("title", .string(lesson.title)),
                        ("steps", .number(Double(lesson.steps.count))),
                        ("exercises", .number(Double(lesson.exerciseIDs.count))), ("path", .string(path)),
                    ]))]).serialized)
                }
                rows.append((lesson.id, lesson.title, "\(lesson.steps.count) step\(lesson.steps.count == 1 ? "" : "s")"))
            case .failure(let error):
                broken = true
                LessonLoading.report(error, console: console)
            }
        }
        if !json {
            let idWidth = rows.map(\.0.count).max() ?? 0
            let titleWidth = rows.map { DisplayWidth.of($0.1) }.max() ?? 0
            for (id, title, steps) in rows {
                console.line(DisplayWidth.pad(id, to: idWidth) + "  " + DisplayWidth.pad(title, to: titleWidth) + "  " + steps)
            }
        }
        if broken { throw ExitCode(2) }
    }
}
