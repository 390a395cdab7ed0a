import Testing
@testable import ScriptSyntax

private func kinds(_ text: String) -> [Token.Kind] {
    Lexer.tokenize(source(text)).map(\.kind)
}

private func numbers(_ text: String) -> [Double] {
    Lexer.tokenize(source(text)).compactMap { if case .number(let x) = $0.kind { x } else { nil } }
}

private struct NoInvalidToken: Error {}

/// The first token the lexer could not read, and its diagnostic.
private func invalid(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> (token: Token, diagnostic: Diagnostic) {
    for token in Lexer.tokenize(source(text)) {
        if case .invalid(let d) = token.kind { return (token, d) }
    }
    Issue.record("no invalid token in \(text)", sourceLocation: sourceLocation)
    throw NoInvalidToken()
}

@Suite struct LexerTests {
    @Test func numbersInEveryForm() {
        #expect(numbers("0.5 4 1e-3 .5 1. 2.5E+4 1e3 007") == [0.5, 4, 0.001, 0.5, 1, 25000, 1000, 7])
    }

    @Test func unicodeMinusInAnExponent() {
        #expect(numbers("1e\u{2212}3") == [0.001])
    }

    @Test func identifiers() {
        #expect(kinds("W1 z_bar _x delta2 \u{03B7}") == [
            .identifier("W1"), .identifier("z_bar"), .identifier("_x"), .identifier("delta2"),
            .identifier("\u{03B7}"), .endOfInput,
        ])
    }

    @Test func operatorsAndPunctuation() {
        let symbols = Lexer.tokenize(source("+ - * / @ ^ = += -= *= /= ( ) [ ] , .")).compactMap(\.symbol)
        #expect(symbols == [.plus, .minus, .star, .slash, .at, .caret, .assign, .plusAssign, .minusAssign,
                            .starAssign, .slashAssign, .leftParen, .rightParen, .leftBracket, .rightBracket,
                            .comma, .dot])
    }

    @Test func unicodeOperatorsAreReadAsASCII() {
        let tokens = Lexer.tokenize(source("a \u{2212} b \u{00D7} c \u{00B7} d \u{22C5} e \u{2212}= 1 \u{00D7}= 2"))
        #expect(tokens.compactMap(\.symbol) == [.minus, .star, .star, .star, .minusAssign, .starAssign])
        // The token keeps the text as written, for messages.
        #expect(tokens[1].text == "\u{2212}")
        #expect(tokens[1].span == SourceSpan(line: 1, column: 3, length: 1))
    }

    @Test func tokenSpansCountCharacters() {
        let tokens = Lexer.tokenize(source("w1 += 0.25 # note"))
        #expect(tokens.map(\.span) == [
            SourceSpan(line: 1, column: 1, length: 2),
            SourceSpan(line: 1, column: 4, length: 2),
            SourceSpan(line: 1, column: 7, length: 4),
            SourceSpan(line: 1, column: 18, length: 1),  // end of input, after the comment
        ])
        #expect(tokens.map(\.text) == ["w1", "+=", "0.25", ""])
    }

    @Test func commentsAndNewlines() {
        #expect(kinds("a # one\n\n# two\nb") == [
            .identifier("a"), .newline, .newline, .newline, .identifier("b"), .endOfInput,
        ])
    }

    @Test func windowsLineEndingsAreOneBreak() {
        let tokens = Lexer.tokenize(source("a\r\nb\rc"))
        #expect(tokens.map(\.kind) == [.identifier("a"), .newline, .identifier("b"), .newline, .identifier("c"), .endOfInput])
        #expect(tokens[2].span.start == SourcePosition(line: 2, column: 1))
        #expect(tokens[4].span.start == SourcePosition(line: 3, column: 1))
    }

    @Test func newlineTokenSitsAfterTheLastCharacter() {
        let tokens = Lexer.tokenize(source("ab\n"))
        #expect(tokens[1].kind == .newline)
        #expect(tokens[1].span == SourceSpan(line: 1, column: 3, length: 1))
        // The end of input is on the last line, not on a line that does not exist.
        #expect(tokens[2].span == SourceSpan(line: 1, column: 3, length: 1))
    }

    @Test func stringsWithEscapes() {
        #expect(kinds(#""a \"b\" c\\d\ne\tf""#) == [.string("a \"b\" c\\d\ne\tf"), .endOfInput])
        #expect(kinds(#""""#) == [.string(""), .endOfInput])
    }

    @Test func tripleQuotedStringOnOneLine() {
        #expect(kinds(#"say """He said "hi".""""#) == [.identifier("say"), .string("He said \"hi\"."), .endOfInput])
    }

    @Test func tripleQuotedStringSpansLinesAndDropsIndentation() {
        let text = "say \"\"\"\n    The forward pass\n      computes z.\n    \"\"\"\nx = 1"
        let tokens = Lexer.tokenize(source(text))
        #expect(tokens[1].kind == .string("The forward pass\n  computes z."))
        #expect(tokens[1].span == SourceSpan(start: SourcePosition(line: 1, column: 5), end: SourcePosition(line: 4, column: 8)))
        #expect(tokens[2].kind == .newline)
        #expect(tokens[3].span.start == SourcePosition(line: 5, column: 1))
    }

    @Test func tripleQuotedStringKeepsTextThatStartsOnTheOpeningLine() {
        #expect(kinds("\"\"\"first\nsecond\\n\"\"\"") == [.string("first\nsecond\n"), .endOfInput])
    }

    @Test func strayCharacter() throws {
        let (token, d) = try invalid("x = 1 $ 2")
        #expect(d.message == "unexpected character '$'")
        #expect(d.span == SourceSpan(line: 1, column: 7, length: 1))
        #expect(token.text == "$")
        // Lexing goes on after it.
        #expect(numbers("x = 1 $ 2") == [1, 2])
    }

    @Test func strayCharactersWithHints() throws {
        #expect(try invalid("!").diagnostic.message == "unexpected character '!'")
        #expect(try invalid("'a'").diagnostic.notes == ["strings are written between double quotes, as in \"text\""])
        #expect(try invalid("a; b").diagnostic.notes == ["write one statement per line"])
        #expect(try invalid("x\u{00B2}").diagnostic.notes == ["write '^' for a power, as in x^2"])
        #expect(try invalid("a\u{200B}b").diagnostic.message == "unexpected character U+200B")
    }

    @Test func doubleStarIsNotAPower() throws {
        let d = try invalid("x ** 2").diagnostic
        #expect(d.message == "'**' is not an operator; write '^' for a power, as in x^2")
        #expect(d.span == SourceSpan(line: 1, column: 3, length: 2))
    }

    @Test func malformedNumbers() throws {
        let e = try invalid("x = 1e + 2").diagnostic
        #expect(e.message == "malformed number '1e': the exponent needs digits, as in 1e-3")
        #expect(e.span == SourceSpan(line: 1, column: 5, length: 2))

        let dots = try invalid("x = 1.2.3").diagnostic
        #expect(dots.message == "malformed number '1.2.3'")
        #expect(dots.span == SourceSpan(line: 1, column: 5, length: 5))

        let product = try invalid("y = 2x").diagnostic
        #expect(product.message == "malformed number '2x'")
        #expect(product.notes == ["to multiply, write '2*x'"])
        #expect(product.span == SourceSpan(line: 1, column: 5, length: 2))

        #expect(try invalid("1.grad").diagnostic.message == "malformed number '1.grad'")
        #expect(try invalid("1e999").diagnostic.message == "the number '1e999' is too large")
    }

    @Test func unterminatedString() throws {
        let (token, d) = try invalid("say \"hello\nx = 1")
        #expect(d.message == "unterminated string: the closing '\"' is missing")
        #expect(d.notes == ["a string that spans several lines is written between \"\"\" and \"\"\""])
        #expect(d.span == SourceSpan(line: 1, column: 5, length: 6))
        #expect(token.text == "\"hello")
        // The next line is read normally.
        #expect(kinds("say \"hello\nx = 1").suffix(5) == [.newline, .identifier("x"), .symbol(.assign), .number(1), .endOfInput])
    }

    @Test func unterminatedTripleQuotedString() throws {
        let (_, d) = try invalid("x = 1\nsay \"\"\"\n  text\n")
        #expect(d.message == "unterminated string: no closing \"\"\" before the end of the input")
        #expect(d.span == SourceSpan(line: 2, column: 5, length: 3))
    }

    @Test func unknownEscape() throws {
        let (token, d) = try invalid(#"say "a\qb" x"#)
        #expect(d.message == "unknown escape '\\q' in a string")
        #expect(d.span == SourceSpan(line: 1, column: 7, length: 2))
        #expect(token.span == SourceSpan(line: 1, column: 5, length: 6))
    }
}
