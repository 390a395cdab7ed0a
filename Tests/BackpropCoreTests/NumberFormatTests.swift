#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Testing
@testable import BackpropCore

@Suite struct NumberFormatTests {
    static let fiveDigits: [(Double, String)] = [
        (0.2055, "0.20550"),
        (-0.0594, "-0.059400"),
        (0.71095, "0.71095"),
        (-0.28905, "-0.28905"),
        (0.1, "0.10000"),
        (1.5, "1.5000"),
        (1234.5, "1234.5"),
        (0.99999999, "1.0000"),
        (1, "1"),
        (-4, "-4"),
        (0, "0"),
        (-0.0, "0"),
        (2000, "2000"),
        (999_999_999_999_999, "999999999999999"),
        (1e15, "1.0000e15"),
        (1e20, "1.0000e20"),
        (-2.5e10 + 0.5, "-2.5000e10"),
        (123_456.7, "1.2346e5"),
        (1e-5, "1.0000e-5"),
        (-1.25e-7, "-1.2500e-7"),
        (0.00012345, "0.00012345"),
        (Double.leastNonzeroMagnitude, "4.9407e-324"),
        (.nan, "NaN"),
        (.infinity, "Inf"),
        (-.infinity, "-Inf"),
        // Five significant digits need no decimal point here: "12346", not "12346."
        (12_345.6, "12346"),
        (-12_345.4, "-12345"),
        (99_999.4, "99999"),
    ]

    @Test(arguments: fiveDigits)
    func formatFiveDigits(x: Double, expected: String) {
        #expect(NumberFormat().format(x) == expected)
    }

    @Test func typographicMinus() {
        let f = NumberFormat(typographicMinus: true)
        #expect(f.format(-0.0594) == "−0.059400")
        #expect(f.format(-4) == "−4")
        #expect(f.format(-.infinity) == "−Inf")
        #expect(f.format(0.5) == "0.50000")
    }

    @Test func otherDigitCounts() {
        #expect(NumberFormat(digits: 10).format(1.0 / 3) == "0.3333333333")
        #expect(NumberFormat(digits: 10).format(-2.0 / 3) == "-0.6666666667")
        #expect(NumberFormat(digits: 10).format(1e-5) == "1.000000000e-5")
        #expect(NumberFormat(digits: 3).format(0.2055) == "0.205")   // 0.2055 is 0.20549999… in binary
        #expect(NumberFormat(digits: 17).format(0.1) == "0.10000000000000001")
        #expect(NumberFormat(digits: 1).format(0.25) == "0.2")          // an exact tie: round-half-even
        #expect(NumberFormat(digits: 1).format(2.5) == "2")            // round-half-even, and no "2."
        #expect(NumberFormat(digits: 1).format(99_999.5) == "1e5")      // not "1.e5"
        #expect(NumberFormat(digits: 0).digits == 1)
        #expect(NumberFormat(digits: 40).digits == 17)
    }

    /// roundTrip: the shortest text that reads back as exactly the same double.
    @Test func roundTripKnownValues() {
        #expect(NumberFormat.roundTrip(3) == "3")
        #expect(NumberFormat.roundTrip(-4) == "-4")
        #expect(NumberFormat.roundTrip(0) == "0")
        #expect(NumberFormat.roundTrip(0.1) == "0.1")
        #expect(NumberFormat.roundTrip(2.5) == "2.5")
        #expect(NumberFormat.roundTrip(0.1 + 0.2) == "0.30000000000000004")
        #expect(Double(NumberFormat.roundTrip(-0.0))!.bitPattern == (-0.0).bitPattern)
        #expect(Double(NumberFormat.roundTrip(1e300)) == 1e300)
        #expect(Double(NumberFormat.roundTrip(.leastNonzeroMagnitude)) == .leastNonzeroMagnitude)
        #expect(Double(NumberFormat.roundTrip(.infinity)) == .infinity)
        #expect(Double(NumberFormat.roundTrip(-.infinity)) == -.infinity)
    }

    /// Significant digits of a decimal text: digits of the mantissa without
    /// leading or trailing zeros.
    static func significantDigits(_ text: String) -> Int {
        let mantissa = text.split(whereSeparator: { $0 == "e" || $0 == "E" }).first.map(String.init) ?? text
        let digits = mantissa.filter(\.isNumber).drop { $0 == "0" }
        return max(1, digits.reversed().drop { $0 == "0" }.count)
    }

    /// The fewest significant digits printf needs to round-trip x.
    static func shortestPrintfDigits(_ x: Double) -> Int {
        for p in 1...17 {
            var buffer = [CChar](repeating: 0, count: 64)
            _ = withVaList([Int32(p - 1), x]) { vsnprintf(&buffer, buffer.count, "%.*e", $0) }
            let text = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if Double(text) == x { return p }
        }
        return 17
    }

    @Test(arguments: 1...4)
    func roundTripRandomValues(seed: Int) {
        var rng = TestRNG(seed: UInt64(seed), stream: 99)
        for i in 0..<2500 {
            let x: Double
            switch i % 4 {
            case 0:
                // Any finite bit pattern.
                var bits: UInt64
                repeat { bits = UInt64(rng.next32()) << 32 | UInt64(rng.next32()) }
                while !Double(bitPattern: bits).isFinite
                x = Double(bitPattern: bits)
            case 1: x = rng.uniform(-1, 1)
            case 2: x = rng.uniform(-1, 1) * pow(10, rng.uniform(-20, 20).rounded())
            default: x = (rng.uniform(-1e6, 1e6) * 4).rounded() / 4     // integers and quarters
            }
            let text = NumberFormat.roundTrip(x)
            guard let back = Double(text) else {
                Issue.record("\(text) does not parse")
                continue
            }
            #expect(back.bitPattern == x.bitPattern, "\(x) → \(text) → \(back)")
            #expect(Self.significantDigits(text) <= Self.shortestPrintfDigits(x), "\(text) is not shortest")
        }
    }
}
