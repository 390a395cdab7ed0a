import BackpropCore

/// What the network commands remember between statements: the current
/// network's nodes in the graph, the data set, the perceptron being stepped
/// through, and the last training run (for its loss history).
public struct NetworkSession: Sendable {
    public var network: NetworkNodes?
    public var data: Dataset?
    public var perceptron: Perceptron?
    public var lastTraining: TrainingResult?
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
    /// The directory relative data paths are read from (the lesson's folder); nil: the current directory.
    public var baseDirectory: String?
    /// A lesson reads only data files in its own folder (no absolute paths, no '..').
    public var confineDataToBaseDirectory = false

    public init() {}
}
