/// How one command reads the words after it.
struct CommandSpec: Sendable {
    /// The command word, e.g. `backward`.
    let keyword: String
    /// The error shown at the offending token when the arguments are wrong.
    let usage: String
    /// Reads the arguments (the command word is already consumed). Need not check the end
    /// of the line: anything left over is reported with `usage`.
    let parse: @Sendable (inout ParserState, CommandSpec) throws(Diagnostic) -> Command
}

/// The commands of the language. To add one: add a case to `Command` (AST.swift), a parse
/// function below, and an entry to `all`; `Keywords.commands` follows automatically.
enum CommandTable {
    static let all: [CommandSpec] = [
        CommandSpec(keyword: "backward", usage: "backward takes one name, as in 'backward L'", parse: backward),
        CommandSpec(keyword: "show", usage: "show takes names, as in 'show W1 b1' or 'show W1.grad'", parse: show),
        CommandSpec(keyword: "explain", usage: "explain takes one name, as in 'explain z' or 'explain W1.grad'",
                    parse: explain),
        CommandSpec(keyword: "gradcheck", usage: "gradcheck takes a name and options, as in 'gradcheck L eps=1e-6'",
                    parse: gradcheck),
        CommandSpec(keyword: "set", usage: "set takes a setting and a value, as in 'set digits 10'", parse: set),
        CommandSpec(keyword: "help", usage: "help takes one topic, as in 'help show'", parse: help),
        CommandSpec(keyword: "names", usage: "names takes no arguments", parse: { _, _ in .names }),
        CommandSpec(keyword: "reset", usage: "reset takes no arguments", parse: { _, _ in .reset }),
    ]

    private static let byKeyword: [String: CommandSpec] =
        Dictionary(all.map { ($0.keyword, $0) }, uniquingKeysWith: { first, _ in first })

    static func command(named word: String) -> CommandSpec? { byKeyword[word] }

    static func backward(_ p: inout ParserState, _ spec: CommandSpec) throws(Diagnostic) -> Command {
        .backward(try p.expectIdentifier(spec.usage))
    }

    static func show(_ p: inout ParserState, _ spec: CommandSpec) throws(Diagnostic) -> Command {
        var quantities: [QuantityReference] = []
        while !p.isAtStatementEnd {
            if !quantities.isEmpty { _ = p.accept(.comma) }
            quantities.append(try p.parseQuantity(spec.usage))
        }
        return .show(quantities)
    }

    static func explain(_ p: inout ParserState, _ spec: CommandSpec) throws(Diagnostic) -> Command {
        .explain(try p.parseQuantity(spec.usage))
    }

    static func gradcheck(_ p: inout ParserState, _ spec: CommandSpec) throws(Diagnostic) -> Command {
        let name = try p.expectIdentifier(spec.usage)
        return .gradcheck(name, options: try p.parseOptions(spec.usage))
    }

    static func set(_ p: inout ParserState, _ spec: CommandSpec) throws(Diagnostic) -> Command {
        if p.isAtStatementEnd { return .set(key: nil, value: nil, valueSpan: nil) }
        let key = try p.expectIdentifier(spec.usage)
        _ = p.accept(.assign)
        guard let (value, span) = p.parseOptionValue() else { throw p.error(spec.usage) }
        return .set(key: key, value: value, valueSpan: span)
    }

    static func help(_ p: inout ParserState, _ spec: CommandSpec) throws(Diagnostic) -> Command {
        if p.isAtStatementEnd { return .help(nil) }
        return .help(try p.expectIdentifier(spec.usage))
    }
}

/// Helpers for command arguments.
extension ParserState {
    /// The command word, its arguments, and the end of the line.
    mutating func parseCommand(_ spec: CommandSpec) throws(Diagnostic) -> Statement {
        let word = advance()
        let command = try spec.parse(&self, spec)
        guard isAtStatementEnd else { throw error(spec.usage) }
        return Statement(.command(keyword: Identifier(spec.keyword, span: word.span), command),
                         span: span(from: word.span.start))
    }

    /// `NAME` or `NAME.grad`.
    mutating func parseQuantity(_ usage: String) throws(Diagnostic) -> QuantityReference {
        let name = try expectIdentifier(usage)
        guard accept(.dot) != nil else {
            return QuantityReference(name: name, gradient: false, span: name.span)
        }
        guard current.identifier == "grad" else { throw error("expected 'grad' after '.', as in W1.grad") }
        let grad = advance()
        return QuantityReference(name: name, gradient: true, span: name.span.merged(with: grad.span))
    }

    /// `key=value ...` up to the end of the line. With `allowed`, other keys are errors
    /// (with a suggestion); a key given twice is always an error.
    mutating func parseOptions(_ usage: String, allowed: [String]? = nil) throws(Diagnostic) -> [CommandOption] {
        var options: [CommandOption] = []
        while !isAtStatementEnd {
            let key = try expectIdentifier(usage)
            if let allowed, !allowed.contains(key.name) {
                var notes: [String] = []
                if let suggestion = Suggestions.closest(to: key.name, among: allowed) {
                    notes.append("did you mean '\(suggestion)'?")
                }
                notes.append("the options are: " + allowed.joined(separator: ", "))
                throw Diagnostic("unknown option '\(key.name)'", at: key.span, notes: notes)
            }
            if options.contains(where: { $0.key.name == key.name }) {
                throw Diagnostic("the option '\(key.name)' is given twice", at: key.span)
            }
            guard accept(.assign) != nil else {
                throw error("expected '=' after '\(key.name)': options are written key=value, as in eps=1e-6")
            }
            guard let (value, span) = parseOptionValue() else {
                throw error("expected a value after '\(key.name)=', as in \(key.name)=1")
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
            return (.word(word), advance().span)
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
