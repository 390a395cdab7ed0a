#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How numbers are written for people: `digits` significant digits, trailing
/// zeros kept so columns line up (0.20550, −0.059400), integers as integers,
/// NaN and infinities as what they are.
public struct NumberFormat: Sendable, Equatable {
    public var digits: Int
    /// Use the typographic minus (−) as in the lectures, rather than ASCII '-'.
    public var typographicMinus: Bool

    public init(digits: Int = 5, typographicMinus: Bool = false) {
        self.digits = max(1, min(digits, 17))
        self.typographicMinus = typographicMinus
    }

    public func format(_ x: Double) -> String {
        let minus = typographicMinus ? "−" : "-"
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : minus + "Inf" }
        if x == 0 { return "0" }
        var text: String
        if x == x.rounded(), abs(x) < 1e15 {
            text = String(Int64(x))
        } else {
            text = Self.printf("%#.*g", digits, x)
            // %#g keeps the point even with no digit after it: "12346." → "12346", "1.e+05" → "1e+05".
            if let dot = text.firstIndex(of: "."), text.index(after: dot) == text.endIndex || text[text.index(after: dot)] == "e" {
                text.remove(at: dot)
            }
            text = Self.tidyExponent(text)
        }
        if typographicMinus, text.hasPrefix("-") { text = minus + text.dropFirst() }
        return text
    }

    /// The shortest text that reads back as exactly `x` (for JSON and answers files).
    public static func roundTrip(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15, !(x == 0 && x.sign == .minus) { return String(Int64(x)) }
        return tidyExponent(x.description)
    }

    /// `1.0000e-05` → `1.0000e-5`, `2.5e+10` → `2.5e10`.
    static func tidyExponent(_ s: String) -> String {
        guard let e = s.firstIndex(of: "e") else { return s }
        var exponent = s[s.index(after: e)...]
        var sign = ""
        if exponent.first == "-" { sign = "-"; exponent = exponent.dropFirst() }
        else if exponent.first == "+" { exponent = exponent.dropFirst() }
        let digits = exponent.drop { $0 == "0" }
        return String(s[..<e]) + "e" + sign + (digits.isEmpty ? "0" : String(digits))
    }

    static func printf(_ format: String, _ precision: Int, _ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 64)
        _ = withVaList([Int32(precision), x]) { args in
            vsnprintf(&buffer, buffer.count, format, args)
        }
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
