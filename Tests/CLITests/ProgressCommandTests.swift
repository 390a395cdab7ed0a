import Foundation
import Testing
import TestSupport

/// `bptutor progress`: listing and resetting saved progress. Each test gives the
/// child its own XDG_DATA_HOME and writes the progress files itself, in the
/// documented format (Sources/Terminal/Progress/ProgressFormat.swift).
@Suite struct ProgressCommandTests {
    /// A data home with a progress directory.
    struct DataHome {
        let directory: TemporaryDirectory
        var progress: String { directory.path + "/bptutor/progress" }
        var environment: [String: String] { ["XDG_DATA_HOME": directory.path] }

        init() throws {
            directory = TemporaryDirectory()
            try FileManager.default.createDirectory(atPath: progress, withIntermediateDirectories: true)
        }

        func write(_ name: String, _ text: String) throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: progress + "/" + name))
        }

        var files: [String] {
            ((try? FileManager.default.contentsOfDirectory(atPath: progress)) ?? []).sorted()
        }

        func remove() { directory.remove() }
    }

    /// One record as ProgressStore writes it.
    static func record(_ lesson: String, variant: String? = nil, step: Int, steps: Int = 7, completed: Bool = false,
                       updated: Int = 1_714_567_890, answers: [(String, Bool, Int)] = []) -> String {
        let answerText = answers.map { id, correct, attempts in
            #""\#(id)": {"given": [0.5, -1], "rows": 2, "columns": 1, "correct": \#(correct), "attempts": \#(attempts), "revealed": false}"#
        }.joined(separator: ", ")
        let variantText = variant.map { "\"\($0)\"" } ?? "null"
        return #"{"format": "bptutor-progress", "version": 1, "lesson": "\#(lesson)", "path": "/l/\#(lesson).lesson", "#
            + #""variant": \#(variantText), "step": \#(step), "steps": \#(steps), "completed": \#(completed), "#
            + #""updated": \#(updated), "answers": {\#(answerText)}}"# + "\n"
    }

    /// Three records: 01-single (completed), 02-xor with the default numbers and for alice.
    static func populated() throws -> DataHome {
        let home = try DataHome()
        try home.write("01-single.json", record("01-single", step: 4, steps: 5, completed: true, updated: 1_700_000_000,
                                                answers: [("dw", true, 1)]))
        try home.write("02-xor.json", record("02-xor", step: 2, answers: [("dz", true, 2), ("dW1", false, 3)]))
        try home.write("02-xor@alice.json", record("02-xor", variant: "alice", step: 6, completed: true,
                                                   answers: [("dz", true, 1), ("dW1", true, 1), ("db", true, 2)]))
        return home
    }

    // MARK: - listing

    @Test("nothing saved: a friendly line, exit 0")
    func nothingSaved() throws {
        let home = try DataHome()
        defer { home.remove() }
        let r = try bptutor("progress", environment: home.environment)
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("No saved progress yet."), "\(r.stdout)")
        #expect(r.stdout.contains(home.progress))
        #expect(r.stderr == "")
        let json = try bptutor("progress", "--json", environment: home.environment)
        #expect(json.status == 0)
        #expect(json.stdout == "")
        // Without even the directory.
        let bare = TemporaryDirectory()
        defer { bare.remove() }
        let none = try bptutor("progress", environment: ["XDG_DATA_HOME": bare.path + "/missing"])
        #expect(none.status == 0)
        #expect(none.stdout.hasPrefix("No saved progress yet."))
    }

    @Test("no data directory at all: said, exit 0")
    func noDataDirectory() throws {
        let r = try bptutor("progress", environment: ["XDG_DATA_HOME": "", "HOME": "relative-home"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("no data directory"), "\(r.stdout)")
        let reset = try bptutor("progress", "--reset", "02-xor", environment: ["XDG_DATA_HOME": "", "HOME": "relative-home"])
        #expect(reset.status == 1)
        #expect(reset.stderr.contains("no data directory"))
    }

    @Test("lists every lesson and variant: step, exercises right, status, updated (UTC)")
    func listing() throws {
        let home = try Self.populated()
        defer { home.remove() }
        let r = try bptutor("progress", environment: home.environment)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        #expect(r.stdoutLines == [
            "LESSON     VARIANT  STEP  EXERCISES     STATUS       UPDATED (UTC)",
            "01-single  -        5/5   1 of 1 right  completed    2023-11-14 22:13",
            "02-xor     -        3/7   1 of 2 right  in progress  2024-05-01 12:51",
            "02-xor     alice    7/7   3 of 3 right  completed    2024-05-01 12:51",
        ], "\(r.stdout)")
    }

    @Test("--json: one progress object per line")
    func listingJSON() throws {
        let home = try Self.populated()
        defer { home.remove() }
        let r = try bptutor("progress", "--json", environment: home.environment)
        #expect(r.status == 0)
        let lines = r.stdoutLines
        #expect(lines.count == 3)
        let objects = try lines.map { try #require(try jsonObject($0)["progress"] as? [String: Any]) }
        #expect(objects.map { $0["lesson"] as? String } == ["01-single", "02-xor", "02-xor"])
        #expect(objects[0]["variant"] is NSNull)
        #expect(objects[2]["variant"] as? String == "alice")
        let xor = objects[1]
        #expect(xor["step"] as? Int == 3)
        #expect(xor["steps"] as? Int == 7)
        #expect(xor["answered"] as? Int == 2)
        #expect(xor["correct"] as? Int == 1)
        #expect(xor["completed"] as? Bool == false)
        #expect(xor["updated"] as? Int == 1_714_567_890)
        #expect(xor["updated_utc"] as? String == "2024-05-01T12:51:30Z")
        #expect(xor["path"] as? String == "/l/02-xor.lesson")
        let answers = try #require(xor["answers"] as? [String: [String: Any]])
        #expect(answers["dW1"]?["correct"] as? Bool == false)
        #expect(answers["dW1"]?["attempts"] as? Int == 3)
        #expect(answers["dz"]?["given"] as? [Double] == [0.5, -1])
        #expect(answers["dz"]?["shape"] as? [Int] == [2, 1])
    }

    @Test("a damaged file is ignored with a warning; the rest is listed, exit 0")
    func damagedFile() throws {
        let home = try Self.populated()
        defer { home.remove() }
        let whole = Self.record("02-xor", variant: "bob", step: 1)
        try home.write("02-xor@bob.json", String(whole.prefix(whole.count / 2)))
        try home.write(".tmp-99999999-abc", "{\"format\"")  // a crashed save's temporary file: not looked at
        let r = try bptutor("progress", environment: home.environment)
        #expect(r.status == 0)
        #expect(r.stdoutLines.count == 4)
        #expect(!r.stdout.contains("bob"))
        #expect(r.stderr == "bptutor: warning: ignored \(home.progress)/02-xor@bob.json: "
                + "it is damaged or cut short (not valid JSON)\n", "\(r.stderr)")
        let json = try bptutor("progress", "--json", environment: home.environment)
        #expect(json.status == 0)
        let last = try #require(json.stdoutLines.last)
        let unreadable = try #require(try jsonObject(last)["unreadable"] as? [String: Any])
        #expect(unreadable["path"] as? String == home.progress + "/02-xor@bob.json")
        #expect(json.stdoutLines.count == 4)
    }

    // MARK: - reset

    @Test("--reset LESSON removes every variant of that lesson and says so")
    func resetLesson() throws {
        let home = try Self.populated()
        defer { home.remove() }
        try home.write("02-xor-extra.json", Self.record("02-xor-extra", step: 0))
        let r = try bptutor("progress", "--reset", "02-xor", environment: home.environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr == "")
        #expect(r.stdoutLines == [
            "Removed the saved progress of 02-xor (default numbers): it was at step 3/7, 1 of 2 exercises right.",
            "Removed the saved progress of 02-xor (variant alice): it was at step 7/7, 3 of 3 exercises right, completed.",
        ], "\(r.stdout)")
        #expect(home.files == ["01-single.json", "02-xor-extra.json"])
        let list = try bptutor("progress", environment: home.environment)
        #expect(list.stdoutLines.count == 3)
        #expect(!list.stdout.contains("02-xor "))
    }

    @Test("--reset LESSON --seed ID removes only that student's variant")
    func resetVariant() throws {
        let home = try Self.populated()
        defer { home.remove() }
        let r = try bptutor("progress", "--reset", "02-xor", "--seed", "alice", "--json", environment: home.environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdoutLines.count == 1)
        let removed = try #require(try jsonObject(r.stdoutLines[0])["removed"] as? [String: Any])
        #expect(removed["lesson"] as? String == "02-xor")
        #expect(removed["variant"] as? String == "alice")
        #expect(home.files == ["01-single.json", "02-xor.json"])
    }

    @Test("--reset removes a damaged file of the lesson too")
    func resetDamaged() throws {
        let home = try Self.populated()
        defer { home.remove() }
        try home.write("02-xor@bob.json", "{\"format\": \"bptutor-pro")
        let r = try bptutor("progress", "--reset", "02-xor", "--seed", "bob", environment: home.environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "Removed the saved progress of 02-xor (variant bob): its file was damaged.\n")
        #expect(home.files == ["01-single.json", "02-xor.json", "02-xor@alice.json"])
    }

    @Test("--reset of a lesson with nothing saved is an error, exit 1")
    func resetUnknown() throws {
        let home = try Self.populated()
        defer { home.remove() }
        let unknown = try bptutor("progress", "--reset", "09-nothing", environment: home.environment)
        #expect(unknown.status == 1)
        #expect(unknown.stdout == "")
        #expect(unknown.stderr == "bptutor: error: no saved progress for lesson '09-nothing' (see 'bptutor progress')\n",
                "\(unknown.stderr)")
        let misspelt = try bptutor("progress", "--reset", "02-xr", environment: home.environment)
        #expect(misspelt.status == 1)
        #expect(misspelt.stderr.contains("did you mean '02-xor'?"), "\(misspelt.stderr)")
        let otherVariant = try bptutor("progress", "--reset", "02-xor", "--seed", "carol", environment: home.environment)
        #expect(otherVariant.status == 1)
        #expect(otherVariant.stderr.contains("no saved progress for lesson '02-xor' with --seed 'carol'"))
        #expect(otherVariant.stderr.contains("the default numbers, alice"), "\(otherVariant.stderr)")
        #expect(home.files == ["01-single.json", "02-xor.json", "02-xor@alice.json"], "nothing removed")

        let empty = try DataHome()
        defer { empty.remove() }
        let nothing = try bptutor("progress", "--reset", "02-xor", environment: empty.environment)
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("(nothing is saved)"))
    }

    @Test("--seed without --reset is bad usage, exit 2")
    func seedNeedsReset() throws {
        let home = try DataHome()
        defer { home.remove() }
        let r = try bptutor("progress", "--seed", "alice", environment: home.environment)
        #expect(r.status == 2)
        #expect(r.stderr.contains("--seed only goes with --reset"))
    }
}
