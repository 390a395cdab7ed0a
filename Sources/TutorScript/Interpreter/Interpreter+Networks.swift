import BackpropCore
import ScriptSyntax

/// What the network commands share: the current network and data (with the errors when
/// there are none), the span of an option an engine error is about, and writing trained
/// weights back into the graph.
extension Interpreter {
    /// Where the option a training error is about was written, if it was.
    static func span(of error: TrainingError, in options: [CommandOption]) -> SourceSpan? {
        error.option.flatMap { field in options.first { $0.key.name == field.rawValue }?.valueSpan }
    }

    /// Puts trained weights into the current network's leaves: one recompute and,
    /// after a backward, one re-run (what `train` does at its end). Returns false when
    /// there is no current network of that architecture.
    @discardableResult
    public mutating func setNetworkWeights(_ network: Network) -> Bool {
        guard let nodes = session.network, nodes.isCurrent(in: graph), nodes.spec == network.spec else { return false }
        nodes.write(network, to: &graph)
        return true
    }

    /// The current network (read from the graph, so edited weights count) and data.
    func networkAndData(_ keyword: Identifier) throws(Diagnostic) -> (Network, Dataset) {
        let network = try currentNetwork(keyword)
        guard let data = session.data else {
            throw Diagnostic(ScriptMessage.noData(example: "xor"), at: keyword.span)
        }
        guard data.inputWidth == network.spec.inputSize, data.targetWidth == network.spec.outputSize else {
            throw Diagnostic(ScriptMessage.networkDataMismatch(
                inputs: network.spec.inputSize, outputs: network.spec.outputSize,
                data: data.name, dataInputs: data.inputWidth, dataTargets: data.targetWidth), at: keyword.span)
        }
        return (network, data)
    }

    func currentNetwork(_ keyword: Identifier) throws(Diagnostic) -> Network {
        guard let nodes = session.network else {
            throw Diagnostic(ScriptMessage.noNetwork, at: keyword.span)
        }
        guard nodes.isCurrent(in: graph) else {
            throw Diagnostic(ScriptMessage.networkRebound, at: keyword.span)
        }
        return nodes.read(from: graph)
    }
}
