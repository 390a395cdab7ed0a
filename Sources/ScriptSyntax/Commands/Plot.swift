/// `plot EXPR[, EXPR…] for NAME in LOW..HIGH [points=N]`: curves of one variable, each
/// expression sampled with NAME bound to evenly spaced points from LOW to HIGH.
public enum PlotSyntax {
    /// Points when `points=` is not given: 61, so a range such as −3..3 lands on tenths.
    public static let defaultPoints = 61

    public static let points = OptionSpec(
        "points", "N", .wholeNumber(.from(2, to: 2001)), default: String(defaultPoints),
        help: "how many points, evenly spaced, both ends included",
        error: "points is a whole number from 2 to 2001")

    public static let schema = CommandSchema(
        "plot", usage: "plot takes expressions, then 'for NAME in LOW..HIGH', as in 'plot sigmoid(z), sigmoid(5*z) for z in -4..4'",
        summary: "curves of one variable", arguments: .curves, options: [points], parse: parse)

    static func parse(_ p: inout ParserState, _ schema: CommandSchema) throws(Diagnostic) -> Command {
        guard !p.isAtStatementEnd, p.current.identifier != "for" else { throw p.usageError(schema) }
        var curves = [try p.parseExpression()]
        while p.accept(.comma) != nil { curves.append(try p.parseExpression()) }
        guard p.current.identifier == "for" else { throw p.usageError(schema) }
        p.advance()
        let variable = try p.expectIdentifier(.usage(schema.usage))
        guard p.current.identifier == "in" else { throw p.usageError(schema) }
        p.advance()
        let low = try p.parseExpression()
        guard p.accept(.range) != nil else { throw p.usageError(schema) }
        let high = try p.parseExpression()
        return .plot(PlotCommand(curves: curves, variable: variable, low: low, high: high,
                                 options: try p.parseOptions(schema)))
    }
}

/// What `plot` was given.
public struct PlotCommand: Sendable, Equatable {
    /// The expressions to sample, in order.
    public var curves: [Expression]
    /// The name bound to each point.
    public var variable: Identifier
    public var low: Expression
    public var high: Expression
    public var options: [CommandOption]
}
