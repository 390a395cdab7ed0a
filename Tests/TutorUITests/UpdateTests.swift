import Testing
import TermCore
import BackpropCore
import TutorScript
@testable import TutorUI

@Suite struct UpdateTests {
    func logistic(step: Int = 1, presentation: Bool = false) throws -> AppState {
        try Fixture.state("logistic.lesson", step: step, presentation: presentation)
    }

    @Test func nextAndPreviousRestoreTheIdenticalScreen() throws {
        var state = try logistic()
        let first = state.view(width: 120, height: 40)
        _ = state.update(.key(.character("n")))   // skips q0, finishes the Forward step
        _ = state.update(.key(.character("n")))   // the Backward step
        #expect(state.lesson?.session.step == 2)
        let second = state.view(width: 120, height: 40)
        #expect(second != first)
        _ = state.update(.key(.character("p")))
        #expect(state.lesson?.session.step == 1)
        #expect(state.view(width: 120, height: 40) == first, "\(lineDiff(first.text, state.view(width: 120, height: 40).text))")
        _ = state.update(.key(.right))
        _ = state.update(.key(.right))
        #expect(state.view(width: 120, height: 40) == second)
        _ = state.update(.key(.left))
        #expect(state.view(width: 120, height: 40) == first)
    }

    @Test func spaceHomeAndEnd() throws {
        var state = try Fixture.state("04-two-layer-backprop.lesson")
        let count = state.lesson!.session.stepCount
        _ = state.update(.key(.end))
        #expect(state.lesson?.session.step == count - 1)
        _ = state.update(.key(.home))
        #expect(state.lesson?.session.step == 0)
        _ = state.update(.key(.character(" ")))
        #expect(state.lesson?.session.step == 1)
    }

    @Test func selectionMovesWithArrowsAndTab() throws {
        var state = try logistic()
        let before = state.lesson?.selected
        #expect(before == "L")
        _ = state.update(.key(.up))
        #expect(state.lesson?.selected == "y")
        _ = state.update(.key(.down))
        _ = state.update(.key(.tab))
        #expect(state.lesson?.selected == "w")
        let screen = state.view(width: 80, height: 24).text
        #expect(screen.contains(">*w"))
    }

    @Test func explainTogglesValueAndGradient() throws {
        var state = try logistic(step: 2)
        state.select("z")
        let auto = state.view(width: 120, height: 40).text
        #expect(auto.contains("Formula: z̄"))
        _ = state.update(.key(.character("e")))
        #expect(state.view(width: 120, height: 40).text.contains("Formula: z "))
        _ = state.update(.key(.character("e")))
        #expect(state.view(width: 120, height: 40).text.contains("Formula: z̄"))
    }

    @Test func commandBarRunsCommandsAndAnswers() throws {
        var state = try logistic()
        #expect(state.update(.key(.character(":"))) == [.openCommandBar(prompt: "q0? ")])
        _ = state.update(.commandLineChanged(text: "0.", cursor: 2))
        let bar = state.view(width: 80, height: 24)
        #expect(bar.cursor?.y == 22)
        #expect(bar.cursor?.x == 6)  // "q0? " + "0."
        // A wrong answer: a hint; the question stays.
        #expect(state.update(.commandEntered("0.1")) == [.closeCommandBar])
        #expect(state.lesson?.message?.kind == .bad)
        #expect(state.lesson?.session.pending?.id == "q0")
        // The right one.
        let z = state.lesson!.session.interpreter.graph.value(of: state.lesson!.session.interpreter.graph.bindings["z"]!).scalar
        _ = state.update(.commandEntered("\(z)"))
        #expect(state.lesson?.message?.kind == .good)
        #expect(state.lesson?.session.pending == nil)
        // A command: the screen follows.
        _ = state.update(.commandEntered("w = 2"))
        let text = state.view(width: 120, height: 40).text
        #expect(text.contains("Output: w = 2"))
        #expect(text.contains("3.1500"))  // z = 2·1.5 + 0.15
        _ = state.update(.commandEntered("nosuch + 1"))
        #expect(state.lesson?.message?.kind == .bad)
        _ = state.update(.key(.character(":")))
        #expect(state.update(.commandCancelled) == [.closeCommandBar])
        #expect(state.commandBar.isOpen == false)
    }

    @Test func helpQuitAndInterrupt() throws {
        var state = try logistic()
        _ = state.update(.key(.character("?")))
        #expect(state.showingHelp)
        #expect(state.view(width: 80, height: 24).text.contains("bptutor: keys"))
        _ = state.update(.key(.escape))
        #expect(!state.showingHelp)
        #expect(state.update(.key(.character("q"))) == [.saveProgress, .quit])
        #expect(state.update(.interrupt) == [.saveProgress, .quit])
        // With the command bar open, Ctrl-C drops the line and keeps the tutor.
        #expect(state.update(.key(.character(":"))).contains { if case .openCommandBar = $0 { true } else { false } })
        _ = state.update(.commandLineChanged(text: "w = ", cursor: 4))
        #expect(state.update(.interrupt) == [.closeCommandBar])
        #expect(!state.commandBar.isOpen)
        #expect(state.update(.interrupt) == [.saveProgress, .quit])
    }

    @Test func blankAndPresentationReveal() throws {
        var state = try logistic(presentation: true)
        #expect(!state.view(width: 80, height: 24).text.contains("0.15"))
        _ = state.update(.key(.character("n")))
        #expect(state.lesson?.revealed == 1)
        #expect(state.lesson?.session.step == 1)
        _ = state.update(.key(.character("b")))
        #expect(state.view(width: 80, height: 24).lines.allSatisfy { $0.isEmpty })
        _ = state.update(.key(.character("x")))
        #expect(!state.blanked)
        _ = state.update(.key(.character("m")))
        #expect(!state.presentation)
        #expect(state.view(width: 80, height: 24).text.contains("e explain"))
    }

    @Test func trainingRunsInSlicesOnTicks() throws {
        // Step 7 of 02-xor ("σ(5x): a smooth step") ends with a sigmoid 2-2-1 network on the
        // XOR data; its question is skipped so the step runs to its end.
        var state = try Fixture.state("02-xor.lesson", step: 6)
        while state.lesson?.session.pending != nil { _ = state.update(.commandEntered("skip")) }
        let interpreter = { state.lesson!.session.interpreter }
        let nodes = try #require(interpreter().session.network, "step 7 of 02-xor has a network")
        try #require(interpreter().session.data != nil, "step 7 of 02-xor has data")
        #expect(nodes.spec.activations.map(\.rawValue) == ["sigmoid", "sigmoid"])
        let w1 = { interpreter().graph.value(of: interpreter().graph.bindings["W1"]!) }
        let before = w1()
        #expect(state.update(.key(.character("r"))) == [.startTicks])
        // Small slices, so the run takes several ticks whatever the machine: slicing is by
        // samples per tick, not by time, so every step below happens on every run.
        let slice = 250
        state.lesson?.samplesPerTick = slice * 4                  // XOR has four samples: 250 epochs a tick
        let run = { try #require(interpreter().session.training) }
        let target = try run().options.epochs
        #expect(target == 2000)                                   // no train in this step: 2000 epochs
        #expect(try run().options == TrainingOptions(epochs: 2000, eta: 0.5))
        #expect(state.update(.tick).isEmpty)
        #expect(state.lesson?.trainingRunning == true)
        #expect(try run().epochsDone == slice)
        #expect(w1() != before)                                   // the weights reached, live, every tick
        #expect(state.view(width: 120, height: 40).text.contains("training \(slice)/\(target)"))
        // Pausing writes the weights reached into the graph; the decision regions show them.
        #expect(state.update(.key(.character("r"))) == [.stopTicks])
        #expect(state.lesson?.trainingRunning == false)
        #expect(w1() != before)
        let paused = state.view(width: 120, height: 40).text
        #expect(paused.contains("paused \(slice)/\(target)"))
        #expect(paused.contains("Decision regions"))
        // Resuming runs to the end, one slice per tick, and stops by itself on the last one.
        #expect(state.update(.key(.character("r"))) == [.startTicks])
        let remaining = (target - slice + slice - 1) / slice
        for tick in 1...remaining {
            let effects = state.update(.tick)
            #expect(effects == (tick == remaining ? [.stopTicks] : []), "tick \(tick)")
        }
        let done = try run()
        #expect(state.lesson?.trainingRunning == false && done.stop == .completed && done.epochsDone == target)
        #expect(done.lossHistory.count == target + 1)             // the start and every epoch
        #expect(state.lesson?.message?.text.hasPrefix("trained \(target) epochs") == true)
        #expect(state.update(.tick) == [.stopTicks])              // a late tick changes nothing
        #expect(state.view(width: 120, height: 40).text.contains("Decision regions"))
        // The weights in the graph are the run's, and `losses` shows its curve.
        #expect(interpreter().session.network?.read(from: interpreter().graph) == done.network)
        // `r` after the run ended: the same run again from the weights it started from.
        #expect(state.update(.key(.character("r"))) == [.startTicks])
        let again = try run()
        #expect(again.epochsDone == 0 && again.network == done.start && again.options == done.options)
    }

    @Test func pickerOpensTheSelectedLesson() {
        var state = AppState(picker: Fixture.pickerEntries)
        _ = state.update(.key(.down))
        #expect(state.picker.selected == 1)
        #expect(state.update(.key(.enter)) == [.openLesson(path: "Lessons/03-logistic-least-squares.lesson")])
        _ = state.update(.key(.up))
        _ = state.update(.key(.up))
        #expect(state.picker.selected == 2)
        #expect(state.update(.key(.character("q"))) == [.quit])
    }

    @Test func theLoadedLessonComesBackAsAMessage() throws {
        var state = AppState(picker: Fixture.pickerEntries)
        _ = state.update(.key(.character("?")))
        let session = LessonSession(lesson: try Fixture.lesson("logistic.lesson"), seed: 1)
        #expect(state.update(.lessonLoaded(session, startAt: 2)).isEmpty)
        #expect(state.screen == .lesson && !state.showingHelp)
        #expect(state.lesson?.session.step == 2)
        let direct = try Fixture.state("logistic.lesson", step: 2)
        #expect(state.view(width: 120, height: 40) == direct.view(width: 120, height: 40))
    }
}

@Suite struct RobustnessTests {
    @Test func resizeRelaysOutAtEverySize() throws {
        var state = try Fixture.state("04-two-layer-backprop.lesson", step: 3)
        for (w, h) in [(80, 24), (79, 24), (80, 23), (0, 0), (1, 1), (10, 3), (120, 40), (250, 70), (300, 100), (81, 25)] {
            _ = state.update(.resize(width: w, height: h))
            let buffer = state.view(width: w, height: h)
            #expect(buffer.width == max(0, w) && buffer.height == max(0, h))
            if w < 80 || h < 24, w >= 40, h >= 3 { #expect(buffer.text.contains("too small")) }
        }
        #expect(state.width == 81)
    }

    @Test(arguments: [false, true])
    func asciiModeHasOnlyAscii(presentation: Bool) throws {
        for file in ["logistic.lesson", "04-two-layer-backprop.lesson", "02-xor.lesson", "01-perceptron.lesson"] {
            let lesson = try Fixture.lesson(file)
            for step in [0, lesson.steps.count / 2, lesson.steps.count - 1] {
                let state = AppState(session: LessonSession(lesson: lesson, seed: 1), startAt: step, presentation: presentation)
                for (w, h) in [(80, 24), (120, 40), (60, 10)] {
                    let buffer = state.view(width: w, height: h, options: ViewOptions(unicode: false, color: true))
                    let bad = buffer.cells.filter { !$0.text.utf8.allSatisfy { $0 < 128 } }
                    #expect(bad.isEmpty, "\(file) step \(step) \(w)x\(h): \(bad.prefix(5).map(\.text))")
                }
            }
        }
    }

    @Test func colourIsNeverTheOnlyCarrier() throws {
        var state = try Fixture.state("logistic.lesson", step: 2)
        _ = state.update(.key(.up))
        let plain = state.view(width: 120, height: 40, options: ViewOptions(unicode: true, color: false))
        #expect(plain.cells.allSatisfy { $0.foreground == .standard && $0.background == .standard })
        let text = plain.text
        #expect(text.contains(">*"))           // selected and changed, by glyph
        let row = plain.lines.firstIndex { $0.contains(">*") }!
        let x = plain.lines[row].distance(from: plain.lines[row].startIndex, to: plain.lines[row].range(of: ">*")!.lowerBound)
        #expect(plain[x, row].style.contains(.reverse))
        #expect(plain[x, row].style.contains(.bold))
        _ = state.update(.commandEntered("0.1"))
        #expect(state.view(width: 120, height: 40, options: ViewOptions(color: false)).text.contains("✗"))
    }

    @Test func networkDiagramShowsSignsByGlyph() throws {
        let state = try Fixture.state("04-two-layer-backprop.lesson", step: 3)
        let text = state.view(width: 120, height: 40, options: ViewOptions(unicode: false, color: false)).text
        #expect(text.contains("Network"))
        #expect(text.contains("+0.") || text.contains("+1"))
        #expect(text.contains("-0."))
    }

    @Test func bigNetworksAreSummarised() throws {
        var session = LessonSession(lesson: try Fixture.lesson("logistic.lesson"), seed: 1)
        _ = session.nextStep()
        var state = AppState(session: session)
        _ = state.update(.commandEntered("net 64-32-10 act=relu,softmax"))
        let text = state.view(width: 120, height: 40).text
        #expect(text.contains("W1 32×64"))
    }

    @Test func theViewOnlyDrawsWhatUpdatePrepared() throws {
        // The busiest screen (XOR trained, its decision regions): what `update` prepared is
        // what preparing afresh gives, and drawing it twice gives the same frame.
        var state = try Fixture.state("02-xor.lesson", step: 8)
        _ = state.update(.resize(width: 250, height: 70))
        let display = try #require(state.lesson?.display)
        let regions = try #require(display.decision, "step 9 of 02-xor trains a 2-2-1 net on XOR")
        var fresh = state
        fresh.prepareDisplay()
        #expect(fresh.lesson?.display.decision?.classes == regions.classes)
        #expect(fresh.lesson?.display.changedNames == display.changedNames)
        #expect(fresh.lesson?.display.formula == display.formula)
        // The grids are the ones the plot needs at this size, unicode and ASCII, and hold
        // exactly what the network predicts there.
        let interpreter = try #require(state.lesson?.session.interpreter)
        let nodes = try #require(display.nodes)
        let network = nodes.read(from: interpreter.graph)
        let data = try #require(interpreter.session.data)
        let box = try #require(DecisionGrid.box(for: data))
        #expect(regions.classes.count == 2)
        for (size, classes) in regions.classes {
            let grid = try DecisionGrid.compute(network, x1: box.x1, x2: box.x2, columns: size.columns, rows: size.rows,
                                                rule: ClassificationRule.infer(for: data, outputs: 1))
            let expected = (0..<size.rows).flatMap { r in
                (0..<size.columns).map { c in grid.predictedClass(row: r, column: c) ?? (grid.value(row: r, column: c) >= 0.5 ? 1 : 0) }
            }
            #expect(classes == expected, "\(size)")
            #expect(Set(classes) == [0, 1])                         // XOR has both classes
        }
        let frame = state.view(width: 250, height: 70)
        #expect(frame.text.contains("Decision regions"))
        #expect(frame == state.view(width: 250, height: 70))
        #expect(state.view(width: 250, height: 70, options: ViewOptions(unicode: false)).text.contains(". region 1"))
    }
}
