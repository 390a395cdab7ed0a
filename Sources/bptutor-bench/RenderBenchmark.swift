import ScriptSyntax
import TutorScript
import TutorUI

/// Times full frames of a lesson screen.
enum RenderBenchmark {
    /// Milliseconds per full frame (the mean over `iterations`) of `lesson` at
    /// `step`, drawn at `width`×`height`. The step is reached and the screen's size
    /// set (as the terminal does before the first frame) once, untimed.
    static func busiestFrame(lesson: Lesson, step: Int, width: Int = 250, height: Int = 70,
                             iterations: Int = 200, options: ViewOptions = ViewOptions()) -> Double {
        var state = AppState(session: LessonSession(lesson: lesson, seed: 1), startAt: step)
        _ = state.update(.resize(width: width, height: height))
        while state.lesson?.trainingRunning == true { _ = state.update(.tick) }   // the step's train, to its end
        var sink = 0
        _ = state.view(width: width, height: height, options: options)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            for _ in 0..<max(1, iterations) {
                let buffer = state.view(width: width, height: height, options: options)
                sink &+= buffer.cells.count
            }
        }
        precondition(sink > 0)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds * 1000 / Double(max(1, iterations))
    }

    /// Milliseconds per training tick while a run goes, live, at `width`×`height`: the
    /// tick's `update` (a slice of the run, the weights into the graph, the display and
    /// the decision regions prepared) and the frame drawn after it, each the mean over
    /// the run's first `ticks` ticks at the default pace.
    static func liveTrainingTick(lesson: Lesson, step: Int, width: Int = 250, height: Int = 70,
                                 ticks: Int = 40) -> (update: Double, frame: Double) {
        var state = AppState(session: LessonSession(lesson: lesson, seed: 1), startAt: step)
        _ = state.update(.resize(width: width, height: height))
        while state.lesson?.session.pending != nil { _ = state.update(.commandEntered("skip")) }
        while state.lesson?.trainingRunning == true { _ = state.update(.tick) }
        _ = state.update(.key(.character("r")))
        let clock = ContinuousClock()
        var update = Duration.zero, frame = Duration.zero, sink = 0, done = 0
        while done < ticks, state.lesson?.trainingRunning == true {
            update += clock.measure { _ = state.update(.tick) }
            frame += clock.measure { sink &+= state.view(width: width, height: height).cells.count }
            done += 1
        }
        precondition(sink > 0 && done > 0)
        func ms(_ d: Duration) -> Double {
            (Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) * 1000 / Double(done)
        }
        return (ms(update), ms(frame))
    }

    /// The same from a lesson's text (the bench reads the file).
    static func busiestFrame(source text: String, path: String, step: Int, width: Int = 250, height: Int = 70,
                                    iterations: Int = 200) -> Double? {
        guard case .success(let lesson) = Lesson.parse(SourceFile(name: path, text: text), path: path) else { return nil }
        return busiestFrame(lesson: lesson, step: step, width: width, height: height, iterations: iterations)
    }
}
