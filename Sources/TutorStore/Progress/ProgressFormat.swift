/// The progress file format, version 1: one JSON object on one line, UTF-8,
/// ending with a newline.
///
///     {"format": "bptutor-progress", "version": 1, "lesson": "02-xor",
///      "path": "/…/Lessons/02-xor.lesson", "variant": null, "step": 2, "steps": 7,
///      "completed": false, "updated": 1714567890,
///      "answers": {"dz": {"given": [-0.0594], "rows": 1, "columns": 1,
///                         "correct": true, "attempts": 2, "revealed": false}}}
///
/// `variant` is the `--seed` student id or null; `step` is 0-based; `updated` is
/// seconds since the epoch; `given` holds the entries row by row (NaN and ±infinity
/// as the strings "NaN", "Infinity", "-Infinity"), `rows`×`columns` of them (0×0 when
/// nothing was given). Answers are written sorted by exercise id. Unknown keys are
/// ignored when reading (a later version may add some); a missing or mistyped known
/// key, or a `version` other than 1, makes the whole file unreadable.
enum ProgressFormat {
    static let formatName = "bptutor-progress"
    static let version = 1

    static func encode(_ p: LessonProgress) -> String {
        let answers: [(String, JSONValue)] = p.answers.keys.sorted().map { id in
            let a = p.answers[id]!
            return (id, .object([
                ("given", .array(a.given.map(JSONValue.number))),
                ("rows", .number(Double(a.rows))),
                ("columns", .number(Double(a.columns))),
                ("correct", .bool(a.correct)),
                ("attempts", .number(Double(a.attempts))),
                ("revealed", .bool(a.revealed)),
            ]))
        }
        let object = JSONValue.object([
            ("format", .string(formatName)),
            ("version", .number(Double(version))),
            ("lesson", .string(p.lessonID)),
            ("path", .string(p.lessonPath)),
            ("variant", p.variant.map(JSONValue.string) ?? .null),
            ("step", .number(Double(p.step))),
            ("steps", .number(Double(p.steps))),
            ("completed", .bool(p.completed)),
            ("updated", .number(Double(p.updated))),
            ("answers", .object(answers)),
        ])
        return object.serialized + "\n"
    }

    /// The progress a file holds, or why it cannot be read.
    static func decode(_ bytes: [UInt8]) -> Result<LessonProgress, ProgressFileProblem.Reason> {
        guard !bytes.isEmpty else { return .failure(.empty) }
        guard let json = JSONValue.parse(bytes) else { return .failure(.notJSON) }
        guard json["format"]?.string == formatName else { return .failure(.notProgress) }
        guard let version = json["version"]?.int else { return .failure(.invalidField("version")) }
        guard version == Self.version else { return .failure(.unsupportedVersion(version)) }

        guard let lessonID = json["lesson"]?.string, !lessonID.isEmpty else { return .failure(.invalidField("lesson")) }
        guard let path = json["path"]?.string else { return .failure(.invalidField("path")) }
        let variant: String?
        switch json["variant"] {
        case .some(.null): variant = nil
        case .some(.string(let s)): variant = s
        default: return .failure(.invalidField("variant"))
        }
        guard let step = json["step"]?.int, step >= -1 else { return .failure(.invalidField("step")) }
        guard let steps = json["steps"]?.int, steps >= 0 else { return .failure(.invalidField("steps")) }
        guard let completed = json["completed"]?.bool else { return .failure(.invalidField("completed")) }
        guard let updated = json["updated"]?.int64 else { return .failure(.invalidField("updated")) }
        guard case .object(let answerPairs)? = json["answers"] else { return .failure(.invalidField("answers")) }

        var answers: [String: AnswerRecord] = [:]
        for (id, value) in answerPairs {
            guard let record = answer(value) else { return .failure(.invalidField("answers.\(id)")) }
            answers[id] = record
        }
        return .success(LessonProgress(lessonID: lessonID, lessonPath: path, variant: variant, step: step,
                                       steps: steps, answers: answers, completed: completed, updated: updated))
    }

    private static func answer(_ json: JSONValue) -> AnswerRecord? {
        guard case .array(let items)? = json["given"],
              let rows = json["rows"]?.int, rows >= 0,
              let columns = json["columns"]?.int, columns >= 0,
              case let size = rows.multipliedReportingOverflow(by: columns),
              !size.overflow, size.partialValue == items.count,
              let correct = json["correct"]?.bool,
              let attempts = json["attempts"]?.int, attempts >= 0
        else { return nil }
        var given: [Double] = []
        given.reserveCapacity(items.count)
        for item in items {
            guard let x = item.double else { return nil }
            given.append(x)
        }
        // `revealed` came after the first files were written: absent means false.
        let revealed: Bool
        switch json["revealed"] {
        case nil: revealed = false
        case .some(let value):
            guard let b = value.bool else { return nil }
            revealed = b
        }
        return AnswerRecord(given: given, rows: rows, columns: columns, correct: correct,
                            attempts: attempts, revealed: revealed)
    }
}

/// A file in the progress directory that could not be used, and why.
public struct ProgressFileProblem: Sendable, Equatable {
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public enum Reason: Error, Sendable, Equatable, CustomStringConvertible {
        /// It could not be opened or read (errno's message).
        case unreadable(String)
        case empty
        /// Not valid JSON: damaged, or cut short.
        case notJSON
        /// Valid JSON, but not a progress file.
        case notProgress
        /// Written by a later bptutor in a format this one does not know.
        case unsupportedVersion(Int)
        /// A field is missing or has the wrong type or value.
        case invalidField(String)
        /// The lesson and variant inside do not belong under the file's name
        /// (renamed or copied by hand).
        case misnamed

        public var description: String {
            switch self {
            case .unreadable(let message): "cannot be read: \(message)"
            case .empty: "is empty"
            case .notJSON: "is damaged or cut short (not valid JSON)"
            case .notProgress: "is not a bptutor progress file"
            case .unsupportedVersion(let v): "was written by a newer bptutor (format version \(v))"
            case .invalidField(let name): "has a missing or invalid '\(name)'"
            case .misnamed: "does not have the name of the lesson and variant it records"
            }
        }
    }
}
