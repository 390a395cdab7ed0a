import BackpropCore
import ScriptSyntax

/// The wording of every problem found while running a line: names, values, indices, the
/// network session, data, settings and help. An error from the engine keeps the engine's
/// own words and gets its code here (`EngineErrorMessages.swift`).
enum ScriptMessage: DiagnosticMessage {
    // Names.
    case unknownName(String)
    case unknownFunction(String)
    /// `what`: "a command" or "a function".
    case reservedName(String, what: String)
    case unknownTopic(String)
    case unknownSetting(String)
    case unknownNotation(String)
    case unknownDataset(String)

    // Values and indices.
    case wrongArgumentCount(function: String, count: Int)
    case noGradientYet(name: String)
    case gradientNotReached(name: String, root: String)
    /// `command` (backward, gradcheck) needs a 1×1 quantity.
    case needsScalar(command: String, name: String, shape: Shape)
    case indexNotANumber
    case indexNotWhole(String)
    case matrixNeedsTwoIndices(Shape)
    case indexCount
    /// `which`: "index", "row index" or "column index".
    case indexOutOfRange(which: String, position: Int, limit: Int, shape: Shape)
    case onlyLeafEntriesSet(name: String)
    case entryNeedsNumber
    case entryNotScalar(Shape)
    case numberNeeded
    case literalMentionsQuantity
    case literalEntryNotScalar(Shape)
    case optionOutsideRandom(String)
    case randomOption(String)
    case randomDigits
    case randomBoundsNotNumbers
    case randomArguments

    // The network session and its data.
    /// `example`: the built-in set the command suggests (`data xor`, `data and`).
    case noData(example: String)
    case noNetwork
    /// The screen's `r` on a network of step or sign units.
    case flatActivations(String)
    case networkRebound
    case networkDataMismatch(inputs: Int, outputs: Int, data: String, dataInputs: Int, dataTargets: Int)
    case featuresNeedTwoInputs(data: String, inputs: Int)
    case gridNeedsTwoInputs(data: String, inputs: Int)
    case targetsAndClasses
    case noTraining
    case plotRangeEnd(String)
    case plotEmptyRange(low: Double, high: Double)
    case plotVariableNotANumber(name: String, shape: String, leaf: Bool)
    case plotCurveShape(shape: String)
    case accuracyNeedsClasses(data: String)
    case predictNeedsNumbers
    case predictInputShape(inputs: Int, shape: Shape)
    case sampleNotWhole
    case sampleOutOfRange(String, count: Int)

    // Files.
    case absolutePathInLesson
    case parentPathInLesson
    case cannotRead(path: String, reason: String)
    /// `location`: "name:line:col: " or "name: ".
    case dataFileProblem(location: String, message: String)

    // Settings.
    case digitsSetting
    case notationChoices

    /// An engine error: its own description, with the code the language gives it.
    case engine(description: String, code: DiagnosticCode)

    var code: DiagnosticCode {
        switch self {
        case .unknownName: .unknownName
        case .unknownFunction: .unknownFunction
        case .reservedName: .reservedName
        case .unknownTopic: .unknownTopic
        case .unknownSetting: .unknownSetting
        case .unknownNotation: .unknownNotation
        case .unknownDataset: .unknownDataset
        case .wrongArgumentCount, .randomArguments: .wrongArgumentCount
        case .noGradientYet, .gradientNotReached: .noGradient
        case .needsScalar: .notScalar
        case .indexNotANumber, .indexNotWhole, .matrixNeedsTwoIndices, .indexCount, .indexOutOfRange: .badIndex
        case .onlyLeafEntriesSet: .badAssignmentTarget
        case .entryNeedsNumber, .numberNeeded, .literalMentionsQuantity, .randomBoundsNotNumbers,
             .predictNeedsNumbers, .sampleNotWhole, .sampleOutOfRange:
            .invalidValue
        case .entryNotScalar, .literalEntryNotScalar, .predictInputShape: .shapeMismatch
        case .optionOutsideRandom: .syntax
        case .randomOption: .unknownOption
        case .randomDigits, .targetsAndClasses: .invalidOption
        case .noData: .noData
        case .noNetwork: .noNetwork
        case .flatActivations: .trainingFailed
        case .networkRebound: .networkRebound
        case .networkDataMismatch, .featuresNeedTwoInputs, .gridNeedsTwoInputs: .dataMismatch
        case .noTraining: .noTraining
        case .plotRangeEnd, .plotEmptyRange, .plotVariableNotANumber: .invalidValue
        case .plotCurveShape: .shapeMismatch
        case .accuracyNeedsClasses: .notClassification
        case .absolutePathInLesson, .parentPathInLesson: .pathNotAllowed
        case .cannotRead: .cannotReadFile
        case .dataFileProblem: .badDataFile
        case .digitsSetting, .notationChoices: .invalidSetting
        case .engine(_, let code): code
        }
    }

    var message: String {
        switch self {
        case .unknownName(let name): "unknown name '\(name)'"
        case .unknownFunction(let name): "unknown function '\(name)'"
        case .reservedName(let name, let what): "'\(name)' is \(what) and cannot be used as a name"
        case .unknownTopic(let topic): "no help on '\(topic)'"
        case .unknownSetting(let key): "unknown setting '\(key)'"
        case .unknownNotation(let name): "unknown notation '\(name)'"
        case .unknownDataset(let name): "unknown data set '\(name)'"

        case .wrongArgumentCount(let function, let count): "\(function) takes one argument, not \(count)"
        case .noGradientYet(let name): "\(name) has no gradient yet: run 'backward' first (e.g. 'backward L')"
        case .gradientNotReached(let name, let root):
            "\(name) has no gradient: the last backward, from \(root), does not reach it"
        case .needsScalar(let command, let name, let shape):
            "\(command) needs a 1×1 quantity such as a loss; \(name) is \(shape)"
        case .indexNotANumber: "an index must be a whole number such as 1 or 2"
        case .indexNotWhole(let value): "an index must be a whole number, not \(value)"
        case .matrixNeedsTwoIndices(let shape): "a \(shape) matrix takes two indices, as in [i, j]"
        case .indexCount: "indexing takes one index (vectors) or two ([row, column])"
        case .indexOutOfRange(let which, let position, let limit, let shape):
            "\(which) \(position) is out of range 1…\(limit) for a \(shape) value"
        case .onlyLeafEntriesSet(let name):
            "only an entry of a leaf can be set; \(name) is computed from other quantities"
        case .entryNeedsNumber: "an entry of a leaf is set to a number; this mentions a quantity"
        case .entryNotScalar(let shape): "an entry is a single number, not \(shape)"
        case .numberNeeded: "a number is needed here; this mentions a quantity"
        case .literalMentionsQuantity: "a vector or matrix literal holds numbers; this mentions a quantity"
        case .literalEntryNotScalar(let shape): "each entry of a literal must be a single number, not \(shape)"
        case .optionOutsideRandom(let key): "'\(key)=' only goes in random(…), as in random(-1, 1, digits=2)"
        case .randomOption(let key): "random takes digits=D (decimals), not '\(key)'"
        case .randomDigits: "digits is a whole number from 0 to 10"
        case .randomBoundsNotNumbers: "random's bounds are numbers, as in random(-1, 1)"
        case .randomArguments: "random takes a low and a high bound, as in random(-1, 1, digits=2)"

        case .noData(let example): "no data yet: 'data \(example)' or 'data load FILE.csv' first"
        case .noNetwork: "no network yet: build one with 'net', as in 'net 2-2-1'"
        case .flatActivations(let f):
            "nothing to train: \(f)′ = 0, so no gradient reaches the weights"
        case .networkRebound: "the network's names (x, t, W1, …) were rebound since 'net'; run 'net' again"
        case .networkDataMismatch(let inputs, let outputs, let data, let dataInputs, let dataTargets):
            "the network takes \(Self.count(inputs, "input")) and gives \(Self.count(outputs, "output")), "
                + "but \(data) has \(Self.count(dataInputs, "input")) and \(Self.count(dataTargets, "target"))"
        case .featuresNeedTwoInputs(let data, let inputs): "features=product maps 2 inputs; \(data) has \(inputs)"
        case .gridNeedsTwoInputs(let data, let inputs): "grid draws 2-input data; \(data) has \(inputs) inputs"
        case .targetsAndClasses: "give either targets=K or classes=C, not both"
        case .noTraining: "no training has run yet: 'train epochs=N eta=E' first"
        case .plotRangeEnd(let value):
            "the range's ends are numbers, as in 'for z in -4..4'; this is \(value)"
        case let .plotEmptyRange(low, high):
            "the range runs from low to high, as in -4..4: \(NumberFormat().format(low))..\(NumberFormat().format(high)) is empty"
        case let .plotVariableNotANumber(name, shape, leaf):
            leaf ? "plot … for \(name) puts one number in \(name), but \(name) is \(shape); use a new name"
                 : "\(name) is computed from other quantities: plot … for NAME takes a new name or a number set directly"
        case .plotCurveShape(let shape):
            "a curve is a number (or a column vector, one curve per entry) at each point; this is \(shape)"
        case .accuracyNeedsClasses(let data):
            "accuracy needs class targets (0/1, ±1 or one-hot); \(data) is a regression set"
        case .predictNeedsNumbers: "predict takes numbers, as in 'predict [0, 1]'"
        case .predictInputShape(let inputs, let shape): "the network takes \(inputs) inputs; this is \(shape)"
        case .sampleNotWhole: "a sample number is a whole number, as in 'sample 3'"
        case .sampleOutOfRange(let k, let count): "sample \(k) is out of range 1…\(count)"

        case .absolutePathInLesson:
            "a lesson reads data files from its own folder: absolute paths are not allowed; "
                + "give a path relative to the lesson, as in 'data load data/ring.csv'"
        case .parentPathInLesson: "a lesson reads data files from its own folder: give a relative path without '..'"
        case .cannotRead(let path, let reason): "cannot read '\(path)': \(reason)"
        case .dataFileProblem(let location, let message): "in the data file, \(location)\(message)"

        case .digitsSetting: "digits is a whole number from 1 to 17, as in 'set digits 10'"
        case .notationChoices: "notation is one of: " + Notation.allCases.map(\.rawValue).joined(separator: ", ")

        case .engine(let description, _): description
        }
    }

    var notes: [String] {
        switch self {
        case .literalMentionsQuantity: ["to combine quantities, use operators, e.g. 'v = w * x'"]
        default: []
        }
    }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}
