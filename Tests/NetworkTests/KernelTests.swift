import Testing
import BackpropCore

@Suite("dense kernels")
struct KernelTests {
    /// Every tile shape (rows 6/4/2/1, columns 4/2/1), both layouts of A
    /// (plain and transposed), overwrite and accumulate, with and without the
    /// packed panel: the tiles sum each entry in the same order as the plain
    /// loop, so the results must be identical to the bit; the naive sum in the
    /// test agrees with both to rounding.
    @Test("tiled = simple = naive, all edge shapes, both layouts")
    func tiledMatchesSimple() {
        var rng = SplitMix64(seed: 77)
        for m in 1...14 {
            for n in 1...14 {
                for p in [1, 2, 3, 7, 16] {
                    for transposedA in [false, true] {
                        for accumulate in [false, true] {
                            let a = (0..<(m * p)).map { _ in rng.nextUnit() < 0.3 ? 0 : rng.uniform(-1, 1) }
                            let b = (0..<(p * n)).map { _ in rng.uniform(-1, 1) }
                            let c0 = (0..<(m * n)).map { _ in rng.uniform(-1, 1) }
                            // op(A)[i, q]: A stored m×p (plain) or p×m (transposed)
                            let aRow = transposedA ? 1 : p, aCol = transposedA ? m : 1
                            var naive = accumulate ? c0 : [Double](repeating: 0, count: m * n)
                            for i in 0..<m { for j in 0..<n { for q in 0..<p {
                                naive[i * n + j] += a[i * aRow + q * aCol] * b[q * n + j]
                            } } }
                            var outputs: [[Double]] = []
                            for variant in 0..<3 {
                                var c = c0
                                var panel = [Double](repeating: .nan, count: DenseKernels.panelSize(p: p))
                                a.withUnsafeBufferPointer { pa in
                                    b.withUnsafeBufferPointer { pb in
                                        c.withUnsafeMutableBufferPointer { pc in
                                            panel.withUnsafeMutableBufferPointer { pp in
                                                switch variant {
                                                case 0:
                                                    DenseKernels.simple(m: m, n: n, p: p, a: pa.baseAddress!, aRow: aRow, aCol: aCol,
                                                                        b: pb.baseAddress!, ldb: n, c: pc.baseAddress!, ldc: n,
                                                                        accumulate: accumulate)
                                                case 1:
                                                    DenseKernels.tiled(m: m, n: n, p: p, a: pa.baseAddress!, aRow: aRow, aCol: aCol,
                                                                       b: pb.baseAddress!, ldb: n, c: pc.baseAddress!, ldc: n,
                                                                       accumulate: accumulate)
                                                default:
                                                    DenseKernels.tiled(m: m, n: n, p: p, a: pa.baseAddress!, aRow: aRow, aCol: aCol,
                                                                       b: pb.baseAddress!, ldb: n, c: pc.baseAddress!, ldc: n,
                                                                       accumulate: accumulate, panel: pp.baseAddress!)
                                                }
                                            }
                                        }
                                    }
                                }
                                outputs.append(c)
                            }
                            let label = "m=\(m) n=\(n) p=\(p) transposed=\(transposedA) accumulate=\(accumulate)"
                            #expect(outputs[1] == outputs[0], "tiled \(label)")
                            #expect(outputs[2] == outputs[0], "packed \(label)")
                            #expect(Reference.maxRelativeDifference(outputs[0], naive, floor: 1e-12) < 1e-12, "naive \(label)")
                        }
                    }
                }
            }
        }
    }
}
