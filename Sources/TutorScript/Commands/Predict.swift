import BackpropCore
import ScriptSyntax

/// `predict` (every sample) or `predict [x1, x2]`, `accuracy`, and `grid [size=N]`: what the
/// network makes of its inputs.
extension Interpreter {
    func accuracy(keyword: Identifier) throws(Diagnostic) -> Output {
        let (network, data) = try networkAndData(keyword)
        let report: AccuracyReport?
        do {
            report = try Evaluation.accuracy(network, data: data)
        } catch {
            throw Diagnostic("\(error)", code: error.code, at: keyword.span)
        }
        guard let report else {
            throw Diagnostic("accuracy needs class targets (0/1, ±1 or one-hot); \(data.name) is a regression set",
                             code: .notClassification, at: keyword.span)
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
                throw Diagnostic(error.description, code: error.code, at: keyword.span)
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
            throw Diagnostic("predict takes numbers, as in 'predict [0, 1]'", code: .invalidValue, at: input.span)
        }
        guard x.count == network.spec.inputSize, x.columns == 1 || x.rows == 1 else {
            throw Diagnostic("the network takes \(network.spec.inputSize) inputs; this is \(x.shape)", code: .shapeMismatch,
                             at: input.span)
        }
        let y = Evaluation.predict(network, input: x.storage)
        let rule = session.data.flatMap { ClassificationRule.infer(for: $0, outputs: network.spec.outputSize) }
        return .predictions(PredictionTable(rows: [PredictionTable.Row(input: x.storage, target: nil, output: y,
                                                                        predictedClass: rule?.predictedClass(y),
                                                                        trueClass: nil)]))
    }

    func grid(_ options: [CommandOption], keyword: Identifier) throws(Diagnostic) -> Output {
        let (network, data) = try networkAndData(keyword)
        try GridSyntax.schema.validate(options)
        let rows = try options.wholeNumber(GridSyntax.size) ?? 16
        guard let box = DecisionGrid.box(for: data) else {
            throw Diagnostic("grid draws 2-input data; \(data.name) has \(data.inputWidth) inputs", code: .dataMismatch,
                             at: keyword.span)
        }
        let rule = ClassificationRule.infer(for: data, outputs: network.spec.outputSize)
        do {
            let grid = try DecisionGrid.compute(network, x1: box.x1, x2: box.x2, columns: 2 * rows, rows: rows, rule: rule)
            var samples: [(row: Int, column: Int, label: Int)] = []
            for i in 0..<data.count {
                let x = data.input(i)
                guard let cell = grid.cell(x1: x[x.startIndex], x2: x[x.startIndex + 1]) else { continue }
                let t = Array(data.target(i))
                let label = rule.map { r in t.withUnsafeBufferPointer { r.trueClass($0.baseAddress!, count: t.count) } } ?? 0
                samples.append((cell.row, cell.column, label))
            }
            return .grid(GridPicture(grid: grid, samples: samples))
        } catch {
            throw Diagnostic(error.description, code: error.code, at: keyword.span)
        }
    }
}
