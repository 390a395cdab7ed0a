/// `data` (describe the current set), `data xor [features=product]` (a built-in set),
/// `data load FILE.csv [targets=K | classes=C] [features=product]`, and the same without
/// `load` when the word is a file's name (`data digits.csv`, `data sets/and.csv`): one
/// that ends in `.csv` or holds a `/`, or a quoted text.
public enum DataSyntax {
    public static let targets = OptionSpec(
        "targets", "K", .wholeNumber(.from(1, to: 10_000)), default: "1",
        help: "the last K columns are the targets (data load only)",
        error: "targets is a whole number from 1 to 10000, as in targets=2")
    public static let classes = OptionSpec(
        "classes", "C", .wholeNumber(.from(1, to: 10_000)),
        help: "the last column is a class 0…C−1, read one-hot (data load only)",
        error: "classes is a whole number from 1 to 10000, as in classes=2")
    public static let features = OptionSpec(
        "features", "product", .word(choices: ["product"]),
        help: "maps (x1, x2) to (x1, x2, x1·x2)",
        error: "features=product is the one feature map: (x1, x2) → (x1, x2, x1·x2)")

    /// The word that reads a CSV file instead of naming a built-in set.
    public static let load = "load"

    public static let schema = CommandSchema(
        "data", usage: "data takes a built-in set (and, or, nand, nor, xor) or 'load FILE.csv', as in 'data xor'",
        summary: "a data set", arguments: .dataSources, options: [targets, classes, features], parse: parse)

    static func parse(_ p: inout ParserState, _ schema: CommandSchema) throws(Diagnostic) -> Command {
        if p.isAtStatementEnd { return .data(nil, options: []) }
        if let path = fileName(&p) {
            let options = try p.parseOptions(schema)
            return .data(.file(path: path.text, span: path.span), options: options)
        }
        let word = try p.expectIdentifier(.usage(schema.usage))
        if word.name == load {
            guard let path = fileName(&p, quotedOrRaw: true) else {
                throw p.error(.dataLoadNeedsFile)
            }
            let options = try p.parseOptions(schema)
            return .data(.file(path: path.text, span: path.span), options: options)
        }
        let options = try p.parseOptions(schema, allowed: [features])
        return .data(.builtin(word), options: options)
    }

    /// A file name at this point: a quoted text, or a word up to the next space. Without
    /// `quotedOrRaw` (no `load` before it) a bare word counts only when it looks like a
    /// path, so `data xor` stays the built-in set; nothing is consumed when it does not.
    private static func fileName(_ p: inout ParserState, quotedOrRaw: Bool = false)
        -> (text: String, span: SourceSpan)? {
        if case .string(let text) = p.current.kind { return (text, p.advance().span) }
        var probe = p
        guard let raw = probe.readRawWord() else { return nil }
        guard quotedOrRaw || isPathLike(raw.text) else { return nil }
        p = probe
        return raw
    }

    /// Whether a bare word after `data` names a file rather than a built-in set.
    public static func isPathLike(_ word: String) -> Bool {
        word.contains("/") || word.lowercased().hasSuffix(".csv")
    }
}
