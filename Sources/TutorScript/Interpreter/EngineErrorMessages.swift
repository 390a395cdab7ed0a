import BackpropCore
import ScriptSyntax

/// An error from BackpropCore as the language reports it: in the engine's words (its
/// `description`), with the stable `DiagnosticCode` the language gives it, so it reaches
/// JSON with a code as the language's own errors do. The codes are kept here, not in the
/// engine: they belong to the language's contract, the engine only says what went wrong.
protocol EngineError: Error, CustomStringConvertible {
    var code: DiagnosticCode { get }
}

extension EngineError {
    var scriptMessage: ScriptMessage { .engine(description: description, code: code) }
}

extension GraphError: EngineError {
    var code: DiagnosticCode {
        switch self {
        case .elementwiseShapeMismatch, .matmulShapeMismatch, .notAColumnVector: .shapeMismatch
        case .indexOutOfRange: .badIndex
        case .notScalar: .notScalar
        }
    }
}

extension ExplainError: EngineError {
    var code: DiagnosticCode {
        switch self {
        case .noBackward, .notReached: .noGradient
        }
    }
}

extension NetworkSpecError: EngineError {
    var code: DiagnosticCode {
        switch self {
        case .badSizes, .tooFewLayers, .badLayerSize, .activationCount, .unknownActivation, .unknownLoss,
             .softmaxNotOutput, .softmaxNeedsTwoUnits, .xentNeedsSoftmax, .conflictingActivations:
            .invalidNetwork
        }
    }
}

extension NetworkBuildError: EngineError {
    var code: DiagnosticCode {
        switch self {
        case .shape: .shapeMismatch
        case .graph(let e): e.code
        }
    }
}

extension TrainingError: EngineError {
    var code: DiagnosticCode {
        switch self {
        case .badOption: .invalidOption
        case .inputMismatch, .targetMismatch: .dataMismatch
        case .emptyData: .noData
        case .sampleOutOfRange: .invalidValue
        }
    }
}

extension PerceptronError: EngineError {
    var code: DiagnosticCode {
        switch self {
        case .empty: .noData
        case .notBinary, .badTarget: .notClassification
        }
    }
}

extension GridError: EngineError {
    var code: DiagnosticCode {
        switch self {
        case .notTwoDimensional: .dataMismatch
        case .resolution: .invalidOption
        }
    }
}

extension DataError: EngineError {
    var code: DiagnosticCode { .badDataFile }
}
