import BackpropCore
import ScriptSyntax

/// `step [sample=K] eta=E`: one gradient step on sample K, or on the whole batch.
/// (`step "LABEL"` is a lesson step boundary and goes straight to output.)
extension Interpreter {
    mutating func step(_ options: [CommandOption], keyword: Identifier) throws(Diagnostic) -> Output {
        let (network, data) = try networkAndData(keyword)
        try StepSyntax.schema.validate(options)
        let sample = try options.option(StepSyntax.sample).map { option throws(Diagnostic) in
            try sampleNumber(Expression(.number(option.value.number!), span: option.valueSpan), count: data.count)
        }
        let eta = try options.required(StepSyntax.eta, at: keyword) { o throws(Diagnostic) in try o.number(StepSyntax.eta) }
        do {
            let report = if let sample {
                try SingleStep.step(network, data: data, sample: sample, eta: eta)
            } else {
                try SingleStep.batchStep(network, data: data, eta: eta)
            }
            session.network!.write(report.after, to: &graph)
            if let sample {
                session.network!.setSample(sample, of: data, in: &graph)
                session.currentSample = sample
            }
            return .step(report)
        } catch {
            throw Diagnostic(error.description, code: error.code, at: Self.span(of: error, in: options) ?? keyword.span)
        }
    }
}
