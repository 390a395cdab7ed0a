/// Expressions, loosest to tightest:
///
///     expression := term (('+' | '-') term)*
///     term       := unary (('*' | '/' | '@') unary)*
///     unary      := '-' unary | power
///     power      := postfix ('^' unary)?          right-associative; -x^2 is -(x^2), 2^-1 works
///     postfix    := primary ('[' index ']' | '.' 'grad')*
///     primary    := NUMBER | NAME | NAME '(' arguments ')' | '(' expression ')' | '[' entries ']'
extension ParserState {
    mutating func parseExpression() throws(Diagnostic) -> Expression {
        var left = try parseTerm()
        var chain = 0
        defer { unnest(chain) }
        while true {
            let symbol: Token.Symbol? = current.symbol
            guard let symbol, let op = Self.additiveOperator(symbol) else { break }
            try nest(at: current)
            chain += 1
            advance()
            let right = try parseTerm()
            left = Expression(.binary(op, left, right), span: left.span.merged(with: right.span))
        }
        return left
    }

    private static func additiveOperator(_ s: Token.Symbol) -> BinaryOperator? {
        switch s {
        case .plus: .add
        case .minus: .subtract
        default: nil
        }
    }

    private static func multiplicativeOperator(_ s: Token.Symbol) -> BinaryOperator? {
        switch s {
        case .star: .multiply
        case .slash: .divide
        case .at: .matmul
        default: nil
        }
    }

    mutating func parseTerm() throws(Diagnostic) -> Expression {
        var left = try parseUnary()
        var chain = 0
        defer { unnest(chain) }
        // Written with a local copy of the symbol: `while let op = current.symbol.flatMap(...)`
        // here crashes the Swift 6.3.1 optimizer (CopyPropagation ownership error) in -O builds.
        while true {
            let symbol: Token.Symbol? = current.symbol
            guard let symbol, let op = Self.multiplicativeOperator(symbol) else { break }
            try nest(at: current)
            chain += 1
            advance()
            let right = try parseUnary()
            left = Expression(.binary(op, left, right), span: left.span.merged(with: right.span))
        }
        return left
    }

    mutating func parseUnary() throws(Diagnostic) -> Expression {
        try nest(at: current)
        defer { unnest() }
        if check(.minus) {
            let minus = advance()
            let operand = try parseUnary()
            return Expression(.unary(.negate, operand), span: minus.span.merged(with: operand.span))
        }
        return try parsePower()
    }

    mutating func parsePower() throws(Diagnostic) -> Expression {
        let base = try parsePostfix()
        guard check(.caret) else { return base }
        advance()
        let exponent = try parseUnary()
        return Expression(.binary(.power, base, exponent), span: base.span.merged(with: exponent.span))
    }

    mutating func parsePostfix() throws(Diagnostic) -> Expression {
        let startsLiteral = check(.leftBracket)
        var expression = try parsePrimary()
        while true {
            if startsLiteral, check(.leftBracket), openers.last?.literal == true {
                // `[[1, 2] [3, 4]]`: a row followed by a row is a missing comma, not an index.
                throw missingComma(after: expression)
            }
            if check(.leftBracket) {
                let open = openBracket()
                let (indices, close) = try parseList(opener: open)
                try checkIndexCount(indices, open: open, close: close)
                expression = Expression(.index(expression, indices),
                                        span: expression.span.merged(with: close.span))
            } else if let dot = accept(.dot) {
                guard current.identifier == "grad" else {
                    throw error(.expectedGradAfterDot)
                }
                let grad = advance()
                guard case .name(let name) = expression.kind, !isParenthesized(expression) else {
                    throw Diagnostic(SyntaxMessage.gradFollowsAName, at: dot.span.merged(with: grad.span))
                }
                expression = Expression(.grad(Identifier(name, span: expression.span)),
                                        span: expression.span.merged(with: grad.span))
            } else {
                return expression
            }
        }
    }

    /// `(x).grad` is not `x.grad`: a parenthesised name's span includes its parentheses.
    private func isParenthesized(_ e: Expression) -> Bool {
        guard case .name(let name) = e.kind else { return false }
        return e.span.start.line != e.span.end.line || e.span.end.column - e.span.start.column != name.count
    }

    private func checkIndexCount(_ indices: [Expression], open: Token, close: Token) throws(Diagnostic) {
        if indices.isEmpty {
            throw Diagnostic(SyntaxMessage.emptyIndex, at: open.span.merged(with: close.span))
        }
        if indices.count > 2 {
            throw Diagnostic(SyntaxMessage.tooManyIndices,
                             at: indices[2].span.merged(with: indices[indices.count - 1].span))
        }
    }

    mutating func parsePrimary() throws(Diagnostic) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            advance()
            return Expression(.number(value), span: token.span)
        case .identifier(let name):
            if Keywords.isCommand(name), !peek().isSymbol(.leftParen), let opener = openers.last?.token,
               token.span.start.line > opener.span.start.line {
                // A command word on a later line inside brackets: the bracket was never closed,
                // and this line is the next statement.
                throw unclosed(opener)
            }
            advance()
            if check(.leftParen) {
                let open = openBracket()
                let (arguments, close) = try parseList(opener: open, keywords: true)
                return Expression(.call(function: Identifier(name, span: token.span), arguments: arguments),
                                  span: token.span.merged(with: close.span))
            }
            if Keywords.isCommand(name) {
                throw Diagnostic(SyntaxMessage.commandUsedAsName(name), at: token.span)
            }
            return Expression(.name(name), span: token.span)
        case .symbol(.leftParen):
            openBracket()
            var inner = try parseExpression()
            guard let close = closeBracket(.rightParen) else { throw unclosed(token) }
            inner.span = token.span.merged(with: close.span)
            return inner
        case .symbol(.leftBracket):
            openBracket(literal: true)
            let (entries, close) = try parseList(opener: token)
            return try makeLiteral(entries, span: token.span.merged(with: close.span))
        case .string:
            throw Diagnostic(SyntaxMessage.stringInExpression, at: token.span)
        default:
            throw missingExpression()
        }
    }

    /// The error for a token that cannot start an expression.
    private func missingExpression() -> Diagnostic {
        if isAtStatementStart {
            if let symbol = current.symbol, [.plus, .star, .slash, .at, .caret].contains(symbol) {
                return error(.expectedExpressionBefore(token: current.quoted))
            }
            return error(.expectedCommandOrExpression(found: current.quoted))
        }
        if let previous = lastConsumed {
            return error(.expectedExpressionAfter(token: previous.quoted))
        }
        return error(.expectedExpressionFound(token: current.quoted))
    }

    /// The error when the closer of `opener` is missing at the current token. When the
    /// parser ran onto a later line (or the end), the bracket is reported as unclosed and
    /// parsing resumes at the start of the current token's line: that is most likely the
    /// next statement.
    mutating func unclosed(_ opener: Token, expecting list: Bool = false) -> Diagnostic {
        let closer = opener.symbol?.closer?.rawValue ?? ")"
        if case .invalid(let lexical) = current.kind { return lexical }
        if current.kind == .endOfInput || current.span.start.line > opener.span.start.line {
            var i = index
            while i > statementStart, tokens[i - 1].kind != .newline { i -= 1 }
            if i > statementStart { recoveryIndex = i }
            return Diagnostic(SyntaxMessage.unclosed(opener: opener.text, closer: closer), at: opener.span)
        }
        let expected = list ? "',' or '\(closer)'" : "'\(closer)'"
        var notes: [String] = []
        if let s = current.symbol, s.isCloser {
            notes.append("the '\(opener.text)' at \(opener.span.start) is closed by '\(closer)'")
        }
        return error(.expectedCloser(expected, found: current.quoted), notes: notes)
    }

    /// Comma-separated expressions up to the closer of `opener` (already consumed with
    /// `openBracket`); a trailing comma is allowed.
    /// With `keywords` (a call's arguments), an item may be `name=expression`.
    mutating func parseList(opener: Token, keywords: Bool = false) throws(Diagnostic) -> (items: [Expression], close: Token) {
        let closer = opener.symbol?.closer ?? .rightParen
        var items: [Expression] = []
        if let close = closeBracket(closer) { return (items, close) }
        while true {
            if keywords, case .identifier(let name) = current.kind, peek().isSymbol(.assign) {
                let key = Identifier(name, span: advance().span)
                advance()
                let value = try parseExpression()
                items.append(Expression(.keywordArgument(key, value), span: key.span.merged(with: value.span)))
            } else {
                items.append(try parseExpression())
            }
            if let close = closeBracket(closer) { return (items, close) }
            guard accept(.comma) != nil else { throw unclosed(opener, expecting: true) }
            if let close = closeBracket(closer) { return (items, close) }
        }
    }

    /// The error for two rows of a literal with no comma between them, at the spot where
    /// the comma goes (just after the first row).
    private func missingComma(after row: Expression) -> Diagnostic {
        let end = row.span.end
        let spot = current.span.start.line == end.line && current.span.start.column > end.column
            ? SourceSpan(start: end, end: current.span.start)
            : SourceSpan(line: end.line, column: end.column)
        return Diagnostic(SyntaxMessage.missingCommaBetweenRows, at: spot)
    }

    /// `[1, 2]` is a column vector; `[[1, 2], [3, 4]]` a matrix by rows.
    func makeLiteral(_ entries: [Expression], span: SourceSpan) throws(Diagnostic) -> Expression {
        guard let first = entries.first else {
            throw Diagnostic(SyntaxMessage.emptyVector, at: span)
        }
        for entry in entries {
            if case .matrix = entry.kind {
                throw Diagnostic(SyntaxMessage.matrixInMatrix, at: entry.span)
            }
        }
        guard case .vector(let firstRow) = first.kind else {
            if let row = entries.first(where: { if case .vector = $0.kind { true } else { false } }) {
                throw Diagnostic(SyntaxMessage.rowsMixedWithEntries, at: row.span)
            }
            return Expression(.vector(entries), span: span)
        }
        var rows: [[Expression]] = []
        for (i, entry) in entries.enumerated() {
            guard case .vector(let row) = entry.kind else {
                throw Diagnostic(SyntaxMessage.rowsMixedWithEntries, at: entry.span)
            }
            if row.count != firstRow.count {
                throw Diagnostic(SyntaxMessage.raggedRows(firstLength: firstRow.count, row: i + 1, length: row.count),
                                 at: entry.span)
            }
            rows.append(row)
        }
        return Expression(.matrix(rows), span: span)
    }
}
