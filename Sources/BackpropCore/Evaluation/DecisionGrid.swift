/// The network's output over a grid of a 2-D input box, for drawing decision
/// boundaries (the regions where the predicted class changes).
///
/// Row 0 is the top of the picture (x2 = the box's upper end) and column 0
/// the left (x1 = the lower end), so the grid prints as it should look;
/// `x1(column)` and `x2(row)` give the coordinates of a cell's centre point.
public struct DecisionGrid: Sendable, Equatable {
    public var x1Range: ClosedRange<Double>
    public var x2Range: ClosedRange<Double>
    public var rows: Int
    public var columns: Int
    /// a_L at each point: (rows·columns) × n_L, row-major by grid row then column.
    public var outputs: Tensor
    /// The predicted class at each point (rows·columns), when a rule is given.
    public var classes: [Int]?

    /// Samples x1 at `columns` evenly spaced points from the lower to the upper
    /// end (both included), x2 likewise at `rows` points from the top down.
    public static func compute(_ network: Network, x1: ClosedRange<Double>, x2: ClosedRange<Double>,
                               columns: Int, rows: Int, rule: ClassificationRule? = nil) throws(GridError) -> DecisionGrid {
        guard network.spec.inputSize == 2 else { throw .notTwoDimensional(network.spec.inputSize) }
        guard columns >= 2, rows >= 2 else { throw .resolution(columns: columns, rows: rows) }
        var inputs = [Double](repeating: 0, count: rows * columns * 2)
        for r in 0..<rows {
            for c in 0..<columns {
                let k = r * columns + c
                inputs[2 * k] = coordinate(x1, c, columns)
                inputs[2 * k + 1] = coordinate(x2, rows - 1 - r, rows)
            }
        }
        let out = Evaluation.outputs(network, inputs: inputs, count: rows * columns)
        return DecisionGrid(x1Range: x1, x2Range: x2, rows: rows, columns: columns, outputs: out,
                            classes: rule.map { Evaluation.classes(out, rule: $0) })
    }

    /// The data's bounding box grown by `padding` of its size on each side
    /// (a flat range grows by ±0.5), e.g. [−0.25, 1.25]² for the {0,1}² sets.
    public static func box(for data: Dataset, padding: Double = 0.25) -> (x1: ClosedRange<Double>, x2: ClosedRange<Double>)? {
        guard data.inputWidth == 2, data.count > 0 else { return nil }
        let ranges = data.inputRanges().map { r -> ClosedRange<Double> in
            let size = r.upperBound - r.lowerBound
            let pad = size > 0 ? padding * size : 0.5
            return (r.lowerBound - pad)...(r.upperBound + pad)
        }
        return (ranges[0], ranges[1])
    }

    static func coordinate(_ range: ClosedRange<Double>, _ k: Int, _ n: Int) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * Double(k) / Double(n - 1)
    }

    /// The nearest of `count` evenly spaced points of `range` to `value` (0-based),
    /// or nil when it lies outside, or the arithmetic is not finite (huge inputs).
    public static func index(of value: Double, in range: ClosedRange<Double>, count: Int) -> Int? {
        guard count >= 1 else { return nil }
        let position = (value - range.lowerBound) / (range.upperBound - range.lowerBound) * Double(count - 1)
        guard position.isFinite, abs(position) < 1e9 else { return count == 1 && value == range.lowerBound ? 0 : nil }
        let k = Int(position.rounded())
        return (0..<count).contains(k) ? k : nil
    }

    /// The cell (row 0 at the top) a 2-D point falls in, nil outside the grid.
    public func cell(x1: Double, x2: Double) -> (row: Int, column: Int)? {
        guard let c = Self.index(of: x1, in: x1Range, count: columns),
              let r = Self.index(of: x2, in: x2Range, count: rows) else { return nil }
        return (rows - 1 - r, c)
    }

    public func x1(column c: Int) -> Double { Self.coordinate(x1Range, c, columns) }
    public func x2(row r: Int) -> Double { Self.coordinate(x2Range, rows - 1 - r, rows) }

    /// The first output unit at grid cell (row, column).
    public func value(row r: Int, column c: Int) -> Double { outputs[r * columns + c, 0] }
    public func predictedClass(row r: Int, column c: Int) -> Int? { classes?[r * columns + c] }
}

public enum GridError: Error, Sendable, Equatable, CustomStringConvertible {
    case notTwoDimensional(Int)
    case resolution(columns: Int, rows: Int)

    public var description: String {
        switch self {
        case .notTwoDimensional(let d):
            "a decision grid needs a network with 2 inputs, but this one has \(d)"
        case let .resolution(columns, rows):
            "a grid needs at least 2 points each way, not \(columns)×\(rows)"
        }
    }
}
