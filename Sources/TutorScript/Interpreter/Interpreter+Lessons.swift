import BackpropCore
import TutorStore
import ScriptSyntax

/// `ask` (an exercise with its answer, the rule and the slips it diagnoses) and `random()`,
/// the lesson's per-student numbers. (`title`, `say` and `step "LABEL"` print their text:
/// see the dispatch in Interpreter+Commands.swift.)
extension Interpreter {
    func exercise(_ id: Identifier, _ expression: Expression, _ question: String,
                  _ options: [CommandOption]) throws(Diagnostic) -> Exercise {
        try AskSyntax.schema.validate(options)
        let tolerance = try options.number(AskSyntax.tol) ?? Exercise.defaultTolerance
        let hint = try options.text(AskSyntax.hint)
        let points = try options.number(AskSyntax.points) ?? 1
        var scratch = graph
        let (node, _) = try lower(expression, into: &scratch)
        let expected = scratch.value(of: node)
        let r = renderer
        var rule: String?
        var slips: [Slip] = [], carried: [Slip] = []
        switch expression.kind {
        case .grad(let name):
            let target = try lookup(name)
            if let e = try? graph.explainGradient(of: target, renderer: r) {
                rule = e.rule.map { "\(e.quantity) = \($0)" }
            }
            slips = graph.gradientSlips(of: target, renderer: r)
        case .name(let name):
            let target = try lookup(Identifier(name, span: expression.span))
            let e = graph.explainValue(of: target, renderer: r)
            rule = e.rule.map { "\(e.quantity) = \($0)" }
            slips = graph.valueSlips(of: target, renderer: r)
        case let .binary(.subtract, lhs, rhs):
            // An update w − η·w̄: the classic slips are stepping uphill and taking no step.
            var update = graph
            let (a, _) = try lower(lhs, into: &update)
            let (b, _) = try lower(rhs, into: &update)
            slips = update.updateSlips(current: a, step: b, expected: expected)
            slips += try staleGradientSlips(lhs, rhs)
            carried = try carriedGradientSlips(lhs, rhs)
        default:
            slips = Graph.shapeAndScaleSlips(of: expected, meanSizes: [])
        }
        // A slip that gives the answer itself is no mistake here: leaving out a derivative or
        // a factor that is exactly 1 (identity′, relu′ of a positive z, a factor 𝟏), the sign
        // or a factor 2 of a 0, the transpose of a symmetric matrix.
        slips.removeAll { [.localDerivative, .factor, .shapeOrScale].contains($0.kind) && $0.value == expected }
        var exercise = Exercise(id: id.name, question: question, expected: expected, tolerance: tolerance,
                                hint: hint, rule: rule, slips: slips, line: id.span.start.line, points: points)
        // A gradient slip carried into a step is scaled by η: one that lands within a few
        // tolerance bands of the step is a difference the declared tolerance calls
        // immaterial, so it is not diagnosed (and does not narrow the band).
        exercise.slips += carried.filter { exercise.bands(from: $0.value).map { $0 >= Exercise.slipMargin } ?? true }
        return exercise
    }

    /// For `W − η*W.grad` on a network's parameter: the same update with the gradient
    /// taken after the weights of a later layer (nearer the loss) were updated first. Empty for any other form, or outside a network.
    private func staleGradientSlips(_ lhs: Expression, _ rhs: Expression) throws(Diagnostic) -> [Slip] {
        guard case .name(let name) = lhs.kind, case let .binary(.multiply, rateExpression, gradient) = rhs.kind,
              case .grad(let of) = gradient.kind, of.name == name,
              let nodes = session.network, nodes.isCurrent(in: graph),
              let rate = try constantValue(rateExpression), rate.isScalar,
              let parameter = graph.bindings[name] else { return [] }
        let layers = nodes.spec.depth
        guard let layer = (0..<layers).first(where: { nodes.weights[$0] == parameter || nodes.biases[$0] == parameter })
        else { return [] }
        let r = renderer
        // The later layers' weights: lecture 001's V (their biases, absent from the notes' model, move δ
        // too little to be a slip a student makes on paper).
        let later = ((layer + 1)..<layers).map { (id: nodes.weights[$0], name: r.name(nodes.weights[$0])) }
        return graph.staleGradientSlips(parameter: parameter, rate: rate.scalar, later: later)
    }

    /// For `w − η*w.grad` (η any scalar expression): w̄'s own slips carried into the step.
    private func carriedGradientSlips(_ lhs: Expression, _ rhs: Expression) throws(Diagnostic) -> [Slip] {
        guard case .name(let name) = lhs.kind, case let .binary(.multiply, rateExpression, gradient) = rhs.kind,
              case .grad(let of) = gradient.kind, of.name == name, let parameter = graph.bindings[name],
              graph.gradient(of: parameter) != nil else { return [] }
        var scratch = graph
        let (rate, _) = try lower(rateExpression, into: &scratch)
        guard scratch.value(of: rate).isScalar else { return [] }
        return graph.carriedGradientSlips(parameter: parameter, rate: scratch.value(of: rate).scalar, renderer: renderer)
    }

    /// `random(low, high[, digits=D])`: a number for this student's variant,
    /// uniform in [low, high] and rounded to D decimals (2 unless given). It
    /// depends only on the variant seed and on which draw it is: in an
    /// assignment, the name assigned, the how-many-th assignment with random()
    /// of that name, and the call's order in the right side (elsewhere, the
    /// line and column). So the same seed gives the same numbers however often
    /// it is evaluated, and editing other lines of a lesson does not change them.
    func randomValue(_ call: Expression, _ arguments: [Expression]) throws(Diagnostic) -> Tensor {
        var positional: [Double] = []
        var digits = 2.0
        for argument in arguments {
            if case let .keywordArgument(key, value) = argument.kind {
                guard key.name == "digits" else {
                    throw Diagnostic(ScriptMessage.randomOption(key.name), at: key.span)
                }
                guard let t = try constantValue(value), t.isScalar, t.scalar == t.scalar.rounded(),
                      t.scalar >= 0, t.scalar <= 10 else {
                    throw Diagnostic(ScriptMessage.randomDigits, at: value.span)
                }
                digits = t.scalar
                continue
            }
            guard let t = try constantValue(argument), t.isScalar else {
                throw Diagnostic(ScriptMessage.randomBoundsNotNumbers, at: argument.span)
            }
            positional.append(t.scalar)
        }
        guard positional.count == 2, positional[0] <= positional[1] else {
            throw Diagnostic(ScriptMessage.randomArguments, at: call.span)
        }
        let identity: String
        if let context = randomContext,
           let ordinal = Self.randomCalls(in: context.rhs).firstIndex(where: { $0.span == call.span }) {
            identity = "\(context.name)#\(context.draw)#\(ordinal)"
        } else {
            identity = "@\(call.span.start.line):\(call.span.start.column)"
        }
        let key = variantSeed ^ FNV1a.hash(identity.utf8)
        var rng = SplitMix64(seed: key)
        _ = rng.next()
        let x = rng.uniform(positional[0], positional[1])
        let scale = pow10(digits)
        return Tensor(scalar: min(max((x * scale).rounded() / scale, positional[0]), positional[1]))
    }

    private func pow10(_ d: Double) -> Double {
        var p = 1.0
        for _ in 0..<Int(d) { p *= 10 }
        return p
    }
}
