/// `net 2-3-1 [hidden=F output=F | act=F1,…] [loss=L] [seed=S]`. The activation and loss
/// names are checked by the engine's `NetworkSpec` (the syntax does not know them).
public enum NetSyntax {
    public static let hidden = OptionSpec(
        "hidden", "F", .name, default: "sigmoid", help: "the hidden layers' activation",
        error: "hidden takes an activation name, as in hidden=sigmoid")
    public static let output = OptionSpec(
        "output", "F", .name, default: "sigmoid", help: "the output layer's activation",
        error: "output takes an activation name, as in output=sigmoid")
    public static let loss = OptionSpec(
        "loss", "L", .name, help: "squared or xent; the default is xent after a softmax output, else squared",
        error: "loss takes squared or xent, as in loss=squared")
    public static let seed = OptionSpec(
        "seed", "S", .wholeNumber(.from(0, below: 9.0e15)), default: "1",
        help: "the seed of the initial weights",
        wrongKind: "seed is a whole number, as in seed=7",
        invalid: { _ in "seed is a whole number from 0 up, as in seed=7" })
    public static let act = OptionSpec(
        "act", "F1,…", .name, help: "one activation per layer, as in act=relu,softmax",
        error: "act takes one activation name per layer, as in act=relu,softmax")

    public static let schema = CommandSchema(
        "net", usage: "net takes layer sizes and options, as in 'net 2-2-1 hidden=sigmoid output=sigmoid loss=squared'",
        summary: "a layered network", arguments: .layerSizes, options: [hidden, output, loss, seed, act], parse: parse)

    /// `net 2-3-1 options…`: the sizes are read as one raw word so `2-3-1` is not subtraction.
    static func parse(_ p: inout ParserState, _ schema: CommandSchema) throws(Diagnostic) -> Command {
        guard let (word, span) = p.readRawWord() else { throw p.usageError(schema) }
        var layers: [Int] = []
        for part in word.split(separator: "-", omittingEmptySubsequences: false) {
            guard let n = Int(part), n >= 1, n <= 100_000 else {
                throw Diagnostic(SyntaxMessage.badLayerSize(word), at: span)
            }
            layers.append(n)
        }
        guard layers.count >= 2 else {
            throw Diagnostic(SyntaxMessage.tooFewLayers, at: span)
        }
        return .net(layers: layers, layersSpan: span, options: try p.parseOptions(schema))
    }
}
