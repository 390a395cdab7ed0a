import BackpropCore

/// What the network commands remember between statements: the current
/// network's nodes in the graph, the data set, the perceptron being stepped
/// through, and the last training run (for its loss history, and for the screen
/// to go on with).
public struct NetworkSession: Sendable {
    public var network: NetworkNodes?
    public var data: Dataset?
    public var perceptron: Perceptron?
    /// The last training run: ended, or (in the full-screen tutor) one that goes on
    /// a slice per tick or is paused. `losses` shows its curve.
    public var training: TrainingJob?
    /// Whether `training` still belongs to the graph: the weights there are the ones it
    /// reached (or, while it runs in slices, will be written there). Any assignment,
    /// `step`, `sample`, `data`, `reset` or another network ends that; the run's curve stays.
    public var trainingIsCurrent = false
    /// The sample (0-based) that x and t hold, if one was put there.
    public var currentSample: Int?

    public init() {}
}

/// How the interpreter reaches the world around it: cancellation (Ctrl-C),
/// progress while training, and where relative data paths start.
public struct InterpreterHooks: Sendable {
    /// Polled during long runs (training, the perceptron); true stops them, keeping what was reached.
    public var shouldCancel: @Sendable () -> Bool = { false }
    /// Called now and then while training (a terminal shows a progress line).
    public var progress: (@Sendable (TrainingProgress) -> Void)?
    /// `train` starts its run and returns without output; the front end advances it
    /// (`Interpreter.advanceTraining`, the full-screen tutor: a slice per tick).
    public var trainsInSlices = false
    /// The directory relative data paths are read from (the lesson's folder); nil: the current directory.
    public var baseDirectory: String?
    /// A lesson reads only data files in its own folder (no absolute paths, no '..').
    public var confineDataToBaseDirectory = false

    public init() {}
}
