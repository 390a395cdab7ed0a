import BackpropCore
import ScriptSyntax

/// `grid [size=N]`: the decision regions of a 2-input network over the data's box, with the
/// samples on top.
extension Interpreter {
    func grid(_ options: [CommandOption], keyword: Identifier) throws(Diagnostic) -> Output {
        let (network, data) = try networkAndData(keyword)
        try GridSyntax.schema.validate(options)
        let rows = try options.wholeNumber(GridSyntax.size) ?? GridSyntax.defaultSize
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
