import BackpropCore
import ScriptSyntax
import TutorStore

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
            throw Diagnostic(error.scriptMessage, at: Self.span(of: error, in: options) ?? keyword.span)
        }
    }
}

extension TextOutput {
    /// `step`: the forward values, then each layer's δ, gradient and update, output layer first.
    func lines(for s: StepReport) -> [String] {
        let f = settings.numberFormat
        let which = s.samples.count == 1 ? "sample \(s.samples[0] + 1)" : "the batch (\(s.samples.count) samples)"
        var out = ["one gradient step on \(which), η = \(NumberFormat.roundTrip(s.eta)): loss \(f.format(s.lossBefore)) → \(f.format(s.lossAfter))"]
        out.append("  forward:")
        for layer in s.forward {
            out.append("    z\(layer.layer) = \(compactTensor(layer.z))   a\(layer.layer) = \(compactTensor(layer.a))")
        }
        out.append("  backward and update, output layer first:")
        for u in s.updates {
            let l = u.layer
            out.append("    δ\(l) = ∂L/∂z\(l) = \(compactTensor(u.delta))")
            out.append("    ∂L/∂W\(l) = δ\(l) a\(l - 1)ᵀ = \(compactTensor(u.gradientW))")
            out.append("    W\(l): \(compactTensor(u.weightsBefore)) → \(compactTensor(u.weightsAfter))")
            out.append("    b\(l): \(compactTensor(u.biasesBefore)) → \(compactTensor(u.biasesAfter))")
        }
        return out
    }
}

extension JSONOutput {
    /// `{"step": {...}}`.
    static func json(for s: StepReport) -> JSONValue {
        return .object([("step", .object([
            ("samples", numbers(s.samples.map { Double($0 + 1) })),
            ("eta", .number(s.eta)),
            ("loss_before", .number(s.lossBefore)),
            ("loss_after", .number(s.lossAfter)),
            ("updates", .array(s.updates.map { u in
                .object([("layer", .number(Double(u.layer))), ("delta", .tensor(u.delta)),
                         ("grad_W", .tensor(u.gradientW)), ("grad_b", .tensor(u.gradientB)),
                         ("W", .tensor(u.weightsAfter)), ("b", .tensor(u.biasesAfter))])
            })),
        ]))])
    }
}
