/// Helpers for command arguments.
extension ParserState {
    /// The command word, its arguments, and the end of the line.
    mutating func parseCommand(_ schema: CommandSchema) throws(Diagnostic) -> Statement {
        let word = advance()
        let command = try schema.parse(&self, schema)
        guard isAtStatementEnd else { throw usageError(schema) }
        return Statement(.command(keyword: Identifier(schema.keyword, span: word.span), command),
                         span: span(from: word.span.start))
    }

    /// The command's usage line, at the current token.
    func usageError(_ schema: CommandSchema) -> Diagnostic {
        error(.usage(schema.usage))
    }

    /// `NAME` or `NAME.grad`.
    mutating func parseQuantity(_ usage: String) throws(Diagnostic) -> QuantityReference {
        let name = try expectIdentifier(.usage(usage))
        guard accept(.dot) != nil else {
            return QuantityReference(name: name, gradient: false, span: name.span)
        }
        guard current.identifier == "grad" else { throw error(.expectedGradAfterDot) }
        let grad = advance()
        return QuantityReference(name: name, gradient: true, span: name.span.merged(with: grad.span))
    }

    /// `key=value ...` up to the end of the line. Keys the schema does not declare are errors
    /// (with a suggestion), unless the command checks them itself; `allowed` narrows the
    /// declared options (`data xor` takes only `features`). A key given twice is always an error.
    mutating func parseOptions(_ schema: CommandSchema, allowed: [OptionSpec]? = nil) throws(Diagnostic) -> [CommandOption] {
        let allowedNames = allowed.map { $0.map(\.name) } ?? schema.allowedOptionNames
        var options: [CommandOption] = []
        while !isAtStatementEnd {
            let key = try expectIdentifier(.usage(schema.usage))
            if let allowedNames, !allowedNames.contains(key.name) {
                var notes: [String] = []
                if let note = Suggestions.note(for: key.name, among: allowedNames) { notes.append(note) }
                notes.append("the options are: " + allowedNames.joined(separator: ", "))
                throw Diagnostic(SyntaxMessage.unknownOption(key.name), at: key.span, notes: notes)
            }
            if options.contains(where: { $0.key.name == key.name }) {
                throw Diagnostic(SyntaxMessage.duplicateOption(key.name), at: key.span)
            }
            guard accept(.assign) != nil else {
                throw error(.expectedEqualsAfterOption(key.name))
            }
            guard let (value, span) = parseOptionValue() else {
                throw error(.expectedOptionValue(key.name))
            }
            options.append(CommandOption(key: key, value: value, valueSpan: span))
        }
        return options
    }

    /// A number (possibly negative), a bare word or a string; nil (nothing consumed) otherwise.
    mutating func parseOptionValue() -> (OptionValue, SourceSpan)? {
        switch current.kind {
        case .number(let x):
            return (.number(x), advance().span)
        case .identifier(let word):
            // A comma-separated list of words stays one value: act=relu,relu,softmax.
            var text = word
            var span = advance().span
            while check(.comma), case .identifier(let next) = peek().kind {
                advance()
                text += "," + next
                span = span.merged(with: advance().span)
            }
            return (.word(text), span)
        case .string(let text):
            return (.string(text), advance().span)
        case .symbol(.minus):
            guard case .number(let x) = peek().kind else { return nil }
            let minus = advance()
            let number = advance()
            return (.number(-x), minus.span.merged(with: number.span))
        default:
            return nil
        }
    }
}
