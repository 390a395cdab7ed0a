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

    public static let all: [Entry] = (ElementwiseFunction.allCases.map(Op.function) + Op.writtenAsFunctions).map {
        Entry(name: $0.displayName, op: $0, summary: $0.functionSummary ?? "")
    }

    public static let names: [String] = all.map(\.name)

    public static func lookup(_ name: String) -> Entry? {
        all.first { $0.name == name }
    }
}
