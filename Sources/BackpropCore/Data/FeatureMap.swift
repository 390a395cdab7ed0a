/// A feature map ψ applied to every input (lecture 002): XOR is not linearly
/// separable in (x1, x2), but it is in ψ(x) = (x1, x2, x1·x2):
///
///   x1 x2 | ψ1 ψ2 ψ3 | t
///    0  0 |  0  0  0 | 0
///    0  1 |  0  1  0 | 1
///    1  0 |  1  0  0 | 1
///    1  1 |  1  1  1 | 0      (e.g. w = (1, 1, −2), b = −0.5 separates it)
public struct FeatureMap: Sendable {
    /// Names of the new columns, given the old ones.
    public var names: @Sendable ([String]) -> [String]
    public var width: @Sendable (Int) -> Int
    public var map: @Sendable (ArraySlice<Double>) -> [Double]

    public init(names: @escaping @Sendable ([String]) -> [String], width: @escaping @Sendable (Int) -> Int,
                map: @escaping @Sendable (ArraySlice<Double>) -> [Double]) {
        self.names = names
        self.width = width
        self.map = map
    }

    /// ψ(x) = (x1, …, xd, x_i · x_j), 1-based i and j: appends one product column.
    /// `product(1, 2)` on 2-D inputs is lecture 002's (x1, x2, x1·x2).
    public static func product(_ i: Int, _ j: Int) -> FeatureMap {
        FeatureMap(
            names: { old in old + ["\(old.indices.contains(i - 1) ? old[i - 1] : "x\(i)")·\(old.indices.contains(j - 1) ? old[j - 1] : "x\(j)")"] },
            width: { $0 + 1 },
            map: { x in Array(x) + [x[x.startIndex + i - 1] * x[x.startIndex + j - 1]] })
    }

    /// Lecture 002's map for XOR: (x1, x2) ↦ (x1, x2, x1·x2).
    public static let xorProduct = product(1, 2)
}

extension Dataset {
    /// The data set with every input replaced by ψ(input); targets unchanged.
    public func mapped(_ psi: FeatureMap) -> Dataset {
        let width = psi.width(inputWidth)
        var inputs: [Double] = []
        inputs.reserveCapacity(count * width)
        for i in 0..<count {
            let y = psi.map(input(i))
            precondition(y.count == width, "feature map width")
            inputs += y
        }
        let oldNames = inputNames ?? (1...inputWidth).map { "x\($0)" }
        return Dataset(name: name, inputWidth: width, targetWidth: targetWidth, inputs: inputs, targets: targets,
                       classes: classes, inputNames: psi.names(oldNames), targetNames: targetNames)
    }
}
