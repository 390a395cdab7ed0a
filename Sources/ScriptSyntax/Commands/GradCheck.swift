/// `gradcheck NAME [eps=H]`: backprop against central finite differences.
public enum GradCheckSyntax {
    static let optionMessage = "gradcheck takes 'eps=H' (the relative finite-difference step)"

    public static let eps = OptionSpec(
        "eps", "H", aliases: ["h"], .number(.between(0, and: 1)), default: "1e-4",
        help: "the relative finite-difference step", wrongKind: optionMessage, wrongKindAtKey: true,
        invalid: { _ in "eps must be a small positive number such as 1e-4" })

    public static let schema = CommandSchema(
        "gradcheck", usage: "gradcheck takes a name and options, as in 'gradcheck L eps=1e-6'",
        summary: "backprop against finite differences", arguments: .name, options: [eps],
        unknownOptionMessage: optionMessage,
        parse: { p, schema throws(Diagnostic) in
            let name = try p.expectIdentifier(.usage(schema.usage))
            return .gradcheck(name, options: try p.parseOptions(schema))
        })
}
