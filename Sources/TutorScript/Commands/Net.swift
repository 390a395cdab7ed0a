import BackpropCore
import ScriptSyntax
import TutorStore

/// `net 2-3-1 [hidden=F output=F | act=F1,…] [loss=L] [seed=S]`: a layered network as graph nodes.
extension Interpreter {
    mutating func buildNetwork(_ layers: [Int], _ layersSpan: SourceSpan, _ options: [CommandOption],
                               keyword: Identifier) throws(Diagnostic) -> Output {
        try NetSyntax.schema.validate(options)
        let seed = try options.wholeNumber(NetSyntax.seed).map(UInt64.init) ?? Initialization.defaultSeed
        let act = try options.word(NetSyntax.act), hidden = try options.word(NetSyntax.hidden)
        let output = try options.word(NetSyntax.output), loss = try options.word(NetSyntax.loss)
        let spec: NetworkSpec
        do throws(NetworkSpecError) {
            spec = try NetworkSpec.parse(sizes: layers, act: act, hidden: hidden, output: output, loss: loss)
        } catch {
            let span = NetSyntax.schema.option(named: error.option).flatMap { options.option($0)?.valueSpan }
            throw Diagnostic(error.scriptMessage, at: span ?? layersSpan)
        }
        let network = Network(spec: spec, seed: seed)
        var input: Tensor?, target: Tensor?
        var sample: Int?
        if let data = session.data, data.inputWidth == spec.inputSize, data.targetWidth == spec.outputSize, data.count > 0 {
            input = data.inputTensor(0)
            target = data.targetTensor(0)
            sample = 0
        }
        do {
            let nodes = try NetworkBuilder.install(network, into: &graph, input: input, target: target,
                                                   origin: "net at line \(keyword.span.start.line)")
            session.network = nodes
            session.currentSample = sample
            session.training = nil
            graph.clearGradients()
            return .network(NetworkSummary(sizes: spec.sizes, activations: spec.activations.map(\.rawValue),
                                           loss: spec.loss.rawValue, parameters: spec.parameterCount, seed: seed,
                                           names: NetworkNames.all(depth: spec.depth)))
        } catch {
            throw Diagnostic(error.scriptMessage, at: layersSpan)
        }
    }
}

extension TextOutput {
    /// `net`: the layers, activations, loss and the quantities it defines.
    func lines(for n: NetworkSummary) -> [String] {
        let layers = n.sizes.map(String.init).joined(separator: "-")
        return ["net \(layers): activations \(n.activations.joined(separator: ", ")), loss \(n.loss), "
                + "\(n.parameters) parameters (seed \(n.seed))",
                "  quantities: " + n.names.joined(separator: " ")]
    }
}

extension JSONOutput {
    /// `{"net": {...}}`.
    static func json(for n: NetworkSummary) -> JSONValue {
        return .object([("net", .object([
            ("sizes", numbers(n.sizes.map(Double.init))),
            ("activations", .array(n.activations.map(JSONValue.string))),
            ("loss", .string(n.loss)),
            ("parameters", .number(Double(n.parameters))),
            ("seed", .number(Double(n.seed))),
            ("names", .array(n.names.map(JSONValue.string))),
        ]))])
    }
}
