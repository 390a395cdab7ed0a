import BackpropCore
import TutorScript

/// The screen's side of training. The run is the interpreter's (`session.training`, the
/// one `losses` reads): a typed `train` starts it, `r` starts, pauses or goes on with it,
/// and each tick advances it by one slice at the pace `+` and `-` set, so the keys stay
/// live; the weights reached go into the graph on every tick, so the quantities, the
/// diagram and the decision regions follow the run. `.` trains one epoch, `0` puts the
/// run back where it began. Ctrl-C stops it.
extension LessonState {
    /// What `r` trains when the session has no run to go on with or repeat.
    static let defaultTraining = TrainingOptions(epochs: 2000, eta: 0.5)

    /// The interpreter's run that can go on (running on ticks or paused).
    var trainingInProgress: TrainingJob? { session.interpreter.trainingInProgress }

    /// `r`: pauses the run, or goes on with one (`Interpreter.resumeTraining`: the paused run,
    /// an ended one again from its start, or a new one). Returns a message to show.
    mutating func toggleTraining() -> StatusMessage {
        if trainingRunning {
            pauseTraining()
            let epoch = trainingInProgress?.epochsDone ?? 0
            return StatusMessage("training paused at epoch \(epoch): the weights reached are in the graph (r goes on)")
        }
        if trainingInProgress == nil, let refusal = session.interpreter.trainingRefusal {
            return StatusMessage(refusal.description, kind: .bad)
        }
        if let waiting = questionWaits { return waiting }
        do {
            let run = try session.interpreter.resumeTraining(defaults: Self.defaultTraining)
            trainingRunning = true
            record.phase = .update
            guard run.steps == 0 else { return StatusMessage("training resumed at epoch \(run.epochsDone)") }
            let message = Self.started(run)
            pane = .output(title: "Output: training", lines: [message.text])
            return message
        } catch {
            return StatusMessage(error.description, kind: .bad)
        }
    }

    /// The status line of a run that starts now.
    static func started(_ run: TrainingJob) -> StatusMessage {
        let o = run.options
        var text = "training \(o.epochs) epoch\(o.epochs == 1 ? "" : "s") (\(o.mode.rawValue)"
        if o.mode == .minibatch { text += ", batch \(o.batchSize)" }
        text += ", η = \(NumberFormat.roundTrip(o.eta))"
        if o.lambda != 0 { text += ", λ = \(NumberFormat.roundTrip(o.lambda))" }
        return StatusMessage(text + "): r pauses, Ctrl-C stops")
    }

    /// One tick: one slice of the run. Returns true while it (or the next run of its step) goes on.
    mutating func trainSlice() -> Bool {
        guard trainingRunning, let run = trainingInProgress else {
            trainingRunning = false
            return false
        }
        let budget = samplesPerTick
            ?? min(Self.slice(for: run), pace.epochsThisTick(ofRunOf: run.options.epochs) * max(1, run.data.count))
        guard budget > 0 else { return true }
        guard let report = session.interpreter.advanceTraining(budget: budget) else {
            session.interpreter.pauseTraining()
            return true
        }
        trainingRunning = false
        ended(report)
        return trainingRunning
    }

    /// `r` and `.` with a question open: training would change the numbers it asks about.
    private var questionWaits: StatusMessage? {
        session.pending.map { question in
            StatusMessage("answer \(question.id) first (: answers, reveal or skip): training now would change "
                          + "the numbers it asks about", kind: .bad)
        }
    }

    /// The first line of a run's report, as `train` prints it.
    private func firstLine(of report: Output) -> String? {
        TextOutput(settings: session.interpreter.settings, interactive: true).render(report)?
            .split(separator: "\n").first.map(String.init)
    }

    /// `+` / `-`: twice or half as fast. Returns a message to show.
    mutating func changePace(faster: Bool) -> StatusMessage {
        let changed = faster ? pace.faster() : pace.slower()
        let run = trainingInProgress ?? session.interpreter.session.training
        let perSecond = run.map { pace.epochsPerTick(ofRunOf: $0.options.epochs) * TrainingPace.ticksPerSecond }
        let rate = perSecond.map { rate in
            ": about " + (rate >= 10 ? String(Int(rate.rounded())) : NumberFormat(digits: 2).format(rate)) + " epochs a second"
        } ?? ""
        let paceText = pace.label.isEmpty ? "the default pace" : "pace \(pace.label)"
        guard changed else { return StatusMessage("already at the \(faster ? "fastest" : "slowest") pace\(rate)") }
        return StatusMessage("training at \(paceText)\(rate)")
    }

    /// `.`: one epoch of the run (started, or begun with `r`'s options, if there is none),
    /// then paused with its weights in the graph. Returns a message to show.
    mutating func trainOneEpoch() -> StatusMessage {
        pauseTraining()
        if let waiting = questionWaits { return waiting }
        do {
            let run = try session.interpreter.resumeTraining(defaults: Self.defaultTraining)
            if let report = session.interpreter.advanceTraining(budget: max(1, run.data.count)) {
                ended(report)
                return message ?? StatusMessage("training ended")
            }
            session.interpreter.pauseTraining()
            let now = trainingInProgress
            let loss = now?.lossHistory.last.map { ", mean loss \(NumberFormat(digits: 5).format($0))" } ?? ""
            let message = StatusMessage("epoch \(now?.epochsDone ?? 0)/\(run.options.epochs)\(loss) (. again, r goes on)")
            pane = .output(title: "Output: training", lines: [message.text])
            return message
        } catch {
            return StatusMessage(error.description, kind: .bad)
        }
    }

    /// `0`: the run (in progress or ended) back where it began: its starting weights in the
    /// graph, no epochs done, an empty curve; `r` runs it again.
    mutating func rewindTraining() -> StatusMessage {
        trainingRunning = false
        guard let run = session.interpreter.rewindTraining() else {
            return StatusMessage("no training run to put back (r starts one)")
        }
        record.phase = .update
        pane = .formula
        return StatusMessage("back to the weights the run began from, epoch 0 of \(run.options.epochs) (r trains)")
    }

    /// Samples per tick: about 400,000 weight-sample products, and at most 2000 epochs.
    static func slice(for run: TrainingJob) -> Int {
        let n = max(1, run.data.count)
        let work = n * max(1, run.network.spec.parameterCount)
        return min(2000, max(1, 400_000 / work)) * n
    }

    /// Stops the ticks, writing the weights reached into the graph (the run can go on with `r`).
    mutating func pauseTraining() {
        guard trainingRunning else { return }
        session.interpreter.pauseTraining()
        trainingRunning = false
    }

    /// Ctrl-C while the ticks run: the run ends here with its weights kept, and its report shows.
    mutating func interruptTraining() {
        trainingRunning = false
        if let report = session.interpreter.stopTraining() { ended(report) }
    }

    /// `n` while the step waits for its run: the run goes to its end at once, and the step on.
    mutating func finishStepTraining() {
        trainingRunning = false
        // Every run the step has left (05's "Batch against SGD" has five), to the step's end.
        for _ in 0..<1000 where session.waitsForTraining {
            if let report = session.interpreter.finishTraining() {
                ended(report)
            } else {
                absorb(session.resumeAfterTraining())
            }
            trainingRunning = false
        }
    }

    /// A run has ended. The step's own run: its report joins the step's output, as if it had
    /// run at once, and the step goes on. Another: its report shows by itself.
    private mutating func ended(_ report: Output) {
        guard session.waitsForTraining else { return show(report: report) }
        let stopped = if case .training(let t) = report { t.result.stop == .cancelled } else { false }
        absorb([.output(report)] + session.resumeAfterTraining())
        pane = .output(title: "Output", lines: record.results)
        paneScroll = 0
        let reportLine = firstLine(of: report)
        if let next = trainingInProgress, next.steps == 0, session.waitsForTraining {
            // The step's next run starts: say which (05 runs batch, minibatch and sgd in turn).
            message = StatusMessage((stopped ? "stopped; " : "") + Self.started(next).text)
        } else if stopped {
            message = StatusMessage("training stopped: the weights reached are kept")
        } else if let reportLine {
            message = StatusMessage(reportLine, kind: .good)
        }
        if selected.map({ name in !quantities.contains { $0.name == name } }) ?? true { selected = changedNames.last }
    }

    /// An ended run's report (as `train` prints it) in the output pane; its first line below.
    private mutating func show(report: Output) {
        note(report)
        let lines = TextOutput(settings: session.interpreter.settings, interactive: true).render(report)
            .map { $0.split(separator: "\n").map(String.init) } ?? []
        let kind: StatusMessage.Kind = switch report {
        case .training(let t) where t.result.stop == .completed: .good
        case .training(let t) where t.result.stop == .cancelled: .info
        default: .bad
        }
        message = StatusMessage(lines.first ?? "training ended", kind: kind)
        pane = .output(title: "Output: training", lines: lines)
        paneScroll = 0
    }
}
