/// Turns source text into tokens. Never fails: text it cannot read becomes an `.invalid`
/// token carrying the diagnostic, so the parser reports errors in source order and can
/// recover at the next line. The token list always ends with `.endOfInput`.
public enum Lexer {
    public static func tokenize(_ source: SourceFile) -> [Token] {
        scan(source).tokens
    }

    /// The tokens, and whether the text ends inside an unterminated `"""` string
    /// (so a REPL can ask for more lines).
    static func scan(_ source: SourceFile) -> (tokens: [Token], openTripleQuote: Bool) {
        var lexer = LexerState(source.text, firstLine: source.firstLine)
        lexer.run()
        let lastLine = source.lastLine
        let eofColumn = source.line(lastLine).count + 1
        lexer.tokens.append(Token(.endOfInput, span: SourceSpan(line: lastLine, column: eofColumn), text: ""))
        return (lexer.tokens, lexer.openTripleQuote)
    }
}

/// The lexer's working state: a character cursor and the tokens read so far.
struct LexerState {
    var scanner: CharacterScanner
    var tokens: [Token] = []
    var openTripleQuote = false

    init(_ text: String, firstLine: Int = 1) {
        scanner = CharacterScanner(text, firstLine: firstLine)
    }

    mutating func run() {
        while let c = scanner.peek() {
            let start = scanner.position
            let startIndex = scanner.index
            if c.isLineBreak {
                scanner.advance()
                tokens.append(Token(.newline, span: SourceSpan(line: start.line, column: start.column), text: "\n"))
            } else if c == "#" {
                scanner.advance(while: { !$0.isLineBreak })
            } else if c.isBlank {
                scanner.advance()
            } else if c.isASCIIDigit || (c == "." && scanner.peek(1)?.isASCIIDigit == true) {
                lexNumber()
            } else if c.isIdentifierStart {
                scanner.advance(while: { $0.isIdentifierContinuation })
                let name = scanner.text(from: startIndex)
                add(.identifier(name), from: start, startIndex)
            } else if c == "\"" {
                if scanner.peek(1) == "\"" && scanner.peek(2) == "\"" {
                    lexTripleQuotedString()
                } else {
                    lexString()
                }
            } else {
                lexOperator()
            }
        }
    }

    /// Appends a token that runs from `start` to the current position.
    mutating func add(_ kind: Token.Kind, from start: SourcePosition, _ startIndex: Int) {
        tokens.append(Token(kind, span: SourceSpan(start: start, end: scanner.position),
                            text: scanner.text(from: startIndex)))
    }

    /// Appends an invalid token covering `start` to the current position.
    mutating func addInvalid(_ message: SyntaxMessage, from start: SourcePosition, _ startIndex: Int,
                             diagnosticSpan: SourceSpan? = nil, notes: [String] = []) {
        let span = SourceSpan(start: start, end: scanner.position)
        addInvalid(Diagnostic(message, at: diagnosticSpan ?? span, notes: notes), from: start, startIndex)
    }

    /// Appends an invalid token covering `start` to the current position, reported as `diagnostic`.
    mutating func addInvalid(_ diagnostic: Diagnostic, from start: SourcePosition, _ startIndex: Int) {
        let span = SourceSpan(start: start, end: scanner.position)
        tokens.append(Token(.invalid(diagnostic), span: span, text: scanner.text(from: startIndex)))
    }
}
