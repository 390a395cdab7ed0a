/// The built-in data sets of `data NAME`: the four points of {0,1}² in the
/// order (0,0), (0,1), (1,0), (1,1), with the truth table of a Boolean
/// function as the 0/1 target (lecture 002's tables use this order).
public enum BuiltinDataset: String, Sendable, CaseIterable {
    case and, or, nand, nor, xor

    /// t for inputs (x1, x2) ∈ {0,1}².
    public func truth(_ x1: Bool, _ x2: Bool) -> Bool {
        switch self {
        case .and: x1 && x2
        case .or: x1 || x2
        case .nand: !(x1 && x2)
        case .nor: !(x1 || x2)
        case .xor: x1 != x2
        }
    }

    public var dataset: Dataset {
        var inputs: [[Double]] = []
        var targets: [[Double]] = []
        for x1 in [false, true] {
            for x2 in [false, true] {
                inputs.append([x1 ? 1 : 0, x2 ? 1 : 0])
                targets.append([truth(x1, x2) ? 1 : 0])
            }
        }
        var data = Dataset(name: rawValue, inputs: inputs, targets: targets)
        data.inputNames = ["x1", "x2"]
        data.targetNames = ["t"]
        return data
    }

    /// The names accepted by `data NAME`.
    public static var names: String { allCases.map(\.rawValue).joined(separator: " ") }
}

extension Dataset {
    /// `Dataset.builtin("xor")`; nil for an unknown name.
    public static func builtin(_ name: String) -> Dataset? {
        BuiltinDataset(rawValue: name)?.dataset
    }
}
