import BackpropCore

/// A quantity as `show` reports it.
public struct ShownQuantity: Sendable, Equatable {
    /// The name in the language (JSON uses it).
    public var name: String
    public var value: Tensor
    /// nil before any backward that reaches it.
    public var gradient: Tensor?
    /// How the current notation writes it and its error signal (z⁽²⁾, δ⁽²⁾).
    public var label: String
    public var gradientLabel: String
}

/// One row of `names`.
public struct BindingSummary: Sendable, Equatable {
    public var name: String
    public var shape: Shape
    public var isLeaf: Bool
    /// How it was defined (`w · x + b`), nil for a leaf.
    public var definition: String?
}

/// A gradient check as reported, with leaf names resolved.
public struct GradCheckReport: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public var leaf: String
        /// 1-based (row, column).
        public var row: Int
        public var column: Int
        public var backprop: Double
        public var numeric: Double
        public var relativeError: Double
        public var absoluteError: Double
        /// Within GradCheck's relative or absolute tolerance.
        public var agrees: Bool
    }

    public var root: String
    public var step: Double
    public var entries: [Entry]
    public var maxRelativeError: Double { entries.map(\.relativeError).max() ?? 0 }
    public var maxAbsoluteError: Double { entries.map(\.absoluteError).max() ?? 0 }
    public var passed: Bool { entries.allSatisfy(\.agrees) }
}

/// One setting as `set` lists it.
public struct Setting: Sendable, Equatable {
    public var key: String
    public var value: String
}

/// What a statement produces. Results (show, explain, values, …) are printed
/// by `eval` and the REPL and carried in JSON; acknowledgements (assignments,
/// backward, set) only speak in the interactive REPL, so scripts stay quiet.
public enum Output: Sendable, Equatable {
    // Results.
    case value(Tensor)
    case show([ShownQuantity])
    case explanation(name: String, gradient: Bool, Explanation)
    case gradCheck(GradCheckReport)
    case names([BindingSummary])
    case settings([Setting])
    case help(String)
    case network(NetworkSummary)
    case dataset(DatasetSummary)
    case training(TrainingSummary)
    case step(StepReport)
    case perceptron(PerceptronReport)
    case perceptronVisit(Perceptron.Visit, converged: Bool)
    case predictions(PredictionTable)
    case accuracy(AccuracyReport)
    case grid(GridPicture)
    case losses(history: [Double], stride: Int)
    case plot(CurvePlot)
    case notations(current: String, available: [String])
    case lessonTitle(String)
    case narration(String)
    case stepBoundary(String)
    case exercise(Exercise)

    // Acknowledgements.
    case assigned(name: String, value: Tensor, isLeaf: Bool, recomputed: Int, note: String?)
    case backwardDone(root: String, reached: Int)
    case settingChanged(key: String, value: String)
    case sessionReset
    case sampleSelected(index: Int, input: Tensor, target: Tensor)
    case perceptronReset(dataset: String)
    case notationChanged(String)

    public var isAcknowledgement: Bool {
        switch self {
        case .assigned, .backwardDone, .settingChanged, .sessionReset, .sampleSelected, .perceptronReset,
             .notationChanged: true
        case .value, .show, .explanation, .gradCheck, .names, .settings, .help, .network, .dataset, .training, .step,
             .perceptron, .perceptronVisit, .predictions, .accuracy, .grid, .losses, .plot, .notations, .lessonTitle,
             .narration, .stepBoundary, .exercise: false
        }
    }
}
