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

    /// Where the lesson screen's panes go at this size (`update` asks too, for the plot's size).
    func lessonLayout(_ state: LessonState, width: Int, height: Int) -> LessonLayout {
        let narrationLines = narrationLines(state, width: width).count
        return LessonLayout.compute(width: width, height: height, presentation: presentation,
                                    narrationLines: narrationLines, hasDiagram: true, hasPlot: plotKind(state) != nil,
                                    commandOpen: commandBar.isOpen)
    }

    /// The narration pane's inner width at a screen `width`.
    func narrationWidth(_ width: Int) -> Int {
        presentation ? width - 2 : (width >= 160 ? width * 3 / 10 : width >= 120 ? width * 2 / 5 : width / 2) - 2
    }

    /// The narration wrapped for a screen `width`: as `update` prepared it for the screen's
    /// size (wrapping is most of a frame's work), else wrapped now.
    func narrationLines(_ state: LessonState, width: Int) -> [(String, Bool)] {
        let inner = narrationWidth(width)
        if let prepared = state.display.narration, prepared.width == inner, prepared.presentation == presentation {
            return prepared.lines
        }
        return NarrationView.lines(narration: state.record.narration, question: state.session.pending,
                                   width: inner, presentation: presentation)
    }

    private func renderLesson(_ state: LessonState, into c: inout Canvas) {
        let session = state.session
        let display = state.display
        let layout = lessonLayout(state, width: c.width, height: c.height)
        let label = session.currentLabel ?? ""
        let phase = state.trainingRunning ? Phase.update : state.record.phase
        let trainingNote = state.trainingInProgress.map { run in
            (state.trainingRunning ? "training " : "paused ") + "\(run.epochsDone)/\(run.options.epochs)"
                + (state.pace.label.isEmpty ? "" : " " + state.pace.label)
        }
        StatusLine.render(into: &c, area: layout.status, lesson: session.lesson.title, step: session.step + 1,
                          steps: session.stepCount, label: label, phase: phase, training: trainingNote,
                          presentation: presentation)
        NarrationView.render(into: &c, area: layout.narration, title: label.isEmpty ? "Narration" : label,
                             lines: narrationLines(state, width: c.width), question: session.pending)

        let changedList = display.changedNames
        let changed = Set(changedList)
        let shown = state.visibleQuantities(presentation: presentation)
        let title = presentation ? "Quantities (\(min(state.revealed, changedList.count))/\(changedList.count) shown)"
                                 : "Quantities"
        QuantityTable.render(into: &c, area: layout.quantities, quantities: shown, changed: changed,
                             selected: state.selected, digits: session.interpreter.settings.digits, title: title)

        if let area = layout.diagram {
            if let nodes = display.nodes {
                NetworkDiagram.render(into: &c, area: area, nodes: nodes, graph: session.interpreter.graph,
                                      selected: state.selected)
            } else {
                GraphView.render(into: &c, area: area, bindings: display.bindings, selected: state.selected,
                                 changed: changed)
            }
        }
        if let area = layout.plot, let plot = plotKind(state) {
            switch plot {
            case let .loss(history, stride, live, regions?, regionsFirst, epochs):
                if let (lossArea, decisionArea) = LessonLayout.sideBySide(area) {
                    LossPlot.render(into: &c, area: lossArea, history: history, stride: stride, live: live, epochs: epochs)
                    DecisionPlot.render(into: &c, area: decisionArea, regions: regions)
                } else if regionsFirst {
                    DecisionPlot.render(into: &c, area: area, regions: regions)
                } else {
                    // Room for one: the curve the training narration is about.
                    LossPlot.render(into: &c, area: area, history: history, stride: stride, live: live, epochs: epochs)
                }
            case let .loss(history, stride, live, nil, _, epochs):
                LossPlot.render(into: &c, area: area, history: history, stride: stride, live: live, epochs: epochs)
            case .decision(let regions):
                DecisionPlot.render(into: &c, area: area, regions: regions)
            case .perceptron(let report):
                PerceptronPlot.render(into: &c, area: area, report: report)
            case .curves(let curves):
                CurvesPlot.render(into: &c, area: area, plot: curves)
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
            // Prepared by `update` for this selection (a state changed behind its back shows no lines).
            let formula = state.display.formula
            let lines = formula?.name == name && formula?.gradient == gradient ? formula?.lines ?? [] : []
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
        if state.display.canTrain {
            let goesOn = state.trainingInProgress.map { $0.epochsDone > 0 } ?? false
            keys.append(("r", state.trainingRunning ? "pause" : goesOn ? "go on" : "train"))
        }
        keys += [("?", "help"), ("q", "quit")]
        return keys
    }

    enum PlotKind {
        /// The loss curve, and the decision regions of a 2-input net beside it where there
        /// is room (else the one the step last called for: the regions after a `grid`).
        case loss([Double], stride: Int, live: Bool, regions: DecisionRegions?, regionsFirst: Bool = false,
                  epochs: Int? = nil)
        case decision(DecisionRegions)
        case perceptron(PerceptronReport)
        case curves(CurvePlot)
    }

    /// The plot that belongs to this step: the run's loss (with the decision regions of a
    /// 2-input net beside it) while one goes or is paused, else what the step's own
    /// results call for (`StepRecord.plot`). From what `update` prepared.
    private func plotKind(_ state: LessonState) -> PlotKind? {
        let display = state.display
        if let run = state.trainingInProgress, state.trainingRunning || run.lossHistory.count > 1 {
            return .loss(run.lossHistory, stride: run.options.historyStride, live: state.trainingRunning,
                         regions: display.decision, epochs: run.options.epochs)
        }
        switch state.record.plot {
        case .loss:
            guard let last = state.session.interpreter.session.training, last.lossHistory.count > 1 else { return nil }
            return .loss(last.lossHistory, stride: last.options.historyStride, live: false, regions: display.decision)
        case .decision:
            guard let regions = display.decision else { return nil }
            let interpreter = state.session.interpreter
            if interpreter.session.trainingIsCurrent, let last = interpreter.session.training, last.lossHistory.count > 1 {
                return .loss(last.lossHistory, stride: last.options.historyStride, live: false, regions: regions,
                             regionsFirst: true)
            }
            return .decision(regions)
        case .perceptron(let report): return .perceptron(report)
        case .perceptronStepping: return display.perceptron.map(PlotKind.perceptron)
        case .curves(let curves): return .curves(curves)
        case nil: return nil
        }
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
