/// The parser's cursor over the token list, with the small helpers every rule uses.
/// Command parsers (Parser+Commands.swift) use it directly.
///
/// Inside brackets (`( )`, `[ ]`) line breaks are transparent, so a literal or a call may
/// span lines; outside them a line break ends the statement.
struct ParserState {
    let tokens: [Token]
    private(set) var index = 0
    /// The last token consumed (never a skipped line break).
    private(set) var lastConsumed: Token?
    /// The brackets open now, innermost last; `literal` marks the `[` of a vector or
    /// matrix literal (not of an index or a call).
    private(set) var openers: [(token: Token, literal: Bool)] = []
    /// How many brackets are open.
    var bracketDepth: Int { openers.count }
    /// Where the statement being parsed begins (for "at the start of a statement" messages).
    private(set) var statementStart = 0
    /// Where to resume after an error, when not at the next line break (see `unclosed`).
    var recoveryIndex: Int?
    /// How deep the expression being parsed nests (brackets, unary minus, powers and
    /// operator chains all count), so that the parser, the interpreter and the tree's
    /// own destruction stay far from the stack's limit.
    private(set) var nesting = 0
    static let maximumNesting = 256

    init(tokens: [Token]) {
        precondition(tokens.last?.kind == .endOfInput, "the token list must end with .endOfInput")
        self.tokens = tokens
    }

    var current: Token { tokens[index] }

    func peek(_ offset: Int = 1) -> Token {
        tokens[min(index + offset, tokens.count - 1)]
    }

    var isAtStatementStart: Bool { index == statementStart }

    /// Goes `levels` deeper into an expression, or fails with a clear error at `token`.
    mutating func nest(_ levels: Int = 1, at token: Token) throws(Diagnostic) {
        nesting += levels
        if nesting > Self.maximumNesting {
            throw Diagnostic(SyntaxMessage.nestingTooDeep(limit: Self.maximumNesting), at: token.span)
        }
    }

    mutating func unnest(_ levels: Int = 1) {
        nesting -= levels
    }

    /// Starts a statement (or a whole expression) at the current token.
    mutating func beginStatement() {
        nesting = 0
        statementStart = index
        openers = []
        lastConsumed = nil
        recoveryIndex = nil
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[index]
        lastConsumed = token
        if index < tokens.count - 1 { index += 1 }
        if bracketDepth > 0 { skipNewlines() }
        return token
    }

    func check(_ symbol: Token.Symbol) -> Bool { current.isSymbol(symbol) }

    /// Consumes the current token if it is `symbol`.
    mutating func accept(_ symbol: Token.Symbol) -> Token? {
        check(symbol) ? advance() : nil
    }

    /// Consumes an opening bracket; line breaks are transparent until it is closed.
    @discardableResult
    mutating func openBracket(literal: Bool = false) -> Token {
        openers.append((current, literal))
        return advance()
    }

    /// Consumes `closer` if it is next, closing the innermost bracket.
    mutating func closeBracket(_ closer: Token.Symbol) -> Token? {
        guard check(closer) else { return nil }
        openers.removeLast()
        return advance()
    }

    var isAtStatementEnd: Bool { current.endsStatement }

    /// Skips line breaks.
    mutating func skipNewlines() {
        while tokens[index].kind == .newline { index += 1 }
    }

    /// Error recovery: resumes at `recoveryIndex` if set, else after the end of the line
    /// the parser stopped on.
    mutating func recover() {
        openers = []
        if let recoveryIndex, recoveryIndex > statementStart {
            index = recoveryIndex
        } else {
            while !isAtStatementEnd { advance() }
        }
    }

    /// A diagnostic about `token`; when the token is text the lexer could not read,
    /// the lexer's diagnostic instead (it explains the real problem).
    func error(_ message: SyntaxMessage, at token: Token, notes: [String] = []) -> Diagnostic {
        if case .invalid(let lexical) = token.kind { return lexical }
        return Diagnostic(message, at: token.span, notes: notes)
    }

    /// A diagnostic about the current token.
    func error(_ message: SyntaxMessage, notes: [String] = []) -> Diagnostic {
        error(message, at: current, notes: notes)
    }

    /// The span from `first` to the end of the last consumed token.
    func span(from first: SourcePosition) -> SourceSpan {
        SourceSpan(start: first, end: lastConsumed?.span.end ?? first)
    }

    /// Consumes a name, or fails with `message` at the current token.
    /// A quoted string (either kind), or an error with `message`.
    mutating func expectString(_ message: @autoclosure () -> SyntaxMessage) throws(Diagnostic) -> String {
        guard case .string(let text) = current.kind else { throw error(message()) }
        advance()
        return text
    }

    mutating func expectIdentifier(_ message: @autoclosure () -> SyntaxMessage) throws(Diagnostic) -> Identifier {
        guard case .identifier(let name) = current.kind else { throw error(message()) }
        return Identifier(name, span: advance().span)
    }

    /// Adjacent tokens with no space between them, read back as their source text:
    /// for arguments that are not expressions, such as `2-3-1` or `data/xor.csv`.
    /// Returns nil at the end of the statement.
    mutating func readRawWord() -> (text: String, span: SourceSpan)? {
        guard !isAtStatementEnd else { return nil }
        let first = advance()
        var text = first.text
        var span = first.span
        while !isAtStatementEnd, current.span.start == span.end {
            let next = advance()
            text += next.text
            span = span.merged(with: next.span)
        }
        return (text, span)
    }
}
