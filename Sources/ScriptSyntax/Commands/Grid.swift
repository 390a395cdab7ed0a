/// `grid [size=N]`: the decision regions of a 2-input network over the data's box.
public enum GridSyntax {
    /// Rows of the picture when `size=` is not given.
    public static let defaultSize = 16

    public static let size = OptionSpec(
        "size", "N", .wholeNumber(.from(4, to: 200)), default: String(defaultSize), help: "rows of the picture",
        error: "size is a whole number from 4 to 200 (rows of the picture)")

    public static let schema = CommandSchema(
        "grid", usage: "grid takes options, as in 'grid size=24'",
        summary: "the decision regions of a 2-input network", options: [size],
        parse: { p, schema throws(Diagnostic) in .grid(try p.parseOptions(schema)) })
}
