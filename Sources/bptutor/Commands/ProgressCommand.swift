import TermCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser
import ScriptSyntax
import Terminal
import TutorScript
import TutorStore

struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "List the saved progress of each lesson, or reset a lesson's.",
        discussion: """
        Progress in a lesson (the step reached and the answers given, for each --seed \
        variant) is saved as you go in $XDG_DATA_HOME/bptutor/progress (by default \
        ~/.local/share/bptutor/progress). This lists it: lesson, variant, step, exercises \
        answered right of those answered, whether the lesson was completed, and when it \
        was last saved (UTC). A damaged progress file is ignored with a warning.
        --reset LESSON removes the lesson's saved progress, every variant of it, or with \
        --seed ID only that student's variant (exit 1 when there is none).
        With --json: one {"progress": {...}} object per line (step is 1-based, as shown; \
        updated is seconds since the epoch), one {"unreadable": {...}} per damaged file, \
        and for --reset one {"removed": {...}} per record removed.
        """)

    @Option(name: .long, help: ArgumentHelp("Remove the saved progress of this lesson.", valueName: "lesson"))
    var reset: String?

    @Option(name: .long, help: ArgumentHelp("With --reset: only the variant of this student id.", valueName: "id"),
            transform: StudentIDOption.transform)
    var seed: String?

    @Flag(name: .long, help: "One JSON object per line.")
    var json = false

    func validate() throws {
        if seed != nil && reset == nil {
            throw ValidationError("--seed only goes with --reset LESSON")
        }
    }

    func run() throws {
        let console = Console()
        defer { console.flush() }
        let store = ProgressStore.standard()
        if let lesson = reset {
            try ProgressReport.reset(lesson, variant: seed, store: store, console: console, json: json)
        } else {
            ProgressReport.list(store: store, console: console, json: json)
        }
    }
}

enum ProgressReport {
    // MARK: - listing

    static func list(store: ProgressStore, console: Console, json: Bool) {
        guard let directory = store.directory else {
            if !json {
                console.line("No saved progress: there is no data directory to keep it in (set HOME or XDG_DATA_HOME).")
            }
            return
        }
        let scan = store.scan()
        if json {
            for p in scan.records { console.line(JSONValue.object([("progress", object(p))]).serialized) }
            for problem in scan.problems {
                console.line(JSONValue.object([("unreadable", .object([
                    ("path", .string(problem.path)), ("reason", .string(problem.reason.description)),
                ]))]).serialized)
            }
        } else if scan.records.isEmpty {
            console.line("No saved progress yet. Your place and answers in each lesson are saved as you go, in \(directory).")
        } else {
            table(scan.records).forEach(console.line)
        }
        for problem in scan.problems { warn(problem, console: console) }
    }

    static func table(_ records: [LessonProgress]) -> [String] {
        let header = ["LESSON", "VARIANT", "STEP", "EXERCISES", "STATUS", "UPDATED (UTC)"]
        let rows = records.map { p in
            [printable(p.lessonID), p.variant.map(printable) ?? "-", stepText(p),
             "\(p.correctCount) of \(p.answeredCount) right", p.completed ? "completed" : "in progress",
             utcText(p.updated)]
        }
        let all = [header] + rows
        let widths = (0..<header.count).map { column in all.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
        return all.map { row in
            var line = ""
            for (i, cell) in row.enumerated() {
                line += i == row.count - 1 ? cell : DisplayWidth.pad(cell, to: widths[i]) + "  "
            }
            return line
        }
    }

    /// "k/n": the step the student is at, 1-based.
    static func stepText(_ p: LessonProgress) -> String {
        "\(oneBasedStep(p))/\(p.steps)"
    }

    static func oneBasedStep(_ p: LessonProgress) -> Int {
        max(0, p.step + 1)
    }

    static func object(_ p: LessonProgress) -> JSONValue {
        let answers: [(String, JSONValue)] = p.answers.keys.sorted().map { id in
            let a = p.answers[id]!
            return (id, .object([
                ("correct", .bool(a.correct)), ("attempts", .number(Double(a.attempts))),
                ("revealed", .bool(a.revealed)), ("given", .array(a.given.map(JSONValue.number))),
                ("shape", .array([.number(Double(a.rows)), .number(Double(a.columns))])),
            ]))
        }
        return .object([
            ("lesson", .string(p.lessonID)), ("variant", p.variant.map(JSONValue.string) ?? .null),
            ("step", .number(Double(oneBasedStep(p)))), ("steps", .number(Double(p.steps))),
            ("answered", .number(Double(p.answeredCount))), ("correct", .number(Double(p.correctCount))),
            ("completed", .bool(p.completed)), ("updated", .number(Double(p.updated))),
            ("updated_utc", .string(isoText(p.updated))), ("path", .string(p.lessonPath)),
            ("answers", .object(answers)),
        ])
    }

    static func warn(_ problem: ProgressFileProblem, console: Console) {
        console.error("bptutor: warning: ignored \(printable(problem.path)): it \(problem.reason)\n")
    }

    // MARK: - reset

    static func reset(_ lessonID: String, variant: String?, store: ProgressStore, console: Console,
                      json: Bool) throws {
        guard store.directory != nil else {
            console.error("bptutor: error: no saved progress: there is no data directory (set HOME or XDG_DATA_HOME)\n")
            throw ExitCode(1)
        }
        let saved = store.scan().records
        let before = saved.filter { $0.lessonID == lessonID }
        let removed: [String?]
        if let variant {
            removed = store.reset(lessonID: lessonID, variant: variant) ? [variant] : []
        } else {
            removed = store.resetAllVariants(lessonID: lessonID)
        }
        for v in removed {
            if json {
                console.line(JSONValue.object([("removed", .object([
                    ("lesson", .string(lessonID)), ("variant", v.map(JSONValue.string) ?? .null),
                ]))]).serialized)
            } else {
                var line = "Removed the saved progress of \(printable(lessonID)) (\(variantText(v)))"
                if let p = before.first(where: { $0.variant == v }) {
                    line += ": it was at step \(stepText(p)), \(p.correctCount) of \(p.answeredCount) exercises right"
                        + (p.completed ? ", completed." : ".")
                } else {
                    line += ": its file was damaged."
                }
                console.line(line)
            }
        }
        if let problem = store.lastError {
            console.error("bptutor: error: \(problem)\n")
            throw ExitCode(1)
        }
        if removed.isEmpty {
            console.error("bptutor: error: " + notFoundMessage(lessonID, variant: variant, saved: saved) + "\n")
            throw ExitCode(1)
        }
    }

    static func notFoundMessage(_ lessonID: String, variant: String?, saved: [LessonProgress]) -> String {
        var message = "no saved progress for lesson '\(printable(lessonID))'"
        if let variant { message += " with --seed '\(printable(variant))'" }
        let sameLesson = saved.filter { $0.lessonID == lessonID }
        if !sameLesson.isEmpty {
            return message + "; its saved variants: "
                + sameLesson.map { $0.variant.map(printable) ?? "the default numbers" }.joined(separator: ", ")
                + " (without --seed, --reset removes them all)"
        }
        var ids: [String] = []
        for p in saved where ids.last != p.lessonID { ids.append(p.lessonID) }
        if let guess = Suggestions.closest(to: lessonID, among: ids) {
            return message + "; did you mean '\(printable(guess))'?"
        }
        return message + (ids.isEmpty ? " (nothing is saved)" : " (see 'bptutor progress')")
    }

    static func variantText(_ variant: String?) -> String {
        variant.map { "variant \(printable($0))" } ?? "default numbers"
    }

    // MARK: - text

    /// Text safe to print on a terminal: control characters shown as \u{…}.
    static func printable(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += "\\u{" + String(scalar.value, radix: 16) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// "2025-01-02 13:45".
    static func utcText(_ seconds: Int64) -> String {
        guard let t = utc(seconds) else { return "\(seconds)" }
        return "\(t.year)-\(pad2(t.month))-\(pad2(t.day)) \(pad2(t.hour)):\(pad2(t.minute))"
    }

    /// "2025-01-02T13:45:07Z".
    static func isoText(_ seconds: Int64) -> String {
        guard let t = utc(seconds) else { return "\(seconds)" }
        return "\(t.year)-\(pad2(t.month))-\(pad2(t.day))T\(pad2(t.hour)):\(pad2(t.minute)):\(pad2(t.second))Z"
    }

    private static func utc(_ seconds: Int64) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int)? {
        var time = time_t(seconds)
        var parts = tm()
        guard gmtime_r(&time, &parts) != nil else { return nil }
        return (Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
                Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    private static func pad2(_ n: Int) -> String {
        n < 10 ? "0\(n)" : "\(n)"
    }
}
