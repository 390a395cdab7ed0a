import Testing
import TermCore
import TutorScript
@testable import TutorUI

/// Text snapshots of the screens (Snapshots/*.txt; BPTUTOR_RECORD=1 re-records).
@Suite struct SnapshotTests {
    static let lessons: [(file: String, name: String, later: Int)] = [
        ("logistic.lesson", "logistic", 2),
        ("03-logistic-least-squares.lesson", "03-logistic", 2),
        ("04-two-layer-backprop.lesson", "04-two-layer", 3),
        ("07-chain-rule.lesson", "07-chain-rule", 1),
        ("02-xor.lesson", "02-xor", 2),
        ("01-perceptron.lesson", "01-perceptron", 3),
        ("05-gradient-descent.lesson", "05-gradient-descent", 2),
        ("06-softmax.lesson", "06-softmax", 2),
    ]

    @Test(arguments: lessons.map(\.file))
    func lessonFirstAndLaterStep(file: String) throws {
        // Every shipped lesson listed here must exist: a missing one fails, never passes silently.
        #expect(Fixture.exists(file), "no lesson \(file)")
        let entry = try #require(Self.lessons.first(where: { $0.file == file }))
        let lesson = try Fixture.lesson(file)
        for step in [0, min(entry.later, lesson.steps.count - 1)] {
            var state = AppState(session: LessonSession(lesson: lesson, seed: 1), startAt: step)
            state.settleTraining()                  // the step's train, run on ticks to its end
            for (w, h) in [(80, 24), (120, 40)] {
                assertSnapshot(state.view(width: w, height: h), named: "\(entry.name)-step\(step + 1)-\(w)x\(h)")
            }
        }
    }

    @Test func picker() {
        let state = AppState(picker: Fixture.pickerEntries)
        assertSnapshot(state.view(width: 80, height: 24), named: "picker-80x24")
        assertSnapshot(state.view(width: 120, height: 40), named: "picker-120x40")
    }

    @Test func help() throws {
        var state = try Fixture.state("logistic.lesson")
        _ = state.update(.key(.character("?")))
        assertSnapshot(state.view(width: 80, height: 24), named: "help-80x24")
    }

    @Test func tooSmall() throws {
        let state = try Fixture.state("logistic.lesson")
        assertSnapshot(state.view(width: 60, height: 20), named: "too-small-60x20")
    }

    @Test func presentationAndWide() throws {
        var state = try Fixture.state("logistic.lesson", step: 1, presentation: true)
        _ = state.update(.key(.character("n")))
        _ = state.update(.key(.character("n")))
        assertSnapshot(state.view(width: 80, height: 24), named: "logistic-present-80x24")
        assertSnapshot(state.view(width: 250, height: 70), named: "logistic-present-250x70")
        let normal = try Fixture.state("logistic.lesson", step: 2)
        assertSnapshot(normal.view(width: 250, height: 70), named: "logistic-step3-250x70")
    }

    @Test func asciiSnapshot() throws {
        let state = try Fixture.state("logistic.lesson", step: 2)
        assertSnapshot(state.view(width: 80, height: 24, options: ViewOptions(unicode: false, color: false)),
                       named: "logistic-step3-80x24-ascii")
    }
}
