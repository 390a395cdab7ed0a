import BackpropCore

/// JSON for the network, data, training and perceptron commands. `train` and
/// `perceptron` carry the contract's keys first.
extension JSONOutput {
    static func numbers(_ v: [Double]) -> JSONValue { .array(v.map(JSONValue.number)) }
    static func optional(_ x: Double?) -> JSONValue { x.map(JSONValue.number) ?? .null }

    static func networkJSON(_ output: Output) -> JSONValue? {
        switch output {
        case .network(let n):
            return .object([("net", .object([
                ("sizes", numbers(n.sizes.map(Double.init))),
                ("activations", .array(n.activations.map(JSONValue.string))),
                ("loss", .string(n.loss)),
                ("parameters", .number(Double(n.parameters))),
                ("seed", .number(Double(n.seed))),
                ("names", .array(n.names.map(JSONValue.string))),
            ]))])
        case .dataset(let d):
            return .object([("data", .object([
                ("name", .string(d.name)), ("count", .number(Double(d.count))),
                ("inputs", .number(Double(d.inputWidth))), ("targets", .number(Double(d.targetWidth))),
                ("classes", optional(d.classes.map(Double.init))),
            ]))])
        case .training(let t):
            let r = t.result
            let stopped: String = switch r.stop {
            case .completed: "completed"
            case .cancelled: "cancelled"
            case .diverged: "diverged"
            }
            return .object([("train", .object([
                ("epochs", .number(Double(r.epochs))),
                ("loss", .number(r.loss)),
                ("objective", .number(r.objective)),
                ("accuracy", optional(r.accuracy)),
                ("correct", optional(r.correct.map(Double.init))),
                ("samples", .number(Double(t.samples))),
                ("steps", .number(Double(r.steps))),
                ("mode", .string(t.mode)),
                ("eta", .number(t.eta)),
                ("lambda", .number(t.lambda)),
                ("batch", optional(t.batchSize.map(Double.init))),
                ("seed", t.mode == "batch" ? .null : .number(Double(t.seed))),   // batch mode draws nothing
                ("stopped", .string(stopped)),
                ("requested_epochs", .number(Double(r.requestedEpochs))),
            ]))])
        case .step(let s):
            return .object([("step", .object([
                ("samples", numbers(s.samples.map { Double($0 + 1) })),
                ("eta", .number(s.eta)),
                ("loss_before", .number(s.lossBefore)),
                ("loss_after", .number(s.lossAfter)),
                ("updates", .array(s.updates.map { u in
                    .object([("layer", .number(Double(u.layer))), ("delta", .tensor(u.delta)),
                             ("grad_W", .tensor(u.gradientW)), ("grad_b", .tensor(u.gradientB)),
                             ("W", .tensor(u.weightsAfter)), ("b", .tensor(u.biasesAfter))])
                })),
            ]))])
        case .perceptron(let p):
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
        case let .perceptronVisit(v, converged):
            return .object([("perceptron_step", .object([
                ("epoch", .number(Double(v.epoch))), ("sample", .number(Double(v.sample + 1))),
                ("x", numbers(v.x)), ("y", .number(v.y)), ("activation", .number(v.activation)),
                ("margin", .number(v.margin)), ("updated", .bool(v.updated)),
                ("w", numbers(v.w)), ("b", .number(v.b)), ("updates", .number(Double(v.updates))),
                ("converged", .bool(converged)),
            ]))])
        case .predictions(let p):
            return .object([("predict", .array(p.rows.map { r in
                .object([("x", numbers(r.input)), ("t", r.target.map(numbers) ?? .null), ("output", numbers(r.output)),
                         ("class", optional(r.predictedClass.map(Double.init)))])
            }))])
        case .accuracy(let a):
            return .object([("accuracy", .object([
                ("accuracy", .number(a.accuracy)), ("correct", .number(Double(a.correct))),
                ("count", .number(Double(a.count))),
                ("confusion", .array(a.confusion.map { numbers($0.map(Double.init)) })),
            ]))])
        case .grid(let picture):
            let g = picture.grid
            return .object([("grid", .object([
                ("x1", numbers([g.x1Range.lowerBound, g.x1Range.upperBound])),
                ("x2", numbers([g.x2Range.lowerBound, g.x2Range.upperBound])),
                ("rows", .number(Double(g.rows))), ("columns", .number(Double(g.columns))),
                ("classes", g.classes.map { c in numbers(c.map(Double.init)) } ?? .null),
            ]))])
        case let .losses(history, stride):
            return .object([("losses", .object([("stride", .number(Double(stride))), ("values", numbers(history))]))])
        case let .notations(current, available):
            return .object([("notation", .object([("current", .string(current)),
                                                   ("available", .array(available.map(JSONValue.string)))]))])
        case .value, .show, .explanation, .gradCheck, .names, .settings, .help, .lessonTitle, .narration,
             .stepBoundary, .exercise, .assigned, .backwardDone, .settingChanged, .sessionReset, .sampleSelected,
             .perceptronReset, .notationChanged:
            // Not a network result: `render` answers for these (no `default:`, so a new case must be placed).
            return nil
        }
    }
}
