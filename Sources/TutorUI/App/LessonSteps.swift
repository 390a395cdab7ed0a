import BackpropCore
import ScriptSyntax
import TutorScript

/// Moving through a lesson's steps, and recording what each step said and did.
extension LessonState {
    var step: Int { session.step }
    var stepCount: Int { session.stepCount }

    /// Starts the next step (a pending question is skipped by the session).
    mutating func next() {
        guard session.step + 1 < session.stepCount else { return }
        pauseTraining()
        beginStep(session.nextStep())
    }

    /// Back to the start of the previous step, run again from the state it began with.
    mutating func back() {
        guard session.step >= 1 else { return }
        pauseTraining()
        beginStep(session.back())
    }

    /// Runs (or re-runs) steps until `target` is the current one (the session walks them).
    mutating func goTo(step target: Int) {
        guard session.stepCount > 0, session.clampedStep(target) != session.step else { return }
        pauseTraining()
        if let events = session.goTo(step: target) { beginStep(events) }
    }

    private mutating func beginStep(_ events: [LessonRunner.Event]) {
        record = StepRecord()
        message = nil
        pane = .formula
        paneScroll = 0
        revealed = 0
        explainGradient = nil
        absorb(events)
        let results = record.results
        if !results.isEmpty { pane = .output(title: "Output", lines: results) }
        selected = changedNames.last
    }

    /// Adds a step's events to its record. A step that now waits for its training run
    /// has the ticks advance it.
    mutating func absorb(_ events: [LessonRunner.Event]) {
        if session.waitsForTraining, trainingInProgress != nil { trainingRunning = true }
        let text = TextOutput(settings: session.interpreter.settings, interactive: false)
        for event in events {
            switch event {
            case .stepStarted, .quantities:
                break
            case .error(let d):
                record.results += DiagnosticRenderer.render(d, in: session.lesson.source).split(separator: "\n").map(String.init)
            case .output(let output):
                note(output)
                switch output {
                case .narration(let s):
                    record.narration.append(s)
                case .exercise, .lessonTitle, .stepBoundary:
                    break
                default:
                    if let s = text.render(output) {
                        record.results += s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                        if record.results.last == "" { record.results.removeLast() }
                    }
                }
            }
        }
    }

    /// The phase an output reveals, and the plot it calls for.
    mutating func note(_ output: Output) {
        switch output {
        case .assigned: record.phase = .forward
        case .backwardDone: record.phase = .backward
        case .training, .step, .perceptron, .perceptronVisit: record.phase = .update
        default: break
        }
        switch output {
        case .training, .losses: record.plot = .loss
        case .grid: record.plot = .decision
        case .plot(let curves): record.plot = .curves(curves)
        case .perceptron(let report): record.plot = .perceptron(report)
        case .perceptronVisit, .perceptronReset: record.plot = .perceptronStepping
        default: break
        }
    }

    /// Every bound quantity, as `show` would give it (the notation's labels), computed
    /// now: for `update`; the view reads what `AppState.prepareDisplay` kept.
    var quantities: [ShownQuantity] {
        session.interpreter.changedQuantities(since: Graph())
    }

    /// The names changed (or new) since the step began, computed now (as `quantities`).
    var changedNames: [String] {
        session.interpreter.changedQuantities(since: session.stepStartGraph).map(\.name)
    }

    /// The quantities the table lists (as last prepared): all of them, or in presentation
    /// mode the step's revealed ones.
    func visibleQuantities(presentation: Bool) -> [ShownQuantity] {
        let all = display.quantities
        guard presentation else { return all }
        let order = Dictionary(uniqueKeysWithValues: display.changedNames.enumerated().map { ($1, $0) })
        return all.filter { (order[$0.name] ?? Int.max) < revealed }
    }

    /// Whether the formula pane explains the gradient of the selected quantity.
    func explainsGradient(_ q: ShownQuantity) -> Bool {
        guard q.gradient != nil else { return false }
        return explainGradient ?? (record.phase == .backward || record.phase == .update)
    }

    /// The explanation of the selected quantity, as `explain` prints it.
    func explanation(for name: String, gradient: Bool) -> [String] {
        let interpreter = session.interpreter
        guard let id = interpreter.graph.bindings[name] else { return ["unknown name '\(name)'"] }
        do {
            let e = try interpreter.explanation(of: id, gradient: gradient)
            let text = TextOutput(settings: interpreter.settings, interactive: true)
                .render(.explanation(name: name, gradient: gradient, e)) ?? ""
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines
        } catch {
            return [error.description]
        }
    }
}
