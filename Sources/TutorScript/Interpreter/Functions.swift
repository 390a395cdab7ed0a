import BackpropCore

/// The functions the language knows, with the op each applies and a line of help.
public enum Functions {
    public struct Entry: Sendable {
        public var name: String
        public var op: Op
        public var summary: String
    }

    public static let all: [Entry] = [
        Entry(name: "sigmoid", op: .function(.sigmoid), summary: "logistic σ(z) = 1/(1 + e^−z), elementwise"),
        Entry(name: "tanh", op: .function(.tanh), summary: "hyperbolic tangent, elementwise"),
        Entry(name: "relu", op: .function(.relu), summary: "max(z, 0), elementwise"),
        Entry(name: "softplus", op: .function(.softplus), summary: "log(1 + e^z), elementwise"),
        Entry(name: "exp", op: .function(.exp), summary: "e^z, elementwise"),
        Entry(name: "log", op: .function(.log), summary: "natural logarithm, elementwise"),
        Entry(name: "step", op: .function(.step), summary: "1 if z ≥ 0 else 0 (derivative 0)"),
        Entry(name: "sign", op: .function(.sign), summary: "1 if z ≥ 0 else −1 (derivative 0)"),
        Entry(name: "abs", op: .function(.abs), summary: "|z|, elementwise"),
        Entry(name: "sqrt", op: .function(.sqrt), summary: "√z, elementwise"),
        Entry(name: "identity", op: .function(.identity), summary: "z itself"),
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
