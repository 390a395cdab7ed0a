import BackpropCore
import TutorScript
import TermCore

/// How the screen may be drawn: UTF-8 box drawing and braille or ASCII only;
/// colours or none (NO_COLOR, monochrome). Nothing relies on colour alone.
public struct ViewOptions: Sendable, Equatable {
    public var unicode: Bool
    public var color: Bool

    public init(unicode: Bool = true, color: Bool = true) {
        self.unicode = unicode
        self.color = color
    }
}

extension AppState {
    /// The screen for this state at this size: a pure function of the state.
    public func view(width: Int, height: Int, options: ViewOptions = ViewOptions()) -> ScreenBuffer {
        var c = Canvas(width: width, height: height, options: options)
        if blanked { return c.buffer }
        if width < TooSmallScreen.minimumWidth || height < TooSmallScreen.minimumHeight {
            TooSmallScreen.render(into: &c, width: width, height: height)
            return c.buffer
        }
        if showingHelp {
            HelpScreen.render(into: &c, area: Rect(x: 0, y: 0, width: width, height: height))
        } else if screen == .picker || lesson == nil {
            PickerView.render(into: &c, state: picker)
        } else if let lesson {
            renderLesson(lesson, into: &c)
        }
        if !options.unicode { c.asciiOnly() }
        return c.buffer
    }

    private func renderLesson(_ state: LessonState, into c: inout Canvas) {
        let session = state.session
        let interpreter = session.interpreter
        let nodes = interpreter.session.network.flatMap { $0.isCurrent(in: interpreter.graph) ? $0 : nil }
        let plot = plotKind(state, nodes: nodes)
        let narrationWidth = presentation ? c.width - 2 : (c.width >= 160 ? c.width * 3 / 10 : c.width >= 120 ? c.width * 2 / 5 : c.width / 2) - 2
        let narrationLines = NarrationView.lines(narration: state.record.narration, question: session.pending,
                                                 width: narrationWidth, presentation: presentation).count
        let layout = LessonLayout.compute(width: c.width, height: c.height, presentation: presentation,
                                          narrationLines: narrationLines, hasDiagram: true, hasPlot: plot != nil,
                                          commandOpen: commandBar.isOpen)
        let label = session.currentLabel ?? ""
        let phase = state.training?.running == true ? Phase.update : state.record.phase
        let trainingNote = state.training.map { run in
            (run.running ? "training " : "paused ") + "\(run.epochsDone)/\(run.target)"
        }
        StatusLine.render(into: &c, area: layout.status, lesson: session.lesson.title, step: session.step + 1,
                          steps: session.stepCount, label: label, phase: phase, training: trainingNote,
                          presentation: presentation)
        NarrationView.render(into: &c, area: layout.narration, title: label.isEmpty ? "Narration" : label,
                             narration: state.record.narration, question: session.pending, presentation: presentation)

        let changedList = state.changedNames
        let changed = Set(changedList)
        let shown = state.visibleQuantities(presentation: presentation, changed: changedList)
        let title = presentation ? "Quantities (\(min(state.revealed, changedList.count))/\(changedList.count) shown)"
                                 : "Quantities"
        QuantityTable.render(into: &c, area: layout.quantities, quantities: shown, changed: changed,
                             selected: state.selected, digits: interpreter.settings.digits, title: title)

        if let area = layout.diagram {
            if let nodes {
                NetworkDiagram.render(into: &c, area: area, nodes: nodes, graph: interpreter.graph, selected: state.selected)
            } else {
                GraphView.render(into: &c, area: area, bindings: bindings(interpreter), selected: state.selected,
                                 changed: changed)
            }
        }
        if let area = layout.plot, let plot {
            switch plot {
            case let .loss(history, stride, live):
                LossPlot.render(into: &c, area: area, history: history, stride: stride, live: live)
            case let .decision(network, data):
                DecisionPlot.render(into: &c, area: area, network: network, data: data)
            case .perceptron(let report):
                PerceptronPlot.render(into: &c, area: area, report: report)
            }
        }
        renderPane(state, shown: shown, into: &c, area: layout.formula)

        if commandBar.isOpen {
            CommandBar.render(into: &c, area: layout.message, state: commandBar)
        } else {
            MessageLine.render(into: &c, area: layout.message, message: state.message)
        }
        KeyHelp.render(into: &c, area: layout.keys, keys: keyHelp(state, unicode: c.unicode))
    }

    private func renderPane(_ state: LessonState, shown: [ShownQuantity], into c: inout Canvas, area: Rect) {
        switch state.pane {
        case let .output(title, lines):
            TextPane.render(into: &c, area: area, title: title, lines: lines, scroll: state.paneScroll)
        case .formula:
            guard let name = state.selected, let q = shown.first(where: { $0.name == name }) else {
                TextPane.render(into: &c, area: area, title: "Formula",
                                lines: [presentation ? "n reveals the next quantity" : "select a quantity (↑ ↓ Tab) to see its formula"],
                                scroll: 0)
                return
            }
            let gradient = state.explainsGradient(q)
            let lines = state.explanation(for: name, gradient: gradient)
            let title = "Formula: " + (gradient ? q.gradientLabel : q.label) + (q.gradient != nil ? "  (e: " + (gradient ? "value)" : "gradient)") : "")
            TextPane.render(into: &c, area: area, title: title, lines: lines, scroll: state.paneScroll, emphasizeFirst: false)
        }
    }

    private func keyHelp(_ state: LessonState, unicode: Bool) -> [(String, String)] {
        if presentation {
            return [("n", "next"), ("p", "back"), ("b", "blank"), ("m", "leave presenting"), ("?", "help"), ("q", "quit")]
        }
        var keys: [(String, String)] = [("n", "next"), ("p", "back"), (unicode ? "↑↓" : "up/dn", "select"), ("e", "explain")]
        if state.session.pending != nil { keys.insert((":", "answer"), at: 0) } else { keys.append((":", "command")) }
        if state.training != nil || state.session.interpreter.session.network != nil {
            keys.append(("r", state.training?.running == true ? "pause" : "train"))
        }
        keys += [("?", "help"), ("q", "quit")]
        return keys
    }

    enum PlotKind {
        case loss([Double], stride: Int, live: Bool)
        case decision(Network, Dataset)
        case perceptron(PerceptronReport)
    }

    /// The plot that helps now: the loss while training, then the decision
    /// regions of a 2-input net (or the loss), the perceptron's bound.
    private func plotKind(_ state: LessonState, nodes: NetworkNodes?) -> PlotKind? {
        let interpreter = state.session.interpreter
        if let run = state.training, run.running || run.losses.count > 1 {
            if !run.running, let nodes, let data = interpreter.session.data, data.inputWidth == 2, nodes.spec.inputSize == 2 {
                return .decision(nodes.read(from: interpreter.graph), data)
            }
            return .loss(run.losses, stride: 1, live: run.running)
        }
        if let p = interpreter.session.perceptron { return .perceptron(PerceptronReport.report(for: p)) }
        if let nodes, let data = interpreter.session.data, data.inputWidth == 2, nodes.spec.inputSize == 2,
           interpreter.session.lastTraining != nil {
            return .decision(nodes.read(from: interpreter.graph), data)
        }
        if let last = interpreter.session.lastTraining, last.lossHistory.count > 1 {
            return .loss(last.lossHistory, stride: last.historyStride, live: false)
        }
        return nil
    }

    private func bindings(_ interpreter: Interpreter) -> [BindingSummary] {
        interpreter.bindingSummaries
    }
}

extension Canvas {
    /// A last guard for ASCII mode: any cell that is still not ASCII becomes '?'.
    mutating func asciiOnly() {
        for y in 0..<height {
            for x in 0..<width {
                let cell = buffer[x, y]
                if !cell.text.isEmpty, !cell.text.utf8.allSatisfy({ $0 < 128 }) {
                    var fixed = cell
                    fixed.text = "?"
                    buffer[x, y] = fixed
                } else if cell.text.isEmpty {
                    var fixed = cell
                    fixed.text = " "
                    buffer[x, y] = fixed
                }
            }
        }
    }
}
