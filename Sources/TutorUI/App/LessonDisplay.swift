import BackpropCore
import TermCore
import TutorScript

/// What the lesson screen shows that takes engine work to find (a whole-graph
/// diff, explanations, a network evaluated over a grid, the perceptron's margin).
/// `update` prepares it whenever the lesson may have changed; `view` only draws it.
struct LessonDisplay: Sendable {
    /// Every bound quantity, as `show` would give it (the notation's labels).
    var quantities: [ShownQuantity] = []
    /// The names changed (or new) since the step began.
    var changedNames: [String] = []
    /// The `names` rows, for the graph pane (drawn when there is no network).
    var bindings: [BindingSummary] = []
    /// The lesson's network, while the graph still holds it.
    var nodes: NetworkNodes?
    /// The decision regions of a 2-input network on 2-input data, once it can be shown.
    var decision: DecisionRegions?
    /// The perceptron's bound, when the lesson ran one.
    var perceptron: PerceptronReport?
    /// The narration wrapped for the screen's size (`AppState.narrationLines`).
    var narration: (width: Int, presentation: Bool, lines: [(String, Bool)])?
    /// Whether `r` has something to train (`Interpreter.trainingRefusal`): the key help
    /// offers it only then.
    var canTrain = false
    /// The explanation of the selected quantity, as `explain` prints it, while the
    /// formula pane shows.
    var formula: Formula?

    struct Formula: Sendable, Equatable {
        var name: String
        var gradient: Bool
        var lines: [String]
    }
}

/// A 2-input network's output class over the data's box, evaluated by `update` on
/// the grids the decision plot needs at the screen's size (`DecisionPlot.resolution`).
struct DecisionRegions: Sendable {
    var data: Dataset
    var outputs: Int
    var rule: ClassificationRule?
    var box: (x1: ClosedRange<Double>, x2: ClosedRange<Double>)?
    /// The predicted class at each point, row-major from the top, by grid size.
    var classes: [DecisionPlot.Resolution: [Int]] = [:]

    init(outputs: Int, data: Dataset) {
        self.data = data
        self.outputs = outputs
        rule = ClassificationRule.infer(for: data, outputs: outputs)
        box = DecisionGrid.box(for: data)
    }

    /// Evaluates `network` on a grid of each size.
    mutating func evaluate(_ network: Network, at sizes: [DecisionPlot.Resolution]) {
        guard let box else { return }
        for size in Set(sizes) where classes[size] == nil {
            guard let grid = try? DecisionGrid.compute(network, x1: box.x1, x2: box.x2, columns: size.columns,
                                                       rows: size.rows, rule: rule) else { continue }
            var cells = [Int](repeating: 0, count: size.columns * size.rows)
            for r in 0..<size.rows {
                for col in 0..<size.columns {
                    cells[r * size.columns + col] = grid.predictedClass(row: r, column: col)
                        ?? (grid.value(row: r, column: col) >= 0.5 ? 1 : 0)
                }
            }
            classes[size] = cells
        }
    }

    /// The classes at `size` looked up in the finest grid evaluated (nearest point), for a
    /// screen of a size `update` was not told about (the app always tells it; tests may not).
    func resampled(to size: DecisionPlot.Resolution) -> [Int]? {
        guard let (from, cells) = classes.max(by: { $0.key.columns * $0.key.rows < $1.key.columns * $1.key.rows })
        else { return nil }
        var out = [Int](repeating: 0, count: size.columns * size.rows)
        for r in 0..<size.rows {
            for col in 0..<size.columns {
                let fr = min(from.rows - 1, (r * (from.rows - 1) * 2 + (size.rows - 1)) / max(1, 2 * (size.rows - 1)))
                let fc = min(from.columns - 1, (col * (from.columns - 1) * 2 + (size.columns - 1)) / max(1, 2 * (size.columns - 1)))
                out[r * size.columns + col] = cells[fr * from.columns + fc]
            }
        }
        return out
    }
}

extension AppState {
    /// Prepares what the lesson screen draws, after `message` was applied. Typing in the
    /// command bar changes nothing it shows; a training tick does (the weights reached
    /// are in the graph after each), unless no run was going.
    mutating func prepareDisplay(after message: Message, wasTraining: Bool) {
        switch message {
        case .commandLineChanged:
            return
        case .tick where !wasTraining:
            return
        default:
            prepareDisplay()
        }
    }

    /// Selects a quantity (as the arrow keys do, by name).
    mutating func select(_ name: String) {
        lesson?.selected = name
        prepareDisplay()
    }

    /// Prepares what the lesson screen draws from the state as it is now.
    mutating func prepareDisplay() {
        guard var state = lesson else { return }
        let interpreter = state.session.interpreter
        var d = LessonDisplay()
        d.quantities = state.quantities
        d.changedNames = state.changedNames
        d.nodes = interpreter.session.network.flatMap { $0.isCurrent(in: interpreter.graph) ? $0 : nil }
        if d.nodes == nil { d.bindings = interpreter.bindingSummaries }
        d.perceptron = interpreter.session.perceptron.map(PerceptronReport.report(for:))
        // (Not while a question is open: r would change the numbers it asks about.)
        d.canTrain = state.trainingInProgress != nil || (interpreter.trainingRefusal == nil && state.session.pending == nil)
        if let nodes = d.nodes, let data = interpreter.session.data, data.inputWidth == 2, nodes.spec.inputSize == 2,
           interpreter.session.training != nil || state.record.plot == .decision {
            d.decision = DecisionRegions(outputs: nodes.spec.outputSize, data: data)
        }
        let narrationWidth = self.narrationWidth(width)
        d.narration = (narrationWidth, presentation,
                       NarrationView.lines(narration: state.record.narration, question: state.session.pending,
                                           width: narrationWidth, presentation: presentation))
        state.display = d
        if state.pane == .formula { d.formula = state.formula(shown: state.visibleQuantities(presentation: presentation)) }
        // The grids for the plot's area (unicode and ASCII) at the screen's size.
        if let nodes = d.nodes, d.decision != nil, var area = lessonLayout(state, width: width, height: height).plot {
            if let halves = LessonLayout.sideBySide(area) { area = halves.decision }
            let sizes = [true, false].compactMap { DecisionPlot.resolution(area: area, unicode: $0) }
            d.decision?.evaluate(nodes.read(from: interpreter.graph), at: sizes)
        }
        state.display = d
        lesson = state
    }
}

extension LessonState {
    /// The explanation of the selected quantity when it is among those shown.
    func formula(shown: [ShownQuantity]) -> LessonDisplay.Formula? {
        guard let name = selected, let q = shown.first(where: { $0.name == name }) else { return nil }
        let gradient = explainsGradient(q)
        return LessonDisplay.Formula(name: name, gradient: gradient, lines: explanation(for: name, gradient: gradient))
    }
}
