/// `ask ID EXPR "QUESTION" [tol=T] [hint="TEXT"] [points=P]`: an exercise whose answer is EXPR's value.
public enum AskSyntax {
    public static let tol = OptionSpec(
        "tol", "T", .number(.between(0, and: 1)), default: "0.005", help: "the relative tolerance of a right answer",
        wrongKind: "tol takes a number, as in tol=0.01",
        invalid: { _ in "tol is a relative tolerance between 0 and 1, as in tol=0.01 (1 %)" })
    public static let hint = OptionSpec(
        "hint", "\"TEXT\"", .text, help: "shown after a wrong answer",
        error: "hint takes a quoted text, as in hint=\"multiply by σ'(z)\"")
    public static let points = OptionSpec(
        "points", "P", .number(.from(0, to: 1000)), default: "1", help: "what a right answer earns in grades",
        error: "points is a number from 0 to 1000, as in points=2")

    public static let schema = CommandSchema(
        "ask", usage: "ask takes an id, an expression and a question, as in 'ask q1 z.grad \"What is z̄?\" tol=0.01'",
        summary: "an exercise (in a lesson)", arguments: .text, options: [tol, hint, points],
        parse: { p, schema throws(Diagnostic) in
            let id = try p.expectIdentifier(.usage(schema.usage))
            if case .string = p.current.kind { throw p.usageError(schema) }
            let expression = try p.parseExpression()
            let question = try p.expectString(.usage(schema.usage))
            let options = try p.parseOptions(schema)
            return .ask(id: id, expression: expression, question: question, options: options)
        })
}
