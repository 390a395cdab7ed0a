import BackpropCore

/// The functions the language knows, with the op each applies and a line of help:
/// every row of the engine's function table (`ElementwiseFunction`), then the
/// ops that are written as functions.
public enum Functions {
    public struct Entry: Sendable {
        public var name: String
        public var op: Op
        public var summary: String
    }

    public static let all: [Entry] = ElementwiseFunction.allCases.map {
        Entry(name: $0.name, op: .function($0), summary: $0.summary)
    } + [
        Entry(name: "sum", op: .sum, summary: "sum of all entries (1×1)"),
        Entry(name: "mean", op: .mean, summary: "mean of all entries (1×1)"),
        Entry(name: "softmax", op: .softmax, summary: "e^z_k / Σ_j e^z_j of a column vector"),
        Entry(name: "transpose", op: .transpose, summary: "the transpose"),
    ]

    public static let names: [String] = all.map(\.name)

    public static func lookup(_ name: String) -> Entry? {
        all.first { $0.name == name }
    }
}
