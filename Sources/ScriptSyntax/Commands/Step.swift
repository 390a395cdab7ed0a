/// `step [sample=K] eta=E` (one gradient step) or, in a lesson, `step "LABEL"` (a step boundary).
public enum StepSyntax {
    public static let sample = OptionSpec(
        "sample", "K", .number(.any), help: "the sample to step on (1-based); the whole batch when left out",
        error: "sample takes a number")
    public static let eta = OptionSpec(
        "eta", "E", .number(.any), help: "the step size η",
        missing: "step needs eta=E (the step size), as in 'step sample=1 eta=0.5'", error: "eta takes a number")

    public static let schema = CommandSchema(
        "step",
        usage: "step takes a label (a lesson step, as in 'step \"Forward\"') "
            + "or options (a gradient step, as in 'step sample=1 eta=0.5')",
        summary: "one gradient step (on sample K, or the batch)", options: [sample, eta],
        parse: { p, schema throws(Diagnostic) in
            if case .string(let label) = p.current.kind {
                p.advance()
                return .lessonStep(label)
            }
            return .step(try p.parseOptions(schema))
        })
}
