import BackpropCore
import TutorScript

/// `r`: training animated on ticks, a slice of epochs per tick so the keys stay live.
extension LessonState {
    /// Starts, pauses or resumes the animated run. Returns a message to show.
    mutating func toggleTraining() -> StatusMessage {
        if var run = training {
            run.running.toggle()
            training = run
            if !run.running {
                writeBack()
                return StatusMessage("training paused at epoch \(run.epochsDone): the weights reached are in the graph (r resumes)")
            }
            return StatusMessage("training resumed")
        }
        guard let nodes = session.interpreter.session.network, nodes.isCurrent(in: session.interpreter.graph) else {
            return StatusMessage("nothing to train: this step has no network ('net 2-2-1' defines one)", kind: .bad)
        }
        guard let data = session.interpreter.session.data else {
            return StatusMessage("nothing to train on: load a data set first ('data xor')", kind: .bad)
        }
        let network = nodes.read(from: session.interpreter.graph)
        do {
            let trainer = try BatchTrainer(network: network, data: data)
            let work = max(1, data.count * network.spec.parameterCount)
            let perTick = min(2000, max(1, 400_000 / work))
            let target = record.trainEpochs ?? 2000
            training = TrainingRun(trainer: trainer, eta: record.trainEta ?? 0.5, target: target, epochsPerTick: perTick)
            record.phase = .update
            return StatusMessage("training \(target) epochs, η = \(NumberFormat.roundTrip(record.trainEta ?? 0.5)) (r pauses)")
        } catch {
            return StatusMessage(error.description, kind: .bad)
        }
    }

    /// One tick: one slice of epochs. Returns true while the run goes on.
    mutating func trainSlice() -> Bool {
        guard var run = training, run.running else { return false }
        let epochs = min(run.epochsPerTick, run.target - run.epochsDone)
        guard epochs > 0 else { return false }
        do {
            let result = try run.trainer.train(TrainingOptions(epochs: epochs, eta: run.eta))
            let history = run.losses.isEmpty ? result.lossHistory[...] : result.lossHistory.dropFirst()
            run.losses += history
            run.epochsDone += result.epochs
            if case .diverged = result.stop { run.diverged = true }
        } catch {
            run.diverged = true
        }
        let done = run.epochsDone >= run.target || run.diverged
        if done { run.running = false }
        training = run
        if done {
            writeBack()
            let loss = run.losses.last.map { NumberFormat(digits: 4).format($0) } ?? "?"
            message = run.diverged
                ? StatusMessage("training diverged at epoch \(run.epochsDone): η is too large", kind: .bad)
                : StatusMessage("trained \(run.epochsDone) epochs: mean loss \(loss)", kind: .good)
        }
        return !done
    }

    /// Writes the trainer's weights into the graph (recomputing values and gradients once).
    mutating func writeBack() {
        guard let run = training else { return }
        session.interpreter.setNetworkWeights(run.trainer.network)
    }

    mutating func stopTraining() {
        if training?.running == true { writeBack() }
        training = nil
    }
}
