/// `perceptron [epochs=N]` (a whole run), `perceptron step` (one visit), `perceptron reset`.
public enum PerceptronSyntax {
    public static let epochs = OptionSpec(
        "epochs", "N", .wholeNumber(.from(1, to: 10_000_000)), default: "1000",
        help: "the most epochs to run before giving up", error: "epochs is a whole number from 1 up")

    /// The words after `perceptron` that are actions, not options.
    public enum Action: String, Sendable, CaseIterable {
        /// One visit of the next sample.
        case step
        /// Back to w = 0, b = 0 and the first sample.
        case reset
    }

    public static let actions = Action.allCases.map(\.rawValue)

    public static let schema = CommandSchema(
        "perceptron", usage: "perceptron takes 'step', 'reset' or options, as in 'perceptron epochs=100'",
        summary: "Rosenblatt's perceptron on the current data", arguments: .words(actions), options: [epochs],
        parse: { p, schema throws(Diagnostic) in
            if case .identifier(let word) = p.current.kind, let action = Action(rawValue: word) {
                _ = p.advance()
                return .perceptron(action: action, options: [])
            }
            return .perceptron(action: nil, options: try p.parseOptions(schema))
        })
}
