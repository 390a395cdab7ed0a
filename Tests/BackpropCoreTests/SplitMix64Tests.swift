import Testing
@testable import BackpropCore

@Suite struct SplitMix64Tests {
    /// SplitMix64 as published (Steele, Lea & Flood 2014; Vigna's splitmix64.c),
    /// written out here independently of the engine.
    struct Reference {
        var x: UInt64
        mutating func next() -> UInt64 {
            x = x &+ 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test func knownOutputsForSeedZero() {
        // The published first outputs of splitmix64.c with x = 0.
        let published: [UInt64] = [0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
                                   0xF88B_B8A8_724C_81EC, 0x1B39_896A_51A8_749B]
        var reference = Reference(x: 0)
        #expect(published.map { _ in reference.next() } == published)
        var g = SplitMix64(seed: 0)
        #expect(published.map { _ in g.next() } == published)
    }

    @Test(arguments: [1, 42, 0xDEAD_BEEF, UInt64.max])
    func matchesReference(seed: UInt64) {
        var reference = Reference(x: seed)
        var g = SplitMix64(seed: seed)
        for _ in 0..<1000 { #expect(g.next() == reference.next()) }
    }

    @Test func unitAndUniform() {
        var g = SplitMix64(seed: 7)
        var reference = Reference(x: 7)
        for _ in 0..<1000 {
            let u = g.nextUnit()
            #expect(u == Double(reference.next() >> 11) / 9_007_199_254_740_992)   // 53 bits / 2^53
            #expect(u >= 0 && u < 1)
        }
        for _ in 0..<1000 {
            let v = g.uniform(-2, 3)
            #expect(v >= -2 && v < 3)
        }
    }

    /// Lemire's nearly-divisionless method, written out: the high word of
    /// next · n, rejecting low words below 2^64 mod n.
    static func referenceBelow(_ n: UInt64, _ r: inout Reference) -> UInt64 {
        while true {
            let (high, low) = r.next().multipliedFullWidth(by: n)
            if low >= (0 &- n) % n { return high }
        }
    }

    @Test(arguments: [1, 2, 3, 7, 10, 1000, 1 << 40, Int.max])
    func belowStaysInRange(n: Int) {
        var g = SplitMix64(seed: UInt64(n))
        var reference = Reference(x: UInt64(n))
        for _ in 0..<2000 {
            let k = g.below(n)
            #expect(k >= 0 && k < n)
            #expect(UInt64(k) == Self.referenceBelow(UInt64(n), &reference))
        }
    }

    @Test func belowIsRoughlyUniform() {
        var g = SplitMix64(seed: 2024)
        var counts = [Int](repeating: 0, count: 6)
        let draws = 60_000
        for _ in 0..<draws { counts[g.below(6)] += 1 }
        // χ² with 5 degrees of freedom: P(χ² > 20.5) ≈ 0.001.
        let expected = Double(draws) / 6
        let chi2 = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chi2 < 20.5, "counts \(counts)")
    }

    @Test func shuffleIsADeterministicPermutation() {
        let original = Array(0..<20)
        var a = original, b = original, c = original
        var g1 = SplitMix64(seed: 5), g2 = SplitMix64(seed: 5), g3 = SplitMix64(seed: 6)
        g1.shuffle(&a)
        g2.shuffle(&b)
        g3.shuffle(&c)
        #expect(a.sorted() == original)
        #expect(c.sorted() == original)
        #expect(a == b)
        #expect(a != original)
        #expect(a != c)

        // Fisher–Yates from the end, j = below(i + 1), written out with the reference.
        var expected = original
        var r = Reference(x: 5)
        for i in stride(from: expected.count - 1, to: 0, by: -1) {
            expected.swapAt(i, Int(Self.referenceBelow(UInt64(i + 1), &r)))
        }
        #expect(a == expected)

        var empty: [Int] = [], one = [9]
        g1.shuffle(&empty)
        g1.shuffle(&one)
        #expect(empty.isEmpty && one == [9])
    }

    /// Every permutation of 3 elements appears, about equally often.
    @Test func shuffleReachesEveryPermutation() {
        var g = SplitMix64(seed: 11)
        var seen: [[Int]: Int] = [:]
        for _ in 0..<6000 {
            var a = [0, 1, 2]
            g.shuffle(&a)
            seen[a, default: 0] += 1
        }
        #expect(seen.count == 6)
        #expect(seen.values.allSatisfy { $0 > 850 && $0 < 1150 }, "\(seen)")
    }
}
