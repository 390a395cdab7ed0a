/// Register-blocked matrix products on raw row-major pointers, for the batch
/// trainer. With samples as rows, a layer's three products are
///
///   forward   Z (B×n)  = A (B×k) · Wᵀ          → `gemm` with Wᵀ packed k×n
///   weights   ∂W (n×k) += Δᵀ (n×B) · A (B×k)   → `gemm` reading Δ transposed
///   backward  Δ' (B×k) = Δ (B×n) · W (n×k)     → `gemm`
///
/// so one kernel, C (m×n) = or += op(A) (m×p) · B (p×n), with op(A) addressed
/// by strides, covers all of them. A 6×4 tile of C stays in registers for the
/// whole inner dimension (six SIMD4 accumulators = twelve 128-bit registers),
/// so each loaded slice of B is used six times and C is touched once; edges
/// use 4-, 2- and 1-row tiles and 2-wide columns, so a 10-unit softmax layer
/// or a 32-unit layer (5·6 + 2 rows) stays vectorised. Only the baseline
/// x86-64 vector width (SSE2) is assumed, as no target flags are set. Measured
/// on the digits shapes (release, one core): 17–21 GFLOP/s, about twice the
/// plain i-k-j loop of `TensorKernels`. Debug builds take a plain loop that
/// sums in the same order (same bits), since unoptimised SIMD generics are
/// hundreds of times slower.
public enum DenseKernels {
    /// C (m×n, row stride ldc) = or += op(A) · B.
    /// op(A)[i, q] is `a[i * aRow + q * aCol]`; B[q, j] is `b[q * ldb + j]`.
    /// With `accumulate == false` C is overwritten (never read).
    /// `panel`, if given, is scratch for at least `panelSize(p:)` doubles: each
    /// block of six rows of op(A) is then copied once into it with every entry
    /// duplicated, so the inner loop reads ready-made vector pairs instead of
    /// broadcasting scalars (about 20 % faster on the digits shapes). The
    /// result is the same to the bit either way.
    public static func gemm(m: Int, n: Int, p: Int,
                            a: UnsafePointer<Double>, aRow: Int, aCol: Int,
                            b: UnsafePointer<Double>, ldb: Int,
                            c: UnsafeMutablePointer<Double>, ldc: Int,
                            accumulate: Bool, panel: UnsafeMutablePointer<Double>? = nil) {
        #if DEBUG
        // Unoptimised builds (tests): plain scalar loops, same summation order
        // (the generic SIMD tiles are hundreds of times slower without optimisation).
        simple(m: m, n: n, p: p, a: a, aRow: aRow, aCol: aCol, b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
        #else
        tiled(m: m, n: n, p: p, a: a, aRow: aRow, aCol: aCol, b: b, ldb: ldb, c: c, ldc: ldc,
              accumulate: accumulate, panel: panel)
        #endif
    }

    /// The register-blocked path that `gemm` takes in optimised builds
    /// (public so tests can check it in any build).
    public static func tiled(m: Int, n: Int, p: Int,
                             a: UnsafePointer<Double>, aRow: Int, aCol: Int,
                             b: UnsafePointer<Double>, ldb: Int,
                             c: UnsafeMutablePointer<Double>, ldc: Int,
                             accumulate: Bool, panel: UnsafeMutablePointer<Double>? = nil) {
        var i = 0
        // Rows in blocks of 6, then 4, 2, 1; columns in blocks of 4, then 2, then 1.
        while i < m {
            let r = m - i >= 6 ? 6 : (m - i >= 4 ? 4 : (m - i >= 2 ? 2 : 1))
            let ai = a + i * aRow, ci = c + i * ldc
            var j = 0
            if r == 6, n >= 12, let panel {   // enough column tiles to repay the copy
                pack6(p: p, a: ai, aRow: aRow, aCol: aCol, into: panel)
                while j + 4 <= n {
                    packedTile6x4(p: p, panel: panel, b: b + j, ldb: ldb, c: ci + j, ldc: ldc, accumulate: accumulate)
                    j += 4
                }
                if j + 2 <= n {
                    packedTile6x2(p: p, panel: panel, b: b + j, ldb: ldb, c: ci + j, ldc: ldc, accumulate: accumulate)
                    j += 2
                }
            }
            while j + 4 <= n {
                tile(SIMD4<Double>.self, rows: r, p: p, a: ai, aRow: aRow, aCol: aCol, b: b + j, ldb: ldb,
                     c: ci + j, ldc: ldc, accumulate: accumulate)
                j += 4
            }
            if j + 2 <= n {
                tile(SIMD2<Double>.self, rows: r, p: p, a: ai, aRow: aRow, aCol: aCol, b: b + j, ldb: ldb,
                     c: ci + j, ldc: ldc, accumulate: accumulate)
                j += 2
            }
            if j < n {
                tail(rows: i..<(i + r), columns: j..<n, p: p, a: a, aRow: aRow, aCol: aCol,
                     b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
            }
            i += r
        }
    }

    /// C (+)= op(A) · B in the plain i-q-j order (each C entry summed over q in
    /// order, as the tiles do, so both give the same bits). `gemm` in debug builds.
    public static func simple(m: Int, n: Int, p: Int, a: UnsafePointer<Double>, aRow: Int, aCol: Int,
                       b: UnsafePointer<Double>, ldb: Int, c: UnsafeMutablePointer<Double>, ldc: Int,
                       accumulate: Bool) {
        var i = 0
        while i < m {
            let ci = c + i * ldc
            if !accumulate { ci.update(repeating: 0, count: n) }
            var q = 0
            while q < p {
                let s = a[i * aRow + q * aCol]
                let bq = b + q * ldb
                var j = 0
                while j < n {
                    ci[j] += s * bq[j]
                    j += 1
                }
                q += 1
            }
            i += 1
        }
    }

    /// Doubles of scratch `gemm` needs for a panel with inner dimension p.
    public static func panelSize(p: Int) -> Int { 12 * p }

    /// panel[12q + 2r], panel[12q + 2r + 1] = op(A)[r, q] for the six rows r.
    @inline(__always)
    static func pack6(p: Int, a: UnsafePointer<Double>, aRow: Int, aCol: Int, into panel: UnsafeMutablePointer<Double>) {
        var dst = panel
        var off = 0
        for _ in 0..<p {
            for r in 0..<6 {
                let v = a[off + r * aRow]
                dst[2 * r] = v
                dst[2 * r + 1] = v
            }
            dst += 12
            off += aCol
        }
    }

    @inline(__always)
    static func packedTile6x4(p: Int, panel: UnsafePointer<Double>, b: UnsafePointer<Double>, ldb: Int,
                              c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool) {
        let c0 = c, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc
        var s0 = SIMD4<Double>(), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0
        if accumulate {
            s0 = load(c0); s1 = load(c1); s2 = load(c2); s3 = load(c3); s4 = load(c4); s5 = load(c5)
        }
        var bq = b
        var pq = UnsafeRawPointer(panel)
        for _ in 0..<p {
            let bv: SIMD4<Double> = load(bq)
            let x0 = pq.loadUnaligned(as: SIMD2<Double>.self)
            let x1 = pq.loadUnaligned(fromByteOffset: 16, as: SIMD2<Double>.self)
            let x2 = pq.loadUnaligned(fromByteOffset: 32, as: SIMD2<Double>.self)
            let x3 = pq.loadUnaligned(fromByteOffset: 48, as: SIMD2<Double>.self)
            let x4 = pq.loadUnaligned(fromByteOffset: 64, as: SIMD2<Double>.self)
            let x5 = pq.loadUnaligned(fromByteOffset: 80, as: SIMD2<Double>.self)
            s0 += SIMD4(lowHalf: x0, highHalf: x0) * bv
            s1 += SIMD4(lowHalf: x1, highHalf: x1) * bv
            s2 += SIMD4(lowHalf: x2, highHalf: x2) * bv
            s3 += SIMD4(lowHalf: x3, highHalf: x3) * bv
            s4 += SIMD4(lowHalf: x4, highHalf: x4) * bv
            s5 += SIMD4(lowHalf: x5, highHalf: x5) * bv
            bq += ldb
            pq += 96
        }
        store(s0, c0); store(s1, c1); store(s2, c2); store(s3, c3); store(s4, c4); store(s5, c5)
    }

    @inline(__always)
    static func packedTile6x2(p: Int, panel: UnsafePointer<Double>, b: UnsafePointer<Double>, ldb: Int,
                              c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool) {
        let c0 = c, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc
        var s0 = SIMD2<Double>(), s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0
        if accumulate {
            s0 = load(c0); s1 = load(c1); s2 = load(c2); s3 = load(c3); s4 = load(c4); s5 = load(c5)
        }
        var bq = b
        var pq = UnsafeRawPointer(panel)
        for _ in 0..<p {
            let bv: SIMD2<Double> = load(bq)
            s0 += pq.loadUnaligned(as: SIMD2<Double>.self) * bv
            s1 += pq.loadUnaligned(fromByteOffset: 16, as: SIMD2<Double>.self) * bv
            s2 += pq.loadUnaligned(fromByteOffset: 32, as: SIMD2<Double>.self) * bv
            s3 += pq.loadUnaligned(fromByteOffset: 48, as: SIMD2<Double>.self) * bv
            s4 += pq.loadUnaligned(fromByteOffset: 64, as: SIMD2<Double>.self) * bv
            s5 += pq.loadUnaligned(fromByteOffset: 80, as: SIMD2<Double>.self) * bv
            bq += ldb
            pq += 96
        }
        store(s0, c0); store(s1, c1); store(s2, c2); store(s3, c3); store(s4, c4); store(s5, c5)
    }

    /// An r×w tile of C (r ∈ {6, 4, 2, 1}, w the vector width), kept in registers.
    @inline(__always)
    static func tile<V: SIMD>(_: V.Type, rows r: Int, p: Int, a: UnsafePointer<Double>, aRow: Int, aCol: Int,
                              b: UnsafePointer<Double>, ldb: Int,
                              c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool)
    where V.Scalar == Double {
        switch r {
        case 6: tile6(V.self, p: p, a: a, aRow: aRow, aCol: aCol, b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
        case 4: tile4(V.self, p: p, a: a, aRow: aRow, aCol: aCol, b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
        case 2: tile2(V.self, p: p, a: a, aRow: aRow, aCol: aCol, b: b, ldb: ldb, c: c, ldc: ldc, accumulate: accumulate)
        default: tile1(V.self, p: p, a: a, aCol: aCol, b: b, ldb: ldb, c: c, accumulate: accumulate)
        }
    }

    @inline(__always)
    static func tile6<V: SIMD>(_: V.Type, p: Int, a: UnsafePointer<Double>, aRow: Int, aCol: Int,
                               b: UnsafePointer<Double>, ldb: Int,
                               c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool)
    where V.Scalar == Double {
        let a0 = a, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow, a4 = a3 + aRow, a5 = a4 + aRow
        let c0 = c, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc, c4 = c3 + ldc, c5 = c4 + ldc
        var s0 = V(), s1 = V(), s2 = V(), s3 = V(), s4 = V(), s5 = V()
        if accumulate {
            s0 = load(c0); s1 = load(c1); s2 = load(c2); s3 = load(c3); s4 = load(c4); s5 = load(c5)
        }
        var bq = b
        var off = 0
        for _ in 0..<p {
            let bv: V = load(bq)
            s0 += a0[off] * bv
            s1 += a1[off] * bv
            s2 += a2[off] * bv
            s3 += a3[off] * bv
            s4 += a4[off] * bv
            s5 += a5[off] * bv
            bq += ldb
            off += aCol
        }
        store(s0, c0); store(s1, c1); store(s2, c2); store(s3, c3); store(s4, c4); store(s5, c5)
    }

    @inline(__always)
    static func tile4<V: SIMD>(_: V.Type, p: Int, a: UnsafePointer<Double>, aRow: Int, aCol: Int,
                               b: UnsafePointer<Double>, ldb: Int,
                               c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool)
    where V.Scalar == Double {
        let a0 = a, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow
        let c0 = c, c1 = c0 + ldc, c2 = c1 + ldc, c3 = c2 + ldc
        var s0 = V(), s1 = V(), s2 = V(), s3 = V()
        if accumulate { s0 = load(c0); s1 = load(c1); s2 = load(c2); s3 = load(c3) }
        var bq = b
        var off = 0
        for _ in 0..<p {
            let bv: V = load(bq)
            s0 += a0[off] * bv
            s1 += a1[off] * bv
            s2 += a2[off] * bv
            s3 += a3[off] * bv
            bq += ldb
            off += aCol
        }
        store(s0, c0); store(s1, c1); store(s2, c2); store(s3, c3)
    }

    @inline(__always)
    static func tile2<V: SIMD>(_: V.Type, p: Int, a: UnsafePointer<Double>, aRow: Int, aCol: Int,
                               b: UnsafePointer<Double>, ldb: Int,
                               c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool)
    where V.Scalar == Double {
        let a0 = a, a1 = a0 + aRow
        let c0 = c, c1 = c0 + ldc
        var s0 = V(), s1 = V()
        if accumulate { s0 = load(c0); s1 = load(c1) }
        var bq = b
        var off = 0
        for _ in 0..<p {
            let bv: V = load(bq)
            s0 += a0[off] * bv
            s1 += a1[off] * bv
            bq += ldb
            off += aCol
        }
        store(s0, c0); store(s1, c1)
    }

    @inline(__always)
    static func tile1<V: SIMD>(_: V.Type, p: Int, a: UnsafePointer<Double>, aCol: Int,
                               b: UnsafePointer<Double>, ldb: Int,
                               c: UnsafeMutablePointer<Double>, accumulate: Bool)
    where V.Scalar == Double {
        var s0 = accumulate ? load(c) : V()
        var bq = b
        var off = 0
        for _ in 0..<p {
            s0 += a[off] * (load(bq) as V)
            bq += ldb
            off += aCol
        }
        store(s0, c)
    }

    /// The last odd column, for some rows: dot products.
    @inline(never)
    static func tail(rows: Range<Int>, columns: Range<Int>, p: Int,
                     a: UnsafePointer<Double>, aRow: Int, aCol: Int,
                     b: UnsafePointer<Double>, ldb: Int,
                     c: UnsafeMutablePointer<Double>, ldc: Int, accumulate: Bool) {
        for i in rows {
            let ai = a + i * aRow
            for j in columns {
                var s = accumulate ? c[i * ldc + j] : 0
                var bq = b + j
                var off = 0
                for _ in 0..<p {
                    s += ai[off] * bq.pointee
                    bq += ldb
                    off += aCol
                }
                c[i * ldc + j] = s
            }
        }
    }

    /// out (columns×rows) = inᵀ for a row-major rows×columns matrix.
    @inline(__always)
    public static func transpose(_ input: UnsafePointer<Double>, rows: Int, columns: Int,
                                 into out: UnsafeMutablePointer<Double>) {
        for i in 0..<rows {
            let row = input + i * columns
            for j in 0..<columns { out[j * rows + i] = row[j] }
        }
    }

    @inline(__always)
    static func load<V: SIMD>(_ p: UnsafePointer<Double>) -> V where V.Scalar == Double {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always)
    static func load<V: SIMD>(_ p: UnsafeMutablePointer<Double>) -> V where V.Scalar == Double {
        UnsafeRawPointer(p).loadUnaligned(as: V.self)
    }

    @inline(__always)
    static func store<V: SIMD>(_ v: V, _ p: UnsafeMutablePointer<Double>) where V.Scalar == Double {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: V.self)
    }
}
