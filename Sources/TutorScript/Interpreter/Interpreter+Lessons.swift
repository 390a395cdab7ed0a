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
        var scratch = graph
        let (node, _) = try lower(expression, into: &scratch)
        let expected = scratch.value(of: node)
        let r = renderer
        var rule: String?
        var slips: [Slip] = []
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
            // An update w − η·w̄: the classic slip is stepping uphill.
            var update = graph
            let (a, _) = try lower(lhs, into: &update)
            let (b, _) = try lower(rhs, into: &update)
            slips = update.updateSlips(current: a, step: b, expected: expected)
        default:
            slips = Graph.shapeAndScaleSlips(of: expected, meanSizes: [])
        }
        return Exercise(id: id.name, question: question, expected: expected, tolerance: tolerance, hint: hint,
                        rule: rule, slips: slips, line: id.span.start.line)
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
