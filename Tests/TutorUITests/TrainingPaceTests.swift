import Testing
import BackpropCore
import TutorScript
@testable import TutorUI

/// A run you can watch: paced over a few seconds, `+`/`-` change the pace, `.` trains one
/// epoch, `0` puts the run back where it began; the weights, the quantities and the plots
/// follow the run on every tick.
@Suite struct TrainingPaceTests: XORScreen {

    /// Ticks until the run stops by itself (at most `limit`); how many it took.
    func ticksToFinish(_ state: inout AppState, limit: Int = 10_000) -> Int {
        var ticks = 0
        while state.lesson?.trainingRunning == true, ticks < limit {
            _ = state.update(.tick)
            ticks += 1
        }
        return ticks
    }

    @Test("the pace: epochs per tick for a run of any length, whole epochs with the fraction carried")
    func paceArithmetic() {
        var pace = TrainingPace()
        let ticks = TrainingPace.watchSeconds * TrainingPace.ticksPerSecond
        #expect(pace.epochsPerTick(ofRunOf: 6000) == 6000 / ticks)
        #expect(pace.label == "")
        #expect(pace.faster() && pace.faster())
        #expect(pace.label == "×4" && pace.epochsPerTick(ofRunOf: 6000) == 4 * 6000 / ticks)
        #expect(pace.slower() && pace.slower() && pace.slower())
        #expect(pace.label == "×1/2")
        // 30 epochs over 60 ticks, at half the pace: one epoch every four ticks, none lost.
        let perTick = pace.epochsPerTick(ofRunOf: 30)
        #expect(perTick == 30 / ticks / 2)
        let advanced = (0..<Int(ticks * 2)).map { _ in pace.epochsThisTick(ofRunOf: 30) }
        #expect(advanced.allSatisfy { $0 == 0 || $0 == 1 })
        #expect(advanced.reduce(0, +) == 30)
        // The pace has ends.
        var slowest = TrainingPace(), fastest = TrainingPace()
        while slowest.slower() {}
        while fastest.faster() {}
        #expect(slowest.label == "×1/\(1 << -TrainingPace.levels.lowerBound)")
        #expect(fastest.label == "×\(1 << TrainingPace.levels.upperBound)")
    }

    @Test("r spreads a lesson run over the watch time; + halves it, - doubles it")
    func runIsPaced() throws {
        var state = try xor()
        let ticks = Int(TrainingPace.watchSeconds * TrainingPace.ticksPerSecond)
        #expect(state.update(.key(.character("r"))) == [.startTicks])
        let epochs = try run(state).options.epochs
        _ = state.update(.tick)
        #expect(try run(state).epochsDone == epochs / ticks)
        var rest = ticksToFinish(&state)
        #expect(rest + 1 == ticks, "a run at the default pace takes \(ticks) ticks, not \(rest + 1)")
        let finished = try run(state)
        #expect(finished.epochsDone == epochs && finished.stop == .completed)

        _ = state.update(.key(.character("+")))
        #expect(state.lesson?.message?.text.hasPrefix("training at pace ×2") == true)
        #expect(state.update(.key(.character("r"))) == [.startTicks])   // again, from the run's start
        #expect(state.view(width: 120, height: 40).text.contains("training 0/\(epochs) ×2"))
        rest = ticksToFinish(&state)
        #expect(rest == ticks / 2)
        _ = state.update(.key(.character("-")))
        _ = state.update(.key(.character("-")))
        #expect(state.update(.key(.character("r"))) == [.startTicks])
        rest = ticksToFinish(&state)
        #expect(rest == ticks * 2)
    }

    @Test("the weights, the quantities and the decision regions follow the run on every tick")
    func runIsLive() throws {
        var state = try xor()
        _ = state.update(.resize(width: 120, height: 40))
        let before = try #require(weights(state))
        _ = state.update(.key(.character("r")))
        var seen: [Network] = []
        var screens: [String] = []
        for _ in 0..<5 {
            _ = state.update(.tick)
            seen.append(try #require(weights(state)))
            screens.append(state.view(width: 120, height: 40).text)
            let reached = try run(state).network
            #expect(weights(state) == reached)                        // the graph has what the run reached
        }
        #expect(Set(seen.map { "\($0)" }).count == 5 && seen[0] != before)
        #expect(Set(screens).count == 5)
        // At 120×40 the curve and the regions are side by side while the run goes.
        #expect(screens.allSatisfy { $0.contains("Loss (training…)") && $0.contains("Decision regions") })
        // At 80×24 there is room for one: the curve the step is about, running or paused.
        _ = state.update(.resize(width: 80, height: 24))
        _ = state.update(.tick)
        let small = state.view(width: 80, height: 24).text
        #expect(small.contains("Loss (training…)") && !small.contains("Decision regions"))
        _ = state.update(.key(.character("r")))
        let paused = state.view(width: 80, height: 24).text
        #expect(paused.contains("Loss") && !paused.contains("Decision regions"))
    }

    @Test(". trains one epoch and pauses; 0 puts the run back where it began")
    func oneEpochAndRewind() throws {
        var state = try xor()
        let start = try #require(weights(state))
        #expect(state.update(.key(.character("."))).isEmpty)             // no ticks: it is paused
        #expect(state.lesson?.trainingRunning == false)
        #expect(try run(state).epochsDone == 1)
        let one = try #require(weights(state))
        let afterOne = try run(state).network
        #expect(one != start && one == afterOne)
        #expect(state.lesson?.message?.text.hasPrefix("epoch 1/2000, mean loss ") == true)
        // One epoch of batch descent is one step from the start: the same as a blocking run of 1.
        var copy = interpreter(state)
        _ = copy.rewindTraining()
        var reference = copy
        _ = ScriptRunner.runLine("train epochs=1 eta=0.5", interpreter: &reference) { _, _ in }
        #expect(reference.session.network?.read(from: reference.graph) == one)
        _ = state.update(.key(.character(".")))
        #expect(try run(state).epochsDone == 2)
        // r goes on from there, and 0 in the middle of the run puts it back.
        _ = state.update(.key(.character("r")))
        _ = state.update(.tick)
        #expect(try run(state).epochsDone > 2)
        #expect(state.update(.key(.character("0"))) == [.stopTicks])
        #expect(state.lesson?.trainingRunning == false)
        #expect(weights(state) == start)
        let rewound = try run(state)
        #expect(rewound.epochsDone == 0 && rewound.lossHistory.isEmpty)
        #expect(state.lesson?.message?.text.hasPrefix("back to the weights the run began from") == true)
        // With nothing trained in the step there is nothing to put back.
        var fresh = try xor()
        _ = fresh.update(.key(.character("0")))
        #expect(fresh.lesson?.message?.text.hasPrefix("no training run to put back") == true)
    }
}

/// What the review found after a run: the status line, the output pane and the plot
/// follow the run the screen is on.
@Suite struct TrainingAfterRunTests: XORScreen {
    @Test(". after a pause goes on from the paused run, and the curve stays")
    func oneEpochAfterPause() throws {
        var state = try xor()
        _ = state.update(.key(.character("r")))
        for _ in 0..<5 { _ = state.update(.tick) }
        _ = state.update(.key(.character("r")))
        let done = try run(state).epochsDone
        _ = state.update(.key(.character(".")))
        #expect(try run(state).epochsDone == done + 1)
        let screen = state.view(width: 120, height: 40).text
        #expect(screen.contains("Loss") && screen.contains("paused \(done + 1)/"))
    }

    /// A lesson at the step labelled `label`, at 120×40.
    func at(_ file: String, _ label: String) throws -> AppState {
        let lesson = try Fixture.lesson(file)
        let step = try #require(lesson.steps.firstIndex { $0.label == label })
        var state = AppState(session: LessonSession(lesson: lesson, seed: 1), startAt: step)
        _ = state.update(.resize(width: 120, height: 40))
        return state
    }

    @Test("r with a question open says to answer it first, and starts nothing")
    func rWaitsForTheQuestion() throws {
        var state = try at("02-xor.lesson", "Learning XOR: a start that sticks")
        let question = try #require(state.lesson?.session.pending)
        let before = interpreter(state).session.training?.epochsDone
        _ = state.update(.key(.character("r")))
        #expect(state.lesson?.message?.text.hasPrefix("answer \(question.id) first") == true)
        #expect(state.lesson?.trainingRunning == false && interpreter(state).session.training?.epochsDone == before)
        // The key help does not offer it meanwhile.
        let keys = state.view(width: 120, height: 40).text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(!keys.contains("r train"), "\(keys)")
    }

    @Test("the status line names each run of a step as it starts and its result as it ends; n finishes them all")
    func severalRunsInAStep() throws {
        var state = try at("05-gradient-descent.lesson", "Batch against SGD")
        while state.lesson?.session.pending != nil, state.lesson?.trainingRunning == false {
            _ = state.update(.commandEntered("skip"))
        }
        #expect(state.lesson?.trainingRunning == true)
        var messages: [String] = []
        for _ in 0..<1000 where state.lesson?.trainingRunning == true {
            _ = state.update(.tick)
            if let text = state.lesson?.message?.text, messages.last != text { messages.append(text) }
        }
        #expect(messages.contains { $0.hasPrefix("training 10 epochs (minibatch, batch 2, η = 0.125") }, "\(messages)")
        #expect(messages.contains { $0.hasPrefix("training 10 epochs (sgd, η = 0.125") }, "\(messages)")
        #expect(messages.last?.hasPrefix("trained 200 epochs (sgd") == true, "\(messages)")
        // n at the first run goes through all five at once.
        var again = try at("05-gradient-descent.lesson", "Batch against SGD")
        while again.lesson?.session.pending != nil, again.lesson?.trainingRunning == false {
            _ = again.update(.commandEntered("skip"))
        }
        _ = again.update(.key(.character("n")))
        #expect(again.lesson?.session.isStepDone == true && again.lesson?.trainingRunning == false)
        #expect(again.lesson!.record.results.filter { $0.hasPrefix("trained ") }.count == 5)
    }

    @Test("a run in progress is drawn against its whole length; help closes on any key")
    func lossAxisAndHelp() throws {
        var state = try xor()
        _ = state.update(.resize(width: 120, height: 40))
        _ = state.update(.key(.character("r")))
        _ = state.update(.tick)
        let epochs = try run(state).options.epochs
        let screen = state.view(width: 120, height: 40).text
        let axis = screen.split(separator: "\n").first { $0.contains("epoch 0") }.map(String.init) ?? ""
        #expect(axis.contains("epoch 0") && axis.contains(" \(epochs) "), "the axis ends at \(epochs): \(axis)")
        _ = state.update(.key(.character("?")))
        #expect(state.showingHelp)
        _ = state.update(.key(.character("x")))
        #expect(!state.showingHelp)
    }
}
