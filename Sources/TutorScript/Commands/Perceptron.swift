import BackpropCore
import ScriptSyntax

/// `perceptron` (a whole run with the convergence bound), `perceptron step`
/// (one visit), `perceptron reset`.
extension Interpreter {
    mutating func perceptron(_ action: Identifier?, _ options: [CommandOption],
                             keyword: Identifier) throws(Diagnostic) -> Output {
        guard let data = session.data else {
            throw Diagnostic("no data yet: 'data and' or 'data load FILE.csv' first", code: .noData, at: keyword.span)
        }
        do {
            switch action?.name {
            case "reset":
                session.perceptron = try Perceptron(data: data)
                return .perceptronReset(dataset: data.name)
            case "step":
                var p = try session.perceptron ?? Perceptron(data: data)
                guard !p.converged, let visit = p.visit() else {
                    session.perceptron = p
                    return .perceptron(PerceptronReport.report(for: p))
                }
                session.perceptron = p
                return .perceptronVisit(visit, converged: p.converged)
            default:
                let epochs = try options.wholeNumber(PerceptronSyntax.epochs) ?? Perceptron.defaultMaxEpochs
                let hooks = self.hooks
                let report = try PerceptronReport.run(data, maxEpochs: epochs) { _ in !hooks.shouldCancel() }
                session.perceptron = nil
                return .perceptron(report)
            }
        } catch let error as Diagnostic {
            throw error
        } catch let error as PerceptronError {
            throw Diagnostic("\(error)", code: error.code, at: keyword.span)
        } catch {
            throw Diagnostic("\(error)", code: .trainingFailed, at: keyword.span)
        }
    }
}
