/// The parser of the command language (see `shared/spec/LANGUAGE.md`, "The language").
///
/// One statement per line: an assignment (`w = 0.5`, `W[1, 2] = 0`, `c += 1`), a command
/// (`backward L`, see `CommandTable`) or a bare expression. Inside brackets a statement
/// may continue on the next lines.
public enum Parser {
    /// Parses a whole source into statements. Recovers at the next line after an error so that
    /// every syntax error of a file is reported, in order.
    public static func parse(_ source: SourceFile) -> (statements: [Statement], diagnostics: [Diagnostic]) {
        var state = ParserState(tokens: Lexer.tokenize(source))
        var statements: [Statement] = []
        var diagnostics: [Diagnostic] = []
        while true {
            state.skipNewlines()
            if state.current.kind == .endOfInput { break }
            do {
                statements.append(try state.parseStatement())
            } catch {
                diagnostics.append(error)
                state.recover()
            }
        }
        return (statements, diagnostics)
    }

    /// Parses a single expression (used for answers files, option values): the whole text must be one expression.
    /// Blank lines and comments around it are allowed.
    public static func parseExpression(_ source: SourceFile) -> Result<Expression, Diagnostic> {
        var state = ParserState(tokens: Lexer.tokenize(source))
        state.skipNewlines()
        if state.current.kind == .endOfInput {
            return .failure(state.error(.expectedExpression))
        }
        state.beginStatement()
        do throws(Diagnostic) {
            let expression = try state.parseExpression()
            state.skipNewlines()
            guard state.current.kind == .endOfInput else {
                throw state.error(.textAfterExpression(unexpected: state.current.unexpected))
            }
            return .success(expression)
        } catch {
            return .failure(error)
        }
    }

    /// Whether `source` stops in the middle of a statement that more lines would complete:
    /// inside a `"""` string or with a bracket still open. A REPL uses it to ask for a
    /// continuation line.
    public static func needsContinuation(_ source: SourceFile) -> Bool { unfinished(source) != nil }

    /// What more lines would close in `source`.
    public enum Unfinished: Sendable, Equatable {
        /// A `(` or `[` still open.
        case bracket
        /// A `"""` text still open (its lines are text, not commands).
        case tripleQuote
    }

    /// What `source` leaves open at its end, nil when it is complete.
    public static func unfinished(_ source: SourceFile) -> Unfinished? {
        let (tokens, openTripleQuote) = Lexer.scan(source)
        if openTripleQuote { return .tripleQuote }
        var depth = 0
        for token in tokens {
            switch token.kind {
            case .symbol(.leftParen), .symbol(.leftBracket): depth += 1
            case .symbol(.rightParen), .symbol(.rightBracket): depth = max(0, depth - 1)
            default: break
            }
        }
        return depth > 0 ? .bracket : nil
    }

    /// Whether `line` reads as a statement of its own: a command (`show x`) or an
    /// assignment (`x = 2`). A REPL waiting for a bracket to close takes such a line as
    /// the user having moved on, not as the bracket's contents.
    public static func startsStatement(_ line: String) -> Bool {
        let tokens = Lexer.scan(SourceFile(name: "<line>", text: line)).tokens
        guard tokens.count >= 2, case .identifier(let word) = tokens[0].kind else { return false }
        if tokens[1].symbol?.assignmentOperator != nil { return true }
        return CommandTable.command(named: word) != nil && !tokens[1].isSymbol(.leftParen)
    }
}

extension ParserState {
    /// One statement, up to (not including) the line break that ends it.
    mutating func parseStatement() throws(Diagnostic) -> Statement {
        beginStatement()
        let first = current
        if case .identifier(let word) = first.kind {
            let next = peek()
            let continuesAsName = next.symbol?.assignmentOperator != nil || next.isSymbol(.leftParen)
            if !continuesAsName, let command = CommandTable.command(named: word) {
                return try parseCommand(command)
            }
            if !continuesAsName, next.startsArgument {
                var notes: [String] = []
                if let note = Suggestions.note(for: word, among: Keywords.commands) { notes.append(note) }
                throw error(.unknownCommand(word), at: first, notes: notes)
            }
        }

        let left = try parseExpression()
        if let op = current.symbol?.assignmentOperator {
            let opToken = advance()
            let target = try assignmentTarget(left, firstToken: first, operatorToken: opToken)
            let value = try parseExpression()
            try expectEndOfStatement()
            return Statement(.assignment(target: target, operator: op, value: value),
                             span: span(from: first.span.start))
        }
        try expectEndOfStatement()
        return Statement(.expression(left), span: left.span)
    }

    /// The left side of `=` as a target: a name, or a name indexed once (`W[1, 2]`).
    func assignmentTarget(_ left: Expression, firstToken: Token, operatorToken: Token) throws(Diagnostic) -> AssignmentTarget {
        let writtenAsName = firstToken.identifier != nil
        switch left.kind {
        case .name(let name) where writtenAsName:
            return AssignmentTarget(name: Identifier(name, span: left.span))
        case .index(let base, let indices) where writtenAsName:
            if case .name(let name) = base.kind {
                return AssignmentTarget(name: Identifier(name, span: base.span), indices: indices)
            }
        case .grad(let name):
            throw Diagnostic(SyntaxMessage.assignmentToGradient(name: name.name), at: left.span)
        default:
            break
        }
        throw Diagnostic(SyntaxMessage.badAssignmentTarget(assignmentOperator: operatorToken.text), at: left.span)
    }

    /// After a complete statement only the end of the line may follow.
    mutating func expectEndOfStatement() throws(Diagnostic) {
        guard !isAtStatementEnd else { return }
        let junk = current
        var notes: [String] = []
        switch junk.kind {
        case .symbol(.rightParen): notes.append("there is no '(' for it to close")
        case .symbol(.rightBracket): notes.append("there is no '[' for it to close")
        case .identifier, .number, .symbol(.leftParen): notes.append("to multiply, write '*' between the factors")
        default: break
        }
        throw error(.textAfterStatement(unexpected: junk.unexpected), at: junk, notes: notes)
    }
}

extension Token {
    /// A token that cannot continue an expression but can follow a command word:
    /// a name, a number or a string.
    var startsArgument: Bool {
        switch kind {
        case .identifier, .number, .string: true
        default: false
        }
    }
}
