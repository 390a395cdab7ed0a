import BackpropCore

/// A JSON value with ordered object keys (so output is stable and in command order).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.serialized == b.serialized }

    /// A tensor as the contract says: a number for 1×1, a flat list for a
    /// column vector, a list of rows otherwise.
    public static func tensor(_ t: Tensor) -> JSONValue {
        if t.isScalar { return .number(t.scalar) }
        if t.columns == 1 { return .array(t.storage.map(JSONValue.number)) }
        return .array(t.rowArrays.map { .array($0.map(JSONValue.number)) })
    }

    public static func shape(_ s: Shape) -> JSONValue {
        .array([.number(Double(s.rows)), .number(Double(s.columns))])
    }

    /// Compact JSON on one line. Numbers use the shortest round-trip form;
    /// NaN and ±infinity, which JSON cannot carry as numbers, are the strings
    /// "NaN", "Infinity" and "-Infinity".
    public var serialized: String {
        var out = ""
        write(into: &out)
        return out
    }

    private func write(into out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let x):
            if x.isNaN { out += "\"NaN\"" }
            else if x.isInfinite { out += x > 0 ? "\"Infinity\"" : "\"-Infinity\"" }
            else { out += NumberFormat.roundTrip(x) }
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += ", " }
                item.write(into: &out)
            }
            out += "]"
        case .object(let pairs):
            out += "{"
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out += ", " }
                Self.writeString(key, into: &out)
                out += ": "
                value.write(into: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
