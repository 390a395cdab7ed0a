import BackpropCore
import ScriptSyntax
import TutorStore

/// `grid [size=N]`: the decision regions of a 2-input network over the data's box, with the
/// samples on top.
extension Interpreter {
    func grid(_ options: [CommandOption], keyword: Identifier) throws(Diagnostic) -> Output {
        let (network, data) = try networkAndData(keyword)
        try GridSyntax.schema.validate(options)
        let rows = try options.wholeNumber(GridSyntax.size) ?? GridSyntax.defaultSize
        guard let box = DecisionGrid.box(for: data) else {
            throw Diagnostic(ScriptMessage.gridNeedsTwoInputs(data: data.name, inputs: data.inputWidth), at: keyword.span)
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
            throw Diagnostic(error.scriptMessage, at: keyword.span)
        }
    }
}

extension TextOutput {
    /// `grid`: the regions as a character picture with the samples on top.
    func lines(for picture: GridPicture) -> [String] {
        let g = picture.grid
        var cells = [[Character]](repeating: [Character](repeating: " ", count: g.columns), count: g.rows)
        for r in 0..<g.rows {
            for c in 0..<g.columns {
                if let k = g.predictedClass(row: r, column: c) {
                    cells[r][c] = k == 0 ? "·" : k == 1 ? "░" : Character(String(k % 10))
                } else {
                    cells[r][c] = g.value(row: r, column: c) >= 0.5 ? "░" : "·"
                }
            }
        }
        for s in picture.samples {
            cells[s.row][s.column] = s.label == 0 ? "o" : s.label == 1 ? "x" : Character(String(s.label % 10))
        }
        let f = NumberFormat(digits: 3)
        var out = ["decision regions over x1 ∈ [\(f.format(g.x1Range.lowerBound)), \(f.format(g.x1Range.upperBound))], "
                   + "x2 ∈ [\(f.format(g.x2Range.lowerBound)), \(f.format(g.x2Range.upperBound))] "
                   + "(· class 0, ░ class 1; samples o = 0, x = 1)"]
        out += cells.map { "  │" + String($0) + "│" }
        return out
    }
}

extension JSONOutput {
    /// `{"grid": {...}}`.
    static func json(for picture: GridPicture) -> JSONValue {
        let g = picture.grid
        return .object([("grid", .object([
            ("x1", numbers([g.x1Range.lowerBound, g.x1Range.upperBound])),
            ("x2", numbers([g.x2Range.lowerBound, g.x2Range.upperBound])),
            ("rows", .number(Double(g.rows))), ("columns", .number(Double(g.columns))),
            ("classes", g.classes.map { c in numbers(c.map(Double.init)) } ?? .null),
        ]))])
    }
}
