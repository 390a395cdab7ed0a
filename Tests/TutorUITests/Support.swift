import Foundation
import Testing
import TermCore
import BackpropCore
import ScriptSyntax
import TutorScript
@testable import TutorUI
import TestSupport

/// Where the test files live.
enum Paths {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let snapshots = here.appendingPathComponent("Snapshots")
    static let lessons = here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Lessons")
}

enum Fixture {
    /// Lessons kept with the tests (Tests/Fixtures), so their snapshots do not move when Lessons/ is edited.
    static let shared: Set<String> = ["logistic.lesson"]

    /// A lesson from the repository's Lessons folder (by file name), or from the fixtures.
    static func lesson(_ name: String) throws -> Lesson {
        let url = Paths.lessons.appendingPathComponent(name)
        let text: String
        if Fixture.shared.contains(name) {
            text = SharedFixture.text(name)
        } else if FileManager.default.fileExists(atPath: url.path) {
            text = try String(contentsOf: url, encoding: .utf8)
        } else {
            throw FixtureError.missing(name)
        }
        switch Lesson.parse(SourceFile(name: url.lastPathComponent, text: text), path: url.path) {
        case .success(let l): return l
        case .failure(let e): throw FixtureError.invalid(name, e.diagnostics.map(\.message))
        }
    }

    static func exists(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: Paths.lessons.appendingPathComponent(name).path)
            || shared.contains(name)
    }

    /// The screen at a lesson's step, its training (if the step trains) run on ticks to the end.
    static func state(_ name: String, step: Int = 0, presentation: Bool = false) throws -> AppState {
        var state = AppState(session: LessonSession(lesson: try lesson(name), seed: 1), startAt: step,
                             presentation: presentation)
        state.settleTraining()
        return state
    }

    static let pickerEntries = [
        PickerEntry(id: "01-perceptron", path: "Lessons/01-perceptron.lesson", title: "The perceptron and its bound",
                    steps: 9, progress: "step 3/9, 2 of 4 answered"),
        PickerEntry(id: "03-logistic-least-squares", path: "Lessons/03-logistic-least-squares.lesson",
                    title: "Logistic least squares", steps: 5, progress: "done"),
        PickerEntry(id: "07-chain-rule", path: "Lessons/07-chain-rule.lesson", title: "The chain rule: one path and two",
                    steps: 2, progress: "not started"),
    ]
}

enum FixtureError: Error { case missing(String), invalid(String, [String]) }

/// Compares a buffer's lines with Snapshots/NAME.txt; BPTUTOR_RECORD=1 (or a
/// missing file) writes it. A mismatch fails with a line diff. Writing a snapshot
/// is reported as a failure too, so a missing or re-recorded file never passes
/// unseen: run again (without BPTUTOR_RECORD) to compare against it.
func assertSnapshot(_ buffer: ScreenBuffer, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = Paths.snapshots.appendingPathComponent(name + ".txt")
    let actual = buffer.lines.joined(separator: "\n") + "\n"
    let record = ProcessInfo.processInfo.environment["BPTUTOR_RECORD"] == "1"
    if record || !FileManager.default.fileExists(atPath: url.path) {
        try? FileManager.default.createDirectory(at: Paths.snapshots, withIntermediateDirectories: true)
        try? actual.write(to: url, atomically: true, encoding: .utf8)
        Issue.record("snapshot \(name) was \(record ? "re-recorded" : "missing and has been written"); run the tests again",
                     sourceLocation: sourceLocation)
        return
    }
    let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
    guard expected != actual else { return }
    Issue.record(Comment(rawValue: "snapshot \(name) differs (BPTUTOR_RECORD=1 re-records):\n" + lineDiff(expected, actual)),
                 sourceLocation: sourceLocation)
}

/// The lines that differ, numbered: `-` expected, `+` actual.
func lineDiff(_ expected: String, _ actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var out: [String] = []
    for i in 0..<max(e.count, a.count) {
        let l = i < e.count ? String(e[i]) : "<none>"
        let r = i < a.count ? String(a[i]) : "<none>"
        if l != r {
            out.append(String(format: "%3d - %@", i + 1, l))
            out.append(String(format: "%3d + %@", i + 1, r))
        }
    }
    return out.joined(separator: "\n")
}

extension ScreenBuffer {
    var text: String { lines.joined(separator: "\n") }
}

extension AppState {
    /// Ticks until no training run goes on.
    mutating func settleTraining() {
        while lesson?.trainingRunning == true { _ = update(.tick) }
    }
}

/// The screen on step 7 of 02-xor, where the training tests start, and what they read.
protocol XORScreen {}

extension XORScreen {
    /// Step 7 of 02-xor: a sigmoid 2-2-1 network on the XOR data, its question skipped.
    func xor() throws -> AppState {
        var state = try Fixture.state("02-xor.lesson", step: 6)
        while state.lesson?.session.pending != nil { _ = state.update(.commandEntered("skip")) }
        return state
    }

    func interpreter(_ state: AppState) -> Interpreter { state.lesson!.session.interpreter }
    func run(_ state: AppState) throws -> TrainingJob { try #require(interpreter(state).session.training) }
    func weights(_ state: AppState) -> Network? {
        interpreter(state).session.network?.read(from: interpreter(state).graph)
    }
}
