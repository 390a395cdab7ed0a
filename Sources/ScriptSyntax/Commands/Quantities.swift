/// The commands about the graph's quantities: `backward`, `show`, `explain`, `names`, `reset`.
public enum QuantitySyntax {
    public static let backward = CommandSchema(
        "backward", usage: "backward takes one name, as in 'backward L'",
        summary: "error signals ∂NAME/∂v for every v", arguments: .name,
        parse: { p, schema throws(Diagnostic) in .backward(try p.expectIdentifier(.usage(schema.usage))) })

    public static let show = CommandSchema(
        "show", usage: "show takes names, as in 'show W1 b1' or 'show W1.grad'",
        summary: "values and gradients", arguments: .quantities,
        parse: { p, schema throws(Diagnostic) in
            var quantities: [QuantityReference] = []
            while !p.isAtStatementEnd {
                if !quantities.isEmpty { _ = p.accept(.comma) }
                quantities.append(try p.parseQuantity(schema.usage))
            }
            return .show(quantities)
        })

    public static let explain = CommandSchema(
        "explain", usage: "explain takes one name, as in 'explain z' or 'explain W1.grad'",
        summary: "how a value or gradient was computed", arguments: .quantity,
        parse: { p, schema throws(Diagnostic) in .explain(try p.parseQuantity(schema.usage)) })

    public static let names = CommandSchema(
        "names", usage: "names takes no arguments", summary: "every bound name, its shape and definition",
        parse: { _, _ in .names })

    public static let reset = CommandSchema(
        "reset", usage: "reset takes no arguments", summary: "forget everything (a fresh session)",
        parse: { _, _ in .reset })
}

/// The session's own commands: `set`, `help`, `notation`.
public enum SessionSyntax {
    public static let set = CommandSchema(
        "set", usage: "set takes a setting and a value, as in 'set digits 10'",
        summary: "settings (set digits 10)", arguments: .settings,
        parse: { p, schema throws(Diagnostic) in
            if p.isAtStatementEnd { return .set(key: nil, value: nil, valueSpan: nil) }
            let key = try p.expectIdentifier(.usage(schema.usage))
            _ = p.accept(.assign)
            guard let (value, span) = p.parseOptionValue() else { throw p.usageError(schema) }
            return .set(key: key, value: value, valueSpan: span)
        })

    public static let help = CommandSchema(
        "help", usage: "help takes one topic, as in 'help show'",
        summary: "this help; help functions, help syntax", arguments: .helpTopics,
        parse: { p, schema throws(Diagnostic) in
            if p.isAtStatementEnd { return .help(nil) }
            return .help(try p.expectIdentifier(.usage(schema.usage)))
        })

    public static let notation = CommandSchema(
        "notation", usage: "notation takes a name, as in 'notation grosse'",
        summary: "the lectures' names for a network's quantities", arguments: .notations,
        parse: { p, schema throws(Diagnostic) in
            .notation(p.isAtStatementEnd ? nil : try p.expectIdentifier(.usage(schema.usage)))
        })
}

/// The network commands without options: `predict`, `accuracy`, `sample`, `losses`.
public enum EvaluationSyntax {
    public static let predict = CommandSchema(
        "predict", usage: "predict takes nothing or an input, as in 'predict [0, 1]'",
        summary: "the network's outputs (every sample, or one input)", arguments: .expression,
        parse: { p, _ throws(Diagnostic) in .predict(p.isAtStatementEnd ? nil : try p.parseExpression()) })

    public static let accuracy = CommandSchema(
        "accuracy", usage: "accuracy takes no arguments", summary: "the share of samples classified right",
        parse: { _, _ in .accuracy })

    public static let sample = CommandSchema(
        "sample", usage: "sample takes a sample number, as in 'sample 3'",
        summary: "put sample K of the data into x and t", arguments: .expression,
        parse: { p, schema throws(Diagnostic) in
            guard !p.isAtStatementEnd else { throw p.usageError(schema) }
            return .sample(try p.parseExpression())
        })

    public static let losses = CommandSchema(
        "losses", usage: "losses takes no arguments", summary: "the loss curve of the last training run",
        parse: { _, _ in .losses })
}

/// The lesson directives without options: `title`, `say` (`step "LABEL"` is in Step.swift,
/// `ask` in Ask.swift).
public enum LessonSyntax {
    public static let title = CommandSchema(
        "title", usage: "title takes a quoted text, as in 'title \"XOR\"'", summary: "a lesson's title",
        arguments: .text,
        parse: { p, schema throws(Diagnostic) in .title(try p.expectString(.usage(schema.usage))) })

    public static let say = CommandSchema(
        "say", usage: "say takes a quoted text, as in 'say \"Now the backward pass.\"' or a \"\"\" block",
        summary: "narration (in a lesson)", arguments: .text,
        parse: { p, schema throws(Diagnostic) in .say(try p.expectString(.usage(schema.usage))) })
}
