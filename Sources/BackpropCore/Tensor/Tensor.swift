/// A small dense matrix of doubles, stored row-major. A column vector is n×1
/// and a scalar is 1×1, as in the lectures.
public struct Tensor: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// Row-major entries: element (i, j), 0-based, is `storage[i * columns + j]`.
    public var storage: [Double]

    public init(rows: Int, columns: Int, storage: [Double]) {
        precondition(rows >= 0 && columns >= 0 && storage.count == rows * columns,
                     "Tensor storage does not match its shape")
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, storage: Array(repeating: value, count: rows * columns))
    }

    public init(scalar: Double) {
        self.init(rows: 1, columns: 1, storage: [scalar])
    }

    /// A column vector (n×1).
    public init(column: [Double]) {
        self.init(rows: column.count, columns: 1, storage: column)
    }

    /// A matrix from its rows; every row must have the same length.
    public init(rowsOf values: [[Double]]) {
        let columns = values.first?.count ?? 0
        precondition(values.allSatisfy { $0.count == columns }, "ragged rows")
        self.init(rows: values.count, columns: columns, storage: values.flatMap { $0 })
    }

    public var shape: Shape { Shape(rows: rows, columns: columns) }
    public var count: Int { storage.count }
    public var isScalar: Bool { rows == 1 && columns == 1 }
    /// The single entry of a 1×1 tensor.
    public var scalar: Double { storage[0] }

    /// Element (i, j), 0-based.
    public subscript(row: Int, column: Int) -> Double {
        get { storage[row * columns + column] }
        set { storage[row * columns + column] = newValue }
    }

    /// The rows as arrays (for printing and JSON).
    public var rowArrays: [[Double]] {
        (0..<rows).map { r in Array(storage[(r * columns)..<((r + 1) * columns)]) }
    }

    public var transposed: Tensor {
        var out = Tensor(rows: columns, columns: rows)
        TensorKernels.transpose(self, into: &out)
        return out
    }

    public func map(_ f: (Double) -> Double) -> Tensor {
        Tensor(rows: rows, columns: columns, storage: storage.map(f))
    }
}

/// The shape of a tensor, printed as the lectures do: `2×3`.
public struct Shape: Sendable, Hashable, CustomStringConvertible {
    public var rows: Int
    public var columns: Int

    public init(rows: Int, columns: Int) {
        self.rows = rows
        self.columns = columns
    }

    public static let scalar = Shape(rows: 1, columns: 1)
    public var isScalar: Bool { rows == 1 && columns == 1 }
    public var isVector: Bool { columns == 1 || rows == 1 }
    public var count: Int { rows * columns }
    public var description: String { "\(rows)×\(columns)" }
}
