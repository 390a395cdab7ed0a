import Testing
import TutorScript
@testable import TutorUI

/// Each step's plot belongs to that step: the one its own results call for, none from
/// an earlier step; the decision regions have axes and a legend; `r` is offered only
/// where training can move the weights.
@Suite struct StepPlotTests {
    /// Lesson `file` at the step labelled `label`, its questions skipped and its training
    /// run to the end, at `width`×`height`.
    func screen(_ file: String, _ label: String, width: Int = 120, height: Int = 40) throws -> AppState {
        let lesson = try Fixture.lesson(file)
        let step = try #require(lesson.steps.firstIndex { $0.label == label }, "\(file): no step '\(label)'")
        var state = AppState(session: LessonSession(lesson: lesson, seed: 1), startAt: step)
        _ = state.update(.resize(width: width, height: height))
        for _ in 0..<20 {
            state.settleTraining()
            guard state.lesson?.session.pending != nil else { break }
            _ = state.update(.commandEntered("skip"))
        }
        state.settleTraining()
        return state
    }

    func text(_ state: AppState) -> String { state.view(width: state.width, height: state.height).text }

    @Test("a whole perceptron run shows k against its bound in its own step, and in no later one")
    func perceptronRuns() throws {
        for (file, label) in [("01-perceptron.lesson", "The whole run on AND"),
                              ("01-perceptron.lesson", "Digits: 0 versus 1"),
                              ("02-xor.lesson", "A feature map makes it separable")] {
            let shown = text(try screen(file, label))
            #expect(shown.contains("Perceptron: k against 4R²/γ²") && shown.contains("≤ 4R²/γ²"), "\(file) \(label)")
        }
        let xor = text(try screen("02-xor.lesson", "The perceptron never converges on XOR"))
        #expect(xor.contains("Perceptron: k against 4R²/γ²") && xor.contains("not separable"))
        // The step after the stepping one has no perceptron of its own: no stale plot.
        let convergence = text(try screen("01-perceptron.lesson", "Convergence: k ≤ 4R²/γ²"))
        #expect(!convergence.contains("Perceptron: k against"))
        let stepping = text(try screen("01-perceptron.lesson", "Epoch 2 by hand"))
        #expect(stepping.contains("Perceptron: k against"))
    }

    @Test("a step about the loss shows the loss; where there is room the decision regions stand beside it")
    func lossSteps() throws {
        let small = text(try screen("02-xor.lesson", "Learning XOR: a start that sticks", width: 80, height: 24))
        #expect(small.contains("Loss") && !small.contains("Decision regions"))
        let large = text(try screen("02-xor.lesson", "A start that learns"))
        #expect(large.contains("Loss") && large.contains("Decision regions"))
        // The regions' axes: x₁ with its ends under the plot, x₂'s range in the legend.
        #expect(large.contains("x₁ →") && large.contains("x₂ ↑") && large.contains("o class 0  x class 1"))
        // A step with no training of its own has no loss curve from the one before.
        let after = try screen("05-gradient-descent.lesson", "Why: the curvature")
        #expect(!text(after).contains("Loss"))
    }

    @Test("a step that plots curves shows them, numbered, with their legend")
    func curveSteps() throws {
        let smooth = text(try screen("02-xor.lesson", "σ(5x): a smooth step"))
        #expect(smooth.contains("Plot over s") && smooth.contains("1 step(s)  2 sigmoid(s)  3 sigmoid(5*s)"))
        let saturation = text(try screen("06-softmax.lesson", "Saturation: the logistic against ReLU"))
        #expect(saturation.contains("Plot over s") && saturation.contains("2 step(s)"))
        // The step after has its own plot or none.
        let after = text(try screen("02-xor.lesson", "Learning XOR: a start that sticks"))
        #expect(!after.contains("Plot over s"))
    }

    @Test("r is offered where training can move the weights, and says why not elsewhere")
    func rWhereTrainingMakesSense() throws {
        var thresholds = try screen("02-xor.lesson", "Hard thresholds cannot be trained")
        let keys = text(thresholds).split(separator: "\n").last.map(String.init) ?? ""
        #expect(!keys.contains("r train"), "\(keys)")
        _ = thresholds.update(.key(.character("r")))
        #expect(thresholds.lesson?.trainingRunning == false)
        #expect(thresholds.lesson?.message?.text.hasPrefix("nothing to train: step′ = 0") == true)
        let smooth = text(try screen("02-xor.lesson", "σ(5x): a smooth step"))
        #expect(smooth.split(separator: "\n").last?.contains("r train") == true)
    }
}
