import BackpropCore
import ScriptSyntax

/// `perceptron` (a whole run with the convergence bound), `perceptron step`
/// (one visit), `perceptron reset`.
extension Interpreter {
    mutating func perceptron(_ action: Identifier?, _ options: [CommandOption],
                             keyword: Identifier) throws(Diagnostic) -> Output {
        guard let data = session.data else {
            throw Diagnostic("no data yet: 'data and' or 'data load FILE.csv' first", at: keyword.span)
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
                var epochs = Perceptron.defaultMaxEpochs
                if let option = options.first {
                    guard let n = option.value.number, n == n.rounded(), n >= 1, n <= 10_000_000 else {
                        throw Diagnostic("epochs is a whole number from 1 up", at: option.valueSpan)
                    }
                    epochs = Int(n)
                }
                let hooks = self.hooks
                let report = try PerceptronReport.run(data, maxEpochs: epochs) { _ in !hooks.shouldCancel() }
                session.perceptron = nil
                return .perceptron(report)
            }
        } catch let error as Diagnostic {
            throw error
        } catch {
            throw Diagnostic("\(error)", at: keyword.span)
        }
    }
}
