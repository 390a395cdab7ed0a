/// `train epochs=N eta=E [mode=batch|sgd|minibatch] [batch=K] [seed=S] [lambda=Λ]`.
public enum TrainSyntax {
    public static let epochs = OptionSpec(
        "epochs", "N", .wholeNumber(.from(1, to: 100_000_000)),
        help: "passes over the data", missing: "train needs epochs=N, as in 'train epochs=1000 eta=0.5'",
        wrongKind: "epochs takes a number", invalid: { _ in "epochs is a whole number from 1 up" })
    public static let eta = OptionSpec(
        "eta", "E", .number(.positive),
        help: "the step size η (a positive number)",
        missing: "train needs eta=E (the step size), as in 'train epochs=1000 eta=0.5'",
        wrongKind: "eta takes a number", invalid: { "eta= must be a positive number, not \($0.number ?? .nan)" })
    public static let mode = OptionSpec(
        "mode", "batch|sgd|minibatch", .word(choices: ["batch", "sgd", "minibatch"]), default: "batch",
        help: "batch: one step per epoch on the mean gradient of all samples; sgd: one step per sample, "
            + "in an order shuffled by seed=S; minibatch: one step per batch=K samples",
        wrongKind: "mode takes batch, sgd or minibatch", invalid: { _ in "mode is batch, sgd or minibatch" })
    public static let batch = OptionSpec(
        "batch", "K", .wholeNumber(.from(1, to: 100_000_000)), default: "32",
        help: "samples per step in minibatch mode",
        wrongKind: "batch takes a number", invalid: { _ in "batch is a whole number from 1 up" })
    public static let seed = OptionSpec(
        "seed", "S", .wholeNumber(.from(0, below: 9.0e15)), default: "1",
        help: "the seed of the sample order (sgd, minibatch)",
        wrongKind: "seed takes a number", invalid: { _ in "seed is a whole number from 0 up, as in seed=7" })
    public static let lambda = OptionSpec(
        "lambda", "Λ", .number(.nonNegative), default: "0",
        help: "weight decay: Λ/2 Σ‖W_l‖² is added to the loss",
        wrongKind: "lambda takes a number",
        invalid: { "lambda= must be 0 or a positive number, not \($0.number ?? .nan)" })

    public static let schema = CommandSchema(
        "train", usage: "train takes options, as in 'train epochs=1000 eta=0.5'",
        summary: "gradient descent on the current network and data",
        options: [epochs, eta, mode, batch, seed, lambda],
        parse: { p, schema throws(Diagnostic) in .train(try p.parseOptions(schema)) })
}
