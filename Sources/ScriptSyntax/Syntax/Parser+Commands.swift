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
        CommandSpec(keyword: "net",
                    usage: "net takes layer sizes and options, as in 'net 2-2-1 hidden=sigmoid output=sigmoid loss=squared'",
                    parse: net),
        CommandSpec(keyword: "data",
                    usage: "data takes a built-in set (and, or, nand, nor, xor) or 'load FILE.csv', as in 'data xor'",
                    parse: data),
        CommandSpec(keyword: "train", usage: "train takes options, as in 'train epochs=1000 eta=0.5'",
                    parse: { p, spec throws(Diagnostic) in .train(try p.parseOptions(spec.usage, allowed: trainOptions)) }),
        CommandSpec(keyword: "step",
                    usage: "step takes a label (a lesson step, as in 'step \"Forward\"') or options (a gradient step, as in 'step sample=1 eta=0.5')",
                    parse: { p, spec throws(Diagnostic) in
                        if case .string(let label) = p.current.kind {
                            p.advance()
                            return .lessonStep(label)
                        }
                        return .step(try p.parseOptions(spec.usage, allowed: ["sample", "eta"]))
                    }),
        CommandSpec(keyword: "perceptron",
                    usage: "perceptron takes 'step', 'reset' or options, as in 'perceptron epochs=100'",
                    parse: perceptron),
        CommandSpec(keyword: "predict", usage: "predict takes nothing or an input, as in 'predict [0, 1]'",
                    parse: { p, _ throws(Diagnostic) in .predict(p.isAtStatementEnd ? nil : try p.parseExpression()) }),
        CommandSpec(keyword: "accuracy", usage: "accuracy takes no arguments", parse: { _, _ in .accuracy }),
        CommandSpec(keyword: "sample", usage: "sample takes a sample number, as in 'sample 3'",
                    parse: { p, spec throws(Diagnostic) in
                        guard !p.isAtStatementEnd else { throw p.error(spec.usage) }
                        return .sample(try p.parseExpression())
                    }),
        CommandSpec(keyword: "notation", usage: "notation takes a name, as in 'notation grosse'",
                    parse: { p, spec throws(Diagnostic) in
                        .notation(p.isAtStatementEnd ? nil : try p.expectIdentifier(spec.usage))
                    }),
        CommandSpec(keyword: "grid", usage: "grid takes options, as in 'grid size=24'",
                    parse: { p, spec throws(Diagnostic) in .grid(try p.parseOptions(spec.usage, allowed: ["size"])) }),
        CommandSpec(keyword: "losses", usage: "losses takes no arguments", parse: { _, _ in .losses }),
        CommandSpec(keyword: "title", usage: "title takes a quoted text, as in 'title \"XOR\"'",
                    parse: { p, spec throws(Diagnostic) in .title(try p.expectString(spec.usage)) }),
        CommandSpec(keyword: "say", usage: "say takes a quoted text, as in 'say \"Now the backward pass.\"' or a \"\"\" block",
                    parse: { p, spec throws(Diagnostic) in .say(try p.expectString(spec.usage)) }),
        CommandSpec(keyword: "ask",
                    usage: "ask takes an id, an expression and a question, as in 'ask q1 z.grad \"What is z̄?\" tol=0.01'",
                    parse: ask),
    ]

    /// `ask ID EXPR "QUESTION" [tol=T] [hint="TEXT"]`.
    static func ask(_ p: inout ParserState, _ spec: CommandSpec) throws(Diagnostic) -> Command {
        let id = try p.expectIdentifier(spec.usage)
        if case .string = p.current.kind { throw p.error(spec.usage) }
        let expression = try p.parseExpression()
        let question = try p.expectString(spec.usage)
        let options = try p.parseOptions(spec.usage, allowed: ["tol", "hint"])
        return .ask(id: id, expression: expression, question: question, options: options)
    }

    static let trainOptions = ["epochs", "eta", "mode", "batch", "seed", "lambda"]

    /// `net 2-3-1 options…`: the sizes are read as one raw word so `2-3-1` is not subtraction.
    static func net(_ p: inout ParserState, _ spec: CommandSpec) throws(Diagnostic) -> Command {
        guard let (word, span) = p.readRawWord() else { throw p.error(spec.usage) }
        var layers: [Int] = []
        for part in word.split(separator: "-", omittingEmptySubsequences: false) {
            guard let n = Int(part), n >= 1, n <= 100_000 else {
                throw Diagnostic("layer sizes are whole numbers joined by '-', as in 2-3-1; '\(word)' is not",
                                 at: span)
            }
            layers.append(n)
        }
        guard layers.count >= 2 else {
            throw Diagnostic("a network needs at least an input and an output layer, as in 2-1", at: span)
        }
        let options = try p.parseOptions(spec.usage, allowed: ["hidden", "output", "loss", "seed", "act"])
        return .net(layers: layers, layersSpan: span, options: options)
    }

    static func data(_ p: inout ParserState, _ spec: CommandSpec) throws(Diagnostic) -> Command {
        if p.isAtStatementEnd { return .data(nil, options: []) }
        let word = try p.expectIdentifier(spec.usage)
        if word.name == "load" {
            let path: (String, SourceSpan)
            if case .string(let text) = p.current.kind {
                path = (text, p.advance().span)
            } else if let raw = p.readRawWord() {
                path = raw
            } else {
                throw p.error("data load takes a file name, as in 'data load digits.csv'")
            }
            let options = try p.parseOptions(spec.usage, allowed: ["targets", "classes", "features"])
            return .data(.file(path: path.0, span: path.1), options: options)
        }
        let options = try p.parseOptions(spec.usage, allowed: ["features"])
        return .data(.builtin(word), options: options)
    }

    static func perceptron(_ p: inout ParserState, _ spec: CommandSpec) throws(Diagnostic) -> Command {
        if case .identifier(let word) = p.current.kind, word == "step" || word == "reset" {
            let action = Identifier(word, span: p.advance().span)
            return .perceptron(action: action, options: [])
        }
        return .perceptron(action: nil, options: try p.parseOptions(spec.usage, allowed: ["epochs"]))
    }

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
