import BackpropCore
import ScriptSyntax

/// The last training run as a front end drives it in slices (the full-screen tutor: a
/// slice per tick, `r` to pause and go on, Ctrl-C to stop). The run is the session's
/// `training`; while it goes on the graph keeps the weights it started from, and they are
/// written there when it pauses or ends (one recompute, as `train` does at its end).
extension Interpreter {
    /// The last run while it can go on: it belongs to the graph and has not ended.
    public var trainingInProgress: TrainingJob? {
        guard session.trainingIsCurrent, let run = session.training, !run.isFinished else { return nil }
        return run
    }

    /// `r`: the run to go on with. The one in progress; an ended one again from the weights
    /// it started from; after anything else changed the weights (or with no run yet), a new
    /// run from the graph's weights with the last run's options (or `defaults`).
    public mutating func resumeTraining(defaults: TrainingOptions) throws(TrainingRunRefusal) -> TrainingJob {
        if let run = trainingInProgress { return run }
        let run: TrainingJob
        if session.trainingIsCurrent, let ended = session.training {
            run = ended.restarted()
        } else {
            if let refusal = trainingRefusal { throw refusal }
            guard let nodes = session.network, let data = session.data else { throw TrainingRunRefusal(ScriptMessage.noNetwork) }
            do {
                run = try TrainingJob(network: nodes.read(from: graph), data: data,
                                      options: session.training?.options ?? defaults)
            } catch {
                throw TrainingRunRefusal(error.scriptMessage)
            }
        }
        session.training = run
        session.trainingIsCurrent = true
        return run
    }

    /// Why `r` has nothing to train now (no network or data, names rebound, or a step or
    /// sign output unit, through which no gradient flows); nil when it can train, or go
    /// on with or repeat a run. The screen offers `r` only then.
    public var trainingRefusal: TrainingRunRefusal? {
        if session.trainingIsCurrent, session.training != nil { return nil }
        guard let nodes = session.network else { return TrainingRunRefusal(ScriptMessage.noNetwork) }
        guard nodes.isCurrent(in: graph) else { return TrainingRunRefusal(ScriptMessage.networkRebound) }
        guard session.data != nil else { return TrainingRunRefusal(ScriptMessage.noData(example: "xor")) }
        if let output = nodes.spec.activations.last, output.elementwise?.isFlat == true {
            return TrainingRunRefusal(ScriptMessage.flatActivations(output.rawValue))
        }
        return nil
    }

    /// Advances the run in progress by about `budget` samples (`TrainingJob.advance`).
    /// When it ends, its weights go into the graph and its report (as `train` prints it) is returned.
    public mutating func advanceTraining(budget: Int) -> Output? {
        guard var run = trainingInProgress else { return nil }
        run.advance(budget: budget)
        session.training = run
        return run.isFinished ? ended(run) : nil
    }

    /// Writes the weights the run in progress reached into the graph; it can go on from there.
    public mutating func pauseTraining() {
        guard let run = trainingInProgress else { return }
        setNetworkWeights(run.network)
    }

    /// The last run (in progress or ended) put back where it began: its starting weights
    /// in the graph, no epochs done, an empty curve. Nil when there is no run to put back
    /// (none yet, or the graph changed since).
    public mutating func rewindTraining() -> TrainingJob? {
        guard session.trainingIsCurrent, let run = session.training else { return nil }
        let fresh = run.restarted()
        guard setNetworkWeights(fresh.start) else { return nil }
        session.training = fresh
        return fresh
    }

    /// Runs the run in progress to its end at once; its report.
    public mutating func finishTraining() -> Output? {
        guard var run = trainingInProgress else { return nil }
        run.run()
        return ended(run)
    }

    /// Ctrl-C: ends the run in progress here, keeping the weights reached; its report.
    public mutating func stopTraining() -> Output? {
        guard var run = trainingInProgress else { return nil }
        run.cancel()
        return ended(run)
    }
}

/// Why `r` has nothing to train: the problem `train` would report, for the status line.
public struct TrainingRunRefusal: Error, Sendable, CustomStringConvertible {
    let reason: any DiagnosticMessage

    init(_ reason: any DiagnosticMessage) {
        self.reason = reason
    }

    public var description: String { reason.message }
}
