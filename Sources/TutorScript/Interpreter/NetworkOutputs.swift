import BackpropCore

/// What `net` reports: the architecture and the names it bound.
public struct NetworkSummary: Sendable, Equatable {
    public var sizes: [Int]
    public var activations: [String]
    public var loss: String
    public var parameters: Int
    public var seed: UInt64
    /// The quantities it defined, in order (x, t, W1, b1, z1, a1, …, L).
    public var names: [String]
}

/// What `data` reports: the set's size and its first samples.
public struct DatasetSummary: Sendable, Equatable {
    public var name: String
    public var count: Int
    public var inputWidth: Int
    public var targetWidth: Int
    public var classes: Int?
    /// The first few samples (input, target).
    public var preview: [(input: [Double], target: [Double])]

    public static func == (a: Self, b: Self) -> Bool {
        a.name == b.name && a.count == b.count && a.inputWidth == b.inputWidth && a.targetWidth == b.targetWidth
            && a.classes == b.classes && a.preview.map(\.input) == b.preview.map(\.input)
            && a.preview.map(\.target) == b.preview.map(\.target)
    }

    init(_ data: Dataset, previewCount: Int = 8) {
        name = data.name
        count = data.count
        inputWidth = data.inputWidth
        targetWidth = data.targetWidth
        classes = data.classes
        preview = (0..<min(previewCount, data.count)).map { (Array(data.input($0)), Array(data.target($0))) }
    }
}

/// What `train` reports.
public struct TrainingSummary: Sendable, Equatable {
    public var mode: String
    public var eta: Double
    public var lambda: Double
    public var batchSize: Int?
    public var seed: UInt64
    public var result: TrainingResult
    public var samples: Int
}

/// `predict` over the data: one row per sample.
public struct PredictionTable: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var input: [Double]
        public var target: [Double]?
        public var output: [Double]
        public var predictedClass: Int?
        public var trueClass: Int?
    }

    public var rows: [Row]
}

/// `grid`: the decision regions over the data's box, with the samples on top.
public struct GridPicture: Sendable, Equatable {
    public var grid: DecisionGrid
    /// Each sample's cell (row, column) and its class, when it falls inside the box.
    public var samples: [(row: Int, column: Int, label: Int)]

    public static func == (a: Self, b: Self) -> Bool {
        a.grid == b.grid && a.samples.map(\.row) == b.samples.map(\.row)
            && a.samples.map(\.column) == b.samples.map(\.column) && a.samples.map(\.label) == b.samples.map(\.label)
    }
}
