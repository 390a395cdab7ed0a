import Testing
import TutorScript
@testable import TutorUI

/// `]` and `[` walk a step's pass one quantity at a time: forward in the order the values
/// are computed, backward from L̄ to the parameters after a backward, each with its rule
/// and numbers in the formula pane.
@Suite struct PassWalkTests {
    func names(_ state: AppState) -> String? { state.lesson?.selected }

    /// The step with its questions skipped, so that nothing is held back.
    func skipped(_ state: AppState) -> AppState {
        var state = state
        for _ in 0..<10 where state.lesson?.session.pending != nil { _ = state.update(.commandEntered("skip")) }
        return state
    }

    @Test("after a backward: L̄, ȳ, z̄, then the leaves, and back")
    func backwardOrder() throws {
        var state = skipped(try Fixture.state("logistic.lesson", step: 2))
        _ = state.update(.resize(width: 120, height: 40))
        // The step starts on L, the root of the backward pass.
        #expect(names(state) == "L")
        var walked: [String] = []
        for _ in 0..<6 {
            _ = state.update(.key(.character("]")))
            walked.append(names(state) ?? "-")
        }
        #expect(walked == ["y", "z", "t", "b", "x", "w"])
        #expect(state.lesson?.message?.text.hasPrefix("backward pass 7/7: w̄") == true)
        // The formula pane explains the error signal with its numbers.
        let screen = state.view(width: 120, height: 40).text
        #expect(screen.contains("Formula: w̄") && screen.contains("w̄ = z̄ · ∂z/∂w"))
        _ = state.update(.key(.character("[")))
        #expect(names(state) == "x")
        // Past the end it starts again; before the start it stays.
        _ = state.update(.key(.character("]")))
        _ = state.update(.key(.character("]")))
        #expect(names(state) == "L")
        _ = state.update(.key(.character("[")))
        #expect(names(state) == "L" && state.lesson?.message?.text.hasPrefix("the backward pass starts here") == true)
    }

    @Test("before any backward: the step's values, forward")
    func forwardOrder() throws {
        var state = skipped(try Fixture.state("logistic.lesson", step: 1))
        var walked: [String] = []
        for _ in 0..<7 {
            _ = state.update(.key(.character("]")))
            walked.append(names(state) ?? "-")
        }
        #expect(walked == ["w", "x", "b", "t", "z", "y", "L"])
        #expect(state.lesson?.message?.text.hasPrefix("forward pass 7/7: L") == true)
        #expect(state.view(width: 120, height: 40).text.contains("L = 0.5 · (y − t)²"))
    }

    @Test("the walk stops before the quantity the open question asks for")
    func stopsBeforeTheAnswer() throws {
        var state = try Fixture.state("logistic.lesson", step: 2)
        let lesson = try #require(state.lesson)
        // This step's first question asks for ȳ; L̄ is selected.
        let question = try #require(lesson.session.pending)
        #expect(question.id == "q1")
        _ = state.update(.key(.character("]")))
        #expect(state.lesson?.selected == "L")
        #expect(state.lesson?.message?.text.hasPrefix("next is ȳ, what q1 asks: answer it first") == true)
        _ = state.update(.commandEntered("reveal"))
        _ = state.update(.key(.character("]")))
        #expect(state.lesson?.selected == "y")
    }
}
