import BackpropCore
import ScriptSyntax

// The stable `DiagnosticCode` of each engine error, so that an error from BackpropCore
// reaches JSON with a code as the language's own errors do. Kept here, not in the engine:
// the codes belong to the language's contract, the engine only says what went wrong.

extension GraphError {
    var code: DiagnosticCode {
        switch self {
        case .elementwiseShapeMismatch, .matmulShapeMismatch, .notAColumnVector: .shapeMismatch
        case .indexOutOfRange: .badIndex
        case .notScalar: .notScalar
        }
    }
}

extension ExplainError {
    var code: DiagnosticCode {
        switch self {
        case .noBackward, .notReached: .noGradient
        }
    }
}

extension NetworkSpecError {
    var code: DiagnosticCode {
        switch self {
        case .badSizes, .tooFewLayers, .badLayerSize, .activationCount, .unknownActivation, .unknownLoss,
             .softmaxNotOutput, .softmaxNeedsTwoUnits, .xentNeedsSoftmax, .conflictingActivations:
            .invalidNetwork
        }
    }
}

extension NetworkBuildError {
    var code: DiagnosticCode {
        switch self {
        case .shape: .shapeMismatch
        case .graph(let e): e.code
        }
    }
}

extension TrainingError {
    var code: DiagnosticCode {
        switch self {
        case .badOption: .invalidOption
        case .inputMismatch, .targetMismatch: .dataMismatch
        case .emptyData: .noData
        case .sampleOutOfRange: .invalidValue
        }
    }
}

extension PerceptronError {
    var code: DiagnosticCode {
        switch self {
        case .empty: .noData
        case .notBinary, .badTarget: .notClassification
        }
    }
}

extension GridError {
    var code: DiagnosticCode {
        switch self {
        case .notTwoDimensional: .dataMismatch
        case .resolution: .invalidOption
        }
    }
}

extension DataError {
    var code: DiagnosticCode { .badDataFile }
}
