/// A data set of N samples: inputs N×d and targets N×k, each one contiguous
/// row-major buffer (sample i's input is `inputs[i*d ..< (i+1)*d]`), which the
/// batch trainer reads in place as a matrix with samples as rows.
public struct Dataset: Sendable, Equatable {
    /// A label for messages: `xor`, `digits.csv`.
    public var name: String
    public private(set) var count: Int
    /// d, the number of input columns.
    public let inputWidth: Int
    /// k, the number of target columns.
    public let targetWidth: Int
    /// N×d, row-major.
    public private(set) var inputs: [Double]
    /// N×k, row-major.
    public private(set) var targets: [Double]
    /// With `classes=C`: C, and each target row is the one-hot vector of the label.
    public var classes: Int?
    /// Column names from a header line (inputs, then targets), or nil.
    public var inputNames: [String]?
    public var targetNames: [String]?

    public init(name: String, inputWidth: Int, targetWidth: Int, inputs: [Double], targets: [Double],
                classes: Int? = nil, inputNames: [String]? = nil, targetNames: [String]? = nil) {
        precondition(inputWidth >= 1 && targetWidth >= 1, "a data set needs input and target columns")
        precondition(inputs.count % inputWidth == 0 && targets.count % targetWidth == 0
                     && inputs.count / inputWidth == targets.count / targetWidth, "inputs and targets disagree")
        self.name = name
        self.count = inputs.count / inputWidth
        self.inputWidth = inputWidth
        self.targetWidth = targetWidth
        self.inputs = inputs
        self.targets = targets
        self.classes = classes
        self.inputNames = inputNames
        self.targetNames = targetNames
    }

    /// From rows: `Dataset(name: "and", inputs: [[0, 0], …], targets: [[0], …])`.
    public init(name: String, inputs: [[Double]], targets: [[Double]], classes: Int? = nil) {
        precondition(inputs.count == targets.count && !inputs.isEmpty)
        self.init(name: name, inputWidth: inputs[0].count, targetWidth: targets[0].count,
                  inputs: inputs.flatMap { $0 }, targets: targets.flatMap { $0 }, classes: classes)
    }

    /// An empty data set to append rows to (the CSV reader's buffer).
    init(name: String, inputWidth: Int, targetWidth: Int, reservingRows rows: Int) {
        self.init(name: name, inputWidth: inputWidth, targetWidth: targetWidth, inputs: [], targets: [])
        inputs.reserveCapacity(rows * inputWidth)
        targets.reserveCapacity(rows * targetWidth)
    }

    mutating func appendRow<I: Collection<Double>, T: Collection<Double>>(input: I, target: T) {
        inputs.append(contentsOf: input)
        targets.append(contentsOf: target)
        count += 1
    }

    // MARK: Samples

    /// Sample i's input (0-based).
    public func input(_ i: Int) -> ArraySlice<Double> { inputs[(i * inputWidth)..<((i + 1) * inputWidth)] }
    public func target(_ i: Int) -> ArraySlice<Double> { targets[(i * targetWidth)..<((i + 1) * targetWidth)] }
    /// As column vectors (d×1, k×1), the shapes of the graph's x and t.
    public func inputTensor(_ i: Int) -> Tensor { Tensor(column: Array(input(i))) }
    public func targetTensor(_ i: Int) -> Tensor { Tensor(column: Array(target(i))) }

    /// The class label of sample i: its one-hot position with `classes`,
    /// otherwise nil.
    public func label(_ i: Int) -> Int? {
        guard classes != nil else { return nil }
        let t = target(i)
        return t.firstIndex(of: 1).map { $0 - t.startIndex }
    }

    /// The samples whose index satisfies `keep`, in order.
    public func subset(name: String? = nil, _ keep: (Int) -> Bool) -> Dataset {
        var out = Dataset(name: name ?? self.name, inputWidth: inputWidth, targetWidth: targetWidth, reservingRows: 0)
        for i in 0..<count where keep(i) { out.appendRow(input: input(i), target: target(i)) }
        out.classes = classes
        out.inputNames = inputNames
        out.targetNames = targetNames
        return out
    }

    /// The same inputs with new targets (one row of `width` per sample).
    public func replacingTargets(_ targets: [Double], width: Int, classes: Int? = nil,
                                 names: [String]? = nil) -> Dataset {
        Dataset(name: name, inputWidth: inputWidth, targetWidth: width, inputs: inputs, targets: targets,
                classes: classes, inputNames: inputNames, targetNames: names)
    }

    /// The smallest and largest value of each input column.
    public func inputRanges() -> [ClosedRange<Double>] {
        (0..<inputWidth).map { j in
            var lo = Double.infinity, hi = -Double.infinity
            for i in 0..<count {
                let v = inputs[i * inputWidth + j]
                lo = Swift.min(lo, v)
                hi = Swift.max(hi, v)
            }
            return lo...hi
        }
    }
}
