import BackpropCore
import ScriptSyntax
import TutorStore

/// `predict` (every sample) or `predict [x1, x2]`, and `accuracy`: what the network makes of
/// its inputs.
extension Interpreter {
    func accuracy(keyword: Identifier) throws(Diagnostic) -> Output {
        let (network, data) = try networkAndData(keyword)
        let report: AccuracyReport?
        do {
            report = try Evaluation.accuracy(network, data: data)
        } catch {
            throw Diagnostic(error.scriptMessage, at: keyword.span)
        }
        guard let report else {
            throw Diagnostic(ScriptMessage.accuracyNeedsClasses(data: data.name), at: keyword.span)
        }
        return .accuracy(report)
    }

    func predict(_ input: Expression?, keyword: Identifier) throws(Diagnostic) -> Output {
        guard let input else {
            let (network, data) = try networkAndData(keyword)
            let rule = ClassificationRule.infer(for: data, outputs: network.spec.outputSize)
            // The batched forward pass accuracy and grid use, so all three agree at a threshold.
            let outputs: Tensor
            do { outputs = try Evaluation.predict(network, data: data) } catch {
                throw Diagnostic(error.scriptMessage, at: keyword.span)
            }
            let classes = rule.map { Evaluation.classes(outputs, rule: $0) }
            let outputRows = outputs.rowArrays
            let rows = (0..<data.count).map { i in
                let x = Array(data.input(i)), t = Array(data.target(i))
                let y = outputRows[i]
                return PredictionTable.Row(input: x, target: t, output: y, predictedClass: classes?[i],
                                           trueClass: rule.map { r in t.withUnsafeBufferPointer { r.trueClass($0.baseAddress!, count: t.count) } })
            }
            return .predictions(PredictionTable(rows: rows))
        }
        let network = try currentNetwork(keyword)
        guard let x = try constantValue(input) else {
            throw Diagnostic(ScriptMessage.predictNeedsNumbers, at: input.span)
        }
        guard x.count == network.spec.inputSize, x.columns == 1 || x.rows == 1 else {
            throw Diagnostic(ScriptMessage.predictInputShape(inputs: network.spec.inputSize, shape: x.shape), at: input.span)
        }
        let y = Evaluation.predict(network, input: x.storage)
        let rule = session.data.flatMap { ClassificationRule.infer(for: $0, outputs: network.spec.outputSize) }
        return .predictions(PredictionTable(rows: [PredictionTable.Row(input: x.storage, target: nil, output: y,
                                                                        predictedClass: rule?.predictedClass(y),
                                                                        trueClass: nil)]))
    }
}

extension TextOutput {
    /// `predict`: a row per sample (or the one input) with the predicted class.
    func lines(for p: PredictionTable) -> [String] {
        let rows = p.rows.enumerated().map { i, r -> [String] in
            var row = ["\(i + 1)", compactVector(r.input), r.target.map(compactVector) ?? "", compactVector(r.output)]
            if let c = r.predictedClass {
                row.append("class \(c)" + (r.trueClass.map { $0 == c ? " ✓" : " ✗ (is \($0))" } ?? ""))
            }
            return row
        }
        let header = ["#", "x", "t", "output"] + (p.rows.first?.predictedClass != nil ? ["prediction"] : [])
        return table([header] + rows.map { $0 + Array(repeating: "", count: max(0, header.count - $0.count)) })
    }

    /// `accuracy`: the share right and the confusion matrix.
    func lines(for a: AccuracyReport) -> [String] {
        var out = ["accuracy \(percent(a.accuracy)): \(a.correct) of \(a.count) correct (\(a.rule))"]
        if a.confusion.count > 1 {
            out.append("  confusion (rows: true class, columns: predicted)")
            let header = [""] + (0..<a.confusion.count).map(String.init)
            out += table([header] + a.confusion.enumerated().map { [String($0)] + $1.map(String.init) })
        }
        return out
    }
}

extension JSONOutput {
    /// `{"predict": [...]}`.
    static func json(for p: PredictionTable) -> JSONValue {
        return .object([("predict", .array(p.rows.map { r in
            .object([("x", numbers(r.input)), ("t", r.target.map(numbers) ?? .null), ("output", numbers(r.output)),
                     ("class", optional(r.predictedClass.map(Double.init)))])
        }))])
    }

    /// `{"accuracy": {...}}`.
    static func json(for a: AccuracyReport) -> JSONValue {
        return .object([("accuracy", .object([
            ("accuracy", .number(a.accuracy)), ("correct", .number(Double(a.correct))),
            ("count", .number(Double(a.count))),
            ("confusion", .array(a.confusion.map { numbers($0.map(Double.init)) })),
        ]))])
    }
}
