import BackpropCore
import ScriptSyntax
import TutorStore

/// `perceptron` (a whole run with the convergence bound), `perceptron step`
/// (one visit), `perceptron reset`.
extension Interpreter {
    mutating func perceptron(_ action: PerceptronSyntax.Action?, _ options: [CommandOption],
                             keyword: Identifier) throws(Diagnostic) -> Output {
        guard let data = session.data else {
            throw Diagnostic(ScriptMessage.noData(example: "and"), at: keyword.span)
        }
        do {
            switch action {
            case .reset:
                session.perceptron = try Perceptron(data: data)
                return .perceptronReset(dataset: data.name)
            case .step:
                var p = try session.perceptron ?? Perceptron(data: data)
                guard !p.converged, let visit = p.visit() else {
                    session.perceptron = p
                    return .perceptron(PerceptronReport.report(for: p))
                }
                session.perceptron = p
                return .perceptronVisit(visit, converged: p.converged)
            case nil:
                let epochs = try options.wholeNumber(PerceptronSyntax.epochs) ?? Perceptron.defaultMaxEpochs
                let hooks = self.hooks
                let report = try PerceptronReport.run(data, maxEpochs: epochs) { _ in !hooks.shouldCancel() }
                session.perceptron = nil
                return .perceptron(report)
            }
        } catch let error as Diagnostic {
            throw error
        } catch let error as PerceptronError {
            throw Diagnostic(error.scriptMessage, at: keyword.span)
        } catch {
            throw Diagnostic(ScriptMessage.engine(description: "\(error)", code: .trainingFailed), at: keyword.span)
        }
    }
}

extension TextOutput {
    /// `perceptron`: the run, the convergence bound and the epoch log.
    func lines(for p: PerceptronReport) -> [String] {
        let f = settings.numberFormat
        var out: [String] = []
        out.append(p.converged
            ? "perceptron converged after \(p.epochs) epoch\(p.epochs == 1 ? "" : "s"): \(p.updates) update\(p.updates == 1 ? "" : "s")"
            : p.cancelled
            ? "perceptron stopped after \(p.epochs) epoch\(p.epochs == 1 ? "" : "s") (interrupted): \(p.updates) updates"
            : "perceptron did not converge in \(p.epochs) epoch\(p.epochs == 1 ? "" : "s"): \(p.updates) updates")
        out.append("  w = \(compactVector(p.w)), b = \(f.format(p.b))")
        out.append("  R = max ‖(x, 1)‖ = \(f.format(p.radius))")
        if let gamma = p.gamma, let bound = p.bound {
            out.append("  best margin on (x, 1): ρ = \(f.format(p.margin ?? gamma / 2)), γ = 2ρ = \(f.format(gamma)); "
                       + "bound 4R²/γ² = \(f.format(bound))")
            out.append("  k = \(p.updates) ≤ \(f.format(bound))" + (p.withinBound == true ? ": within the bound" : ": ABOVE the bound"))
        } else {
            out.append("  the data are not linearly separable: no w, b classifies every sample, so it cannot converge")
        }
        if !p.epochLog.isEmpty {
            let shown = p.epochLog.count <= 12 ? p.epochLog : Array(p.epochLog.prefix(6)) + Array(p.epochLog.suffix(3))
            var rows = [["epoch", "updates", "errors after", "train error"]]
            for e in shown {
                rows.append(["\(e.epoch)", "\(e.updates)", "\(e.errors)", percent(e.trainingError)])
            }
            out += table(rows)
            if shown.count < p.epochLog.count { out.append("  (\(p.epochLog.count - shown.count) epochs not shown)") }
        }
        return out
    }

    /// `perceptron step`: one visit and whether it updated.
    func visitLines(_ v: Perceptron.Visit, converged: Bool) -> [String] {
        let f = settings.numberFormat
        let y = v.y > 0 ? "+1" : "−1"
        var line = "epoch \(v.epoch), sample \(v.sample + 1): x = \(compactVector(v.x)), y = \(y), "
            + "w·x + b = \(f.format(v.activation)), y(w·x + b) = \(f.format(v.margin))"
        line += v.updated ? " ≤ 0: update w += y x, b += y" : " > 0: no update"
        var out = [line, "  w = \(compactVector(v.w)), b = \(f.format(v.b))   (\(v.updates) update\(v.updates == 1 ? "" : "s") so far)"]
        if converged { out.append("  converged: a whole epoch without an update") }
        return out
    }

    /// `perceptron reset`.
    func perceptronResetLines(_ name: String) -> [String] {
        return ["perceptron reset on \(name): w = 0, b = 0"]
    }
}

extension JSONOutput {
    /// `{"perceptron": {...}}`, the contract's keys first.
    static func json(for p: PerceptronReport) -> JSONValue {
        return .object([("perceptron", .object([
            ("updates", .number(Double(p.updates))),
            ("epochs", .number(Double(p.epochs))),
            ("converged", .bool(p.converged)),
            ("w", numbers(p.w)),
            ("b", .number(p.b)),
            ("R", .number(p.radius)),
            ("separable", .bool(p.separable)),
            ("margin", optional(p.margin)),
            ("gamma", optional(p.gamma)),
            ("bound", optional(p.bound)),
            ("within_bound", p.withinBound.map(JSONValue.bool) ?? .null),
            ("cancelled", .bool(p.cancelled)),
            ("epoch_log", .array(p.epochLog.map { e in
                .object([("epoch", .number(Double(e.epoch))), ("updates", .number(Double(e.updates))),
                         ("errors", .number(Double(e.errors)))])
            })),
        ]))])
    }

    /// `{"perceptron_step": {...}}`.
    static func visitJSON(_ v: Perceptron.Visit, converged: Bool) -> JSONValue {
        return .object([("perceptron_step", .object([
            ("epoch", .number(Double(v.epoch))), ("sample", .number(Double(v.sample + 1))),
            ("x", numbers(v.x)), ("y", .number(v.y)), ("activation", .number(v.activation)),
            ("margin", .number(v.margin)), ("updated", .bool(v.updated)),
            ("w", numbers(v.w)), ("b", .number(v.b)), ("updates", .number(Double(v.updates))),
            ("converged", .bool(converged)),
        ]))])
    }
}
