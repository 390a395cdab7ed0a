/// Dense kernels that write into an existing output, so that recomputing a
/// graph in place allocates nothing. Callers guarantee the shapes.
public enum TensorKernels {
    /// out = a @ b  (a: m×k, b: k×n, out: m×n). i-k-j order so the inner loop is
    /// a contiguous axpy the compiler vectorises.
    public static func matmul(_ a: Tensor, _ b: Tensor, into out: inout Tensor) {
        let m = a.rows, k = a.columns, n = b.columns
        precondition(b.rows == k && out.rows == m && out.columns == n)
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                out.storage.withUnsafeMutableBufferPointer { po in
                    matmul(pa.baseAddress!, pb.baseAddress!, po.baseAddress!, m: m, k: k, n: n,
                           accumulate: false)
                }
            }
        }
    }

    /// C (m×n) = A (m×k) · B (k×n), or C += A·B when `accumulate`. Raw row-major pointers.
    @inline(__always)
    public static func matmul(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                              _ c: UnsafeMutablePointer<Double>, m: Int, k: Int, n: Int,
                              accumulate: Bool) {
        if !accumulate { c.update(repeating: 0, count: m * n) }
        for i in 0..<m {
            let row = c + i * n
            for p in 0..<k {
                let aip = a[i * k + p]
                let brow = b + p * n
                for j in 0..<n { row[j] += aip * brow[j] }
            }
        }
    }

    /// C (m×n) += Aᵀ · B where A is k×m and B is k×n.
    public static func matmulTransposedLeft(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                            _ c: UnsafeMutablePointer<Double>, m: Int, k: Int, n: Int) {
        for p in 0..<k {
            let arow = a + p * m
            let brow = b + p * n
            for i in 0..<m {
                let api = arow[i]
                let crow = c + i * n
                for j in 0..<n { crow[j] += api * brow[j] }
            }
        }
    }

    /// C (m×n) += A · Bᵀ where A is m×k and B is n×k.
    public static func matmulTransposedRight(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
                                             _ c: UnsafeMutablePointer<Double>, m: Int, k: Int, n: Int) {
        for i in 0..<m {
            let arow = a + i * k
            let crow = c + i * n
            for j in 0..<n {
                let brow = b + j * k
                var s = 0.0
                for p in 0..<k { s += arow[p] * brow[p] }
                crow[j] += s
            }
        }
    }

    public static func transpose(_ a: Tensor, into out: inout Tensor) {
        precondition(out.rows == a.columns && out.columns == a.rows)
        for i in 0..<a.rows {
            for j in 0..<a.columns { out.storage[j * a.rows + i] = a.storage[i * a.columns + j] }
        }
    }
}
