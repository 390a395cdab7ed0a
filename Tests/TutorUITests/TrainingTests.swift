import Testing
import TermCore
import BackpropCore
import ScriptSyntax
import TutorScript
@testable import TutorUI

/// One training run: a typed `train` and `r` are the interpreter's run, advanced a slice per tick.
@Suite struct ScreenTrainingTests: XORScreen {

    /// Runs `line` in `interpreter` as the REPL does (to the end), returning the run.
    func blocking(_ line: String, in interpreter: Interpreter) throws -> TrainingJob {
        var copy = interpreter
        var errors: [Diagnostic] = []
        _ = ScriptRunner.runLine(line, interpreter: &copy) { event, _ in
            if case .error(let d) = event { errors.append(d) }
        }
        #expect(errors.isEmpty, "\(errors)")
        return try #require(copy.session.training)
    }

    @Test("a typed train starts a run the ticks advance; Ctrl-C stops it with the weights reached; q quits")
    func typedTrainIsLive() throws {
        var state = try xor()
        state.lesson?.samplesPerTick = 400                        // 100 epochs of XOR a tick
        let before = try #require(weights(state))
        #expect(state.update(.commandEntered("train epochs=5000000 eta=0.5")) == [.closeCommandBar, .startTicks])
        #expect(state.lesson?.trainingRunning == true)
        #expect(weights(state) == before)                         // the line returned at once
        #expect(state.lesson?.message?.text == "training 5000000 epochs (batch, η = 0.5): r pauses, Ctrl-C stops")
        for k in 1...3 {
            #expect(state.update(.tick).isEmpty)
            #expect(try run(state).epochsDone == 100 * k)
            #expect(state.view(width: 120, height: 40).text.contains("training \(100 * k)/5000000"))
        }
        #expect(state.update(.interrupt) == [.stopTicks])
        let stopped = try run(state)
        #expect(stopped.stop == .cancelled && stopped.epochsDone == 300)
        #expect(weights(state) == stopped.network && stopped.network != before)
        #expect(state.lesson?.message?.text.hasPrefix("trained 300 epochs (batch, η = 0.5, 300 steps)") == true)
        let screen = state.view(width: 120, height: 40).text
        #expect(screen.contains("stopped after 300 of 5000000 epochs; the weights reached are kept"))
        #expect(!screen.contains("training 300/"))
        #expect(state.update(.tick) == [.stopTicks])              // a late tick changes nothing
        #expect(try run(state).epochsDone == 300)
        #expect(state.update(.key(.character("q"))) == [.saveProgress, .quit])
    }

    @Test("q while a typed train runs: the weights reached go into the graph, progress is saved, the tutor quits")
    func quitWhileTraining() throws {
        var state = try xor()
        state.lesson?.samplesPerTick = 400
        _ = state.update(.commandEntered("train epochs=100000 eta=0.5 mode=minibatch batch=2"))
        _ = state.update(.tick)
        #expect(state.update(.key(.character("q"))) == [.saveProgress, .quit])
        let reached = try run(state)
        #expect(reached.epochsDone == 100 && weights(state) == reached.network)
    }

    @Test("r after train mode=sgd lambda=0.01 seed=3 goes on with those options: the typed run's curve")
    func rKeepsTheTypedOptions() throws {
        var state = try xor()
        let line = "train epochs=30 eta=0.5 mode=sgd lambda=0.01 seed=3"
        let reference = try blocking(line, in: interpreter(state))
        state.lesson?.samplesPerTick = 10                         // 2.5 epochs of sgd steps a tick
        #expect(state.update(.commandEntered(line)) == [.closeCommandBar, .startTicks])
        for _ in 1...3 { _ = state.update(.tick) }
        #expect(state.update(.key(.character("r"))) == [.stopTicks])   // paused mid-epoch
        let paused = try run(state)
        #expect(paused.epochsDone == 7 && paused.steps == 30 && !paused.isFinished)
        #expect(weights(state) == paused.network)
        #expect(state.update(.key(.character("r"))) == [.startTicks])  // goes on
        #expect(state.lesson?.message?.text == "training resumed at epoch 7")
        while state.lesson?.trainingRunning == true { _ = state.update(.tick) }
        let done = try run(state)
        #expect(done.options == TrainingOptions(epochs: 30, eta: 0.5, mode: .sgd, seed: 3, lambda: 0.01))
        #expect(done.result == reference.result)
        #expect(done.lossHistory == reference.lossHistory)
        #expect(weights(state) == reference.network)
        // `losses` reads this run.
        var copy = interpreter(state)
        var shown: [Output] = []
        _ = ScriptRunner.runLine("losses", interpreter: &copy) { event, _ in
            if case .output(let o) = event { shown.append(o) }
        }
        #expect(shown == [.losses(history: reference.lossHistory, stride: 1)])
        // `r` after it ended: the same run again from where it started, so the same curve.
        #expect(state.update(.key(.character("r"))) == [.startTicks])
        while state.lesson?.trainingRunning == true { _ = state.update(.tick) }
        #expect(try run(state).result == reference.result)
    }

    @Test("05, η = 0.5: after r, assignments and a typed train, r repeats the typed run, never the old one")
    func rNeverOverwritesTypedWork() throws {
        let lesson = try Fixture.lesson("05-gradient-descent.lesson")
        let step = try #require(lesson.steps.firstIndex { $0.label == "η = 0.5: overshoot" })
        var state = AppState(session: LessonSession(lesson: lesson, seed: 1), startAt: step)
        while state.lesson?.session.pending != nil { _ = state.update(.commandEntered("skip")) }
        // The step's own train runs on ticks, the rest of the step after it.
        #expect(state.lesson?.trainingRunning == true && state.lesson?.session.waitsForTraining == true)
        #expect(state.view(width: 120, height: 40).text.contains("training 0/20"))
        #expect(!state.lesson!.record.narration.joined().contains("grows without bound"))
        #expect(state.update(.resize(width: 120, height: 40)) == [.startTicks])
        state.settleTraining()
        #expect(state.lesson?.session.waitsForTraining == false && state.lesson?.session.isStepDone == true)
        #expect(state.lesson!.record.narration.joined().contains("grows without bound"))
        #expect(state.lesson!.record.results.contains { $0.hasPrefix("trained 20 epochs (batch, η = 0.5") })
        let w1 = { (s: AppState) in s.lesson!.session.interpreter.graph.value(of: s.lesson!.session.interpreter.graph.bindings["W1"]!).scalar }
        // r: the step's run (20 epochs, η = 0.5) again from where it started.
        #expect(try run(state).options == TrainingOptions(epochs: 20, eta: 0.5))
        #expect(state.update(.key(.character("r"))) == [.startTicks])
        while state.lesson?.trainingRunning == true { _ = state.update(.tick) }
        #expect(state.lesson?.message?.text.hasPrefix("trained 20 epochs") == true)
        #expect(try run(state).stop == .completed)
        // A second r is not stuck: it runs again.
        #expect(state.update(.key(.character("r"))) == [.startTicks])
        #expect(state.view(width: 120, height: 40).text.contains("training 0/20"))
        while state.lesson?.trainingRunning == true { _ = state.update(.tick) }
        // Typed work: assignments, then a train that converges.
        for line in ["W1 = [[-1]]", "b1 = [0]"] { #expect(state.update(.commandEntered(line)) == [.closeCommandBar]) }
        #expect(state.update(.commandEntered("train epochs=500 eta=0.3")) == [.closeCommandBar, .startTicks])
        while state.lesson?.trainingRunning == true { _ = state.update(.tick) }
        let typed = try run(state)
        #expect(typed.stop == .completed && typed.options == TrainingOptions(epochs: 500, eta: 0.3))
        let reached = w1(state)
        #expect(abs(reached - 0.535) < 0.01, "\(reached)")
        // r repeats that run from W1 = −1, b1 = 0: the same weights again.
        #expect(state.update(.key(.character("r"))) == [.startTicks])
        while state.lesson?.trainingRunning == true { _ = state.update(.tick) }
        #expect(w1(state) == reached)
        #expect(try run(state).lossHistory == typed.lossHistory)
    }

    @Test("a lesson's train runs on ticks and its step waits: r pauses it, n finishes it, Ctrl-C stops it")
    func lessonTrainOnTicks() throws {
        let lesson = try Fixture.lesson("02-xor.lesson")
        let step = try #require(lesson.steps.firstIndex { $0.label == "Learning XOR: a start that sticks" })
        let fresh = { () -> AppState in
            var state = AppState(session: LessonSession(lesson: lesson, seed: 1), startAt: step)
            state.lesson?.samplesPerTick = 400                    // 100 epochs a tick
            while state.lesson?.session.pending != nil, state.lesson?.trainingRunning == false {
                _ = state.update(.commandEntered("skip"))
            }
            return state
        }
        let after = "sits on a plateau"                            // narration after the step's train
        let narration = { (s: AppState) in s.lesson!.record.narration.joined(separator: " ") }
        // The whole step at once, as the REPL runs it, for the weights it ends with.
        var quiet = LessonSession(lesson: lesson, seed: 1)
        quiet.fastForward(to: step)
        let trained = try #require(quiet.interpreter.session.training)

        var state = fresh()
        #expect(state.lesson?.trainingRunning == true && state.lesson?.session.waitsForTraining == true)
        #expect(!narration(state).contains(after))
        _ = state.update(.tick)
        #expect(state.update(.key(.character("r"))) == [.stopTicks])   // paused: the step still waits
        #expect(try run(state).epochsDone == 100 && state.lesson?.session.waitsForTraining == true)
        _ = state.update(.key(.character("n")))                       // the run to its end at once, then the step
        #expect(state.lesson?.session.waitsForTraining == false && state.lesson?.trainingRunning == false)
        #expect(state.lesson?.session.step == step)
        #expect(narration(state).contains(after))
        #expect(try run(state).result == trained.result)
        #expect(weights(state) == trained.network)

        state = fresh()
        _ = state.update(.tick)
        _ = state.update(.tick)
        #expect(state.update(.interrupt) == [.stopTicks])             // stopped at 200 epochs; the step goes on
        #expect(try run(state).stop == .cancelled && (try run(state).epochsDone) == 200)
        #expect(state.lesson?.session.waitsForTraining == false && narration(state).contains(after))
        #expect(state.lesson?.message?.text == "training stopped: the weights reached are kept")
        #expect(state.lesson!.record.results.contains { $0.contains("stopped after 200 of 5000 epochs") })
        #expect(state.update(.interrupt) == [.saveProgress, .quit])   // nothing runs: Ctrl-C quits, as before
    }

    @Test("a step with five trains runs them one after another on the same ticks")
    func stepWithSeveralTrains() throws {
        let lesson = try Fixture.lesson("05-gradient-descent.lesson")
        let step = try #require(lesson.steps.firstIndex { $0.label == "Batch against SGD" })
        var state = AppState(session: LessonSession(lesson: lesson, seed: 1), startAt: step)
        while state.lesson?.session.pending != nil, state.lesson?.trainingRunning == false {
            _ = state.update(.commandEntered("skip"))
        }
        #expect(state.update(.resize(width: 120, height: 40)) == [.startTicks])
        var ticks: [[Effect]] = []
        // Each run is paced to be watched (about 60 ticks), one after the other.
        while state.lesson?.trainingRunning == true, ticks.count < 1000 { ticks.append(state.update(.tick)) }
        #expect(ticks.last == [.stopTicks] && ticks.dropLast().allSatisfy(\.isEmpty), "\(ticks)")
        let reports = state.lesson!.record.results.filter { $0.hasPrefix("trained ") }
        #expect(reports.count == 5, "\(reports)")
        #expect(state.lesson?.session.isStepDone == true)
        // The same reports as the step run at once (the REPL's way).
        var quiet = LessonSession(lesson: lesson, seed: 1)
        quiet.fastForward(to: step - 1)
        let text = TextOutput(settings: quiet.interpreter.settings, interactive: false)
        var expected: [String] = []
        var events = quiet.nextStep()
        while true {
            for case .output(let o) in events {
                if case .training = o { expected += (text.render(o) ?? "").split(separator: "\n").prefix(1).map(String.init) }
            }
            guard quiet.pending != nil else { break }
            quiet.skip()
            events = quiet.resume()
        }
        #expect(reports == expected)
    }

    @Test("r without a network or data says what train would say, and trains nothing")
    func rRefuses() throws {
        var state = try Fixture.state("logistic.lesson", step: 1)
        #expect(state.update(.key(.character("r"))).isEmpty)
        #expect(state.lesson?.message == StatusMessage("no network yet: build one with 'net', as in 'net 2-2-1'", kind: .bad))
        _ = state.update(.commandEntered("net 2-1"))
        #expect(state.update(.key(.character("r"))).isEmpty)
        #expect(state.lesson?.message?.text == "no data yet: 'data xor' or 'data load FILE.csv' first")
        #expect(state.lesson?.trainingRunning == false && interpreter(state).session.training == nil)
    }

    @Test("an assignment leaves a paused run behind: r then starts a new one from the weights assigned")
    func assignmentDiscardsAPausedRun() throws {
        var state = try xor()
        state.lesson?.samplesPerTick = 400
        #expect(state.update(.commandEntered("train epochs=1000 eta=0.7")) == [.closeCommandBar, .startTicks])
        _ = state.update(.tick)
        #expect(state.update(.key(.character("r"))) == [.stopTicks])
        #expect(state.view(width: 120, height: 40).text.contains("paused 100/1000"))
        // A command that changes nothing keeps the paused run; one that is running goes on after it.
        _ = state.update(.commandEntered("show W1"))
        #expect(state.lesson?.trainingInProgress?.epochsDone == 100)
        #expect(state.update(.key(.character("r"))) == [.startTicks])
        #expect(state.update(.commandEntered("show W1")) == [.closeCommandBar])
        #expect(state.lesson?.trainingRunning == true)
        _ = state.update(.tick)
        #expect(try run(state).epochsDone == 200)
        // An assignment while it runs: the line sees the weights reached, and the run is left behind.
        #expect(state.update(.commandEntered("b2 = [0.25]")) == [.closeCommandBar, .stopTicks])
        #expect(state.lesson?.trainingInProgress == nil && state.lesson?.trainingRunning == false)
        let assigned = try #require(weights(state))
        #expect(assigned.biases[1].storage == [0.25])
        #expect(try run(state).epochsDone == 200)                 // its curve stays, for `losses`
        #expect(state.update(.key(.character("r"))) == [.startTicks])
        let fresh = try run(state)
        #expect(fresh.epochsDone == 0 && fresh.start == assigned && fresh.options == TrainingOptions(epochs: 1000, eta: 0.7))
    }
}
