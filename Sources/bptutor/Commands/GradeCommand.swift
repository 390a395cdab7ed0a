import ArgumentParser
import ScriptSyntax
import TutorScript
import TutorStore

struct GradeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grade",
        abstract: "Grade a whole class: every student's answers against their own numbers.",
        discussion: """
            Each SUBMISSION is an answers file, or a folder of them (its files, not its \
            subfolders). A file's name without its extension is the student's id, and so the \
            seed of their numbers, as 'check --seed ID' would grade it (alice.txt is alice). \
            Students are graded on all cores. Without options it prints the class summary: \
            per question the share right and the most common diagnosed slips. --csv FILE \
            writes the gradebook (id, score, total, points, then each question's points; by id); \
            --json prints one check object per student, then {"summary": ...}. A file that \
            cannot be read is reported and left out. Exit 0 when every student was graded, \
            2 when the lesson or a submission cannot be read.
            """)

    @Argument(help: "A lesson id (see 'bptutor lessons') or a path to a .lesson file.",
              completion: LessonCompletion.kind)
    var lesson: String

    @Argument(help: "Answers files, or folders of them.", completion: .file())
    var submissions: [String]

    @Option(name: .long, help: ArgumentHelp("Write the gradebook as CSV to FILE.", valueName: "file"))
    var csv: String?

    @Flag(name: .long, help: "One check object per student, then a summary object.")
    var json = false

    @Flag(name: .long, help: "Leave the expected values out of the JSON (for students' eyes).")
    var hideExpected = false

    func validate() throws {
        guard !submissions.isEmpty else { throw ValidationError("grade needs at least one answers file or folder") }
    }

    func run() throws {
        let console = Console()
        defer { console.flush() }
        let lesson = try LessonLoading.load(self.lesson, console: console, validatingWith: .some(nil), json: json)
        var unreadable = false
        var loaded: [Submission] = []
        var seen: [String: String] = [:]
        for path in Self.files(in: submissions) {
            let id = Self.studentID(of: path)
            guard let student = StudentSeed.normalized(id) else {
                console.error("bptutor: error: '\(path)' names no student (its name is empty)\n")
                unreadable = true
                continue
            }
            if let first = seen[student] {
                console.error("bptutor: error: '\(path)' and '\(first)' are the same student '\(student)'; graded once\n")
                unreadable = true
                continue
            }
            do {
                loaded.append(Submission(student: student, source: try SourceLoading.load(path: path)))
                seen[student] = path
            } catch {
                console.error(SourceLoading.message(error))
                unreadable = true
            }
        }
        loaded.sort { $0.student < $1.student }
        let graded = ClassGrading.grade(lesson, loaded)
        try Self.refuseFailingVariants(graded, lesson: lesson, console: console, json: json)
        let exercises = LessonRunner.run(lesson, seed: 0).exercises
        let summary = ClassGrading.summary(exercises, graded)
        if json {
            for g in graded { console.line(CheckReport.json(g, hideExpected: hideExpected, student: true).serialized) }
            console.line(GradeReport.json(summary, graded).serialized)
        } else {
            for line in GradeReport.text(lesson, summary, graded) { console.line(line) }
        }
        if let csv {
            let text = GradeReport.csv(exercises, graded)
            guard FileSystem.replace(csv, with: Array(text.utf8), mode: 0o644) else {
                console.error("bptutor: error: cannot write '\(csv)'\n")
                throw ExitCode(2)
            }
        }
        console.flush()
        if unreadable { throw ExitCode(2) }
    }

    /// A lesson that stops with an error on some students' numbers grades none of
    /// them: each failing line once, with the students it fails for, and exit 2
    /// (`bptutor lint` finds these before a lesson is given out).
    static func refuseFailingVariants(_ graded: [GradedSubmission], lesson: Lesson, console: Console,
                                      json: Bool) throws {
        var order: [Diagnostic] = []
        var students: [Int: [String]] = [:]
        for g in graded {
            for d in g.lessonErrors {
                let k = order.firstIndex { $0.span == d.span } ?? { order.append(d); return order.count - 1 }()
                students[k, default: []].append(g.student)
            }
        }
        guard !order.isEmpty else { return }
        let diagnostics = order.enumerated().map { k, d in
            var d = d
            let who = students[k]!
            d.notes.append("on the numbers of \(who.count) student\(who.count == 1 ? "" : "s") ("
                           + who.prefix(5).joined(separator: ", ") + (who.count > 5 ? ", …" : "")
                           + "); 'bptutor lint' finds such lines")
            return d
        }
        LessonLoading.report(LessonError(source: lesson.source, diagnostics: diagnostics), console: console, json: json)
        throw ExitCode(2)
    }

    /// The files named, and the files of the folders named, each folder's sorted by name
    /// (hidden files left out).
    static func files(in arguments: [String]) -> [String] {
        arguments.flatMap { path -> [String] in
            guard FileSystem.isDirectory(path) else { return [path] }
            let folder = path.hasSuffix("/") ? String(path.dropLast()) : path
            return FileSystem.entries(of: folder).filter { !$0.hasPrefix(".") }.sorted()
                .map { folder + "/" + $0 }.filter { !FileSystem.isDirectory($0) }
        }
    }

    /// `answers/Alice.txt` → `Alice`: the name without its folder and its last extension.
    static func studentID(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        return String(name[..<dot])
    }
}
