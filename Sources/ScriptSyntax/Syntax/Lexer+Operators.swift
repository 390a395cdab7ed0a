extension LexerState {
    /// Operators and punctuation, including the Unicode spellings students paste
    /// (`−` for minus, `×` `·` `⋅` for times); anything else is a stray character.
    mutating func lexOperator() {
        let start = scanner.position
        let startIndex = scanner.index
        let c = scanner.advance()
        let symbol: Token.Symbol
        switch c {
        case "+": symbol = compound(.plus, .plusAssign)
        case _ where c.isMinus: symbol = compound(.minus, .minusAssign)
        case _ where c.isTimes:
            if let next = scanner.peek(), next.isTimes {
                scanner.advance()
                addInvalid(.notAnOperator(scanner.text(from: startIndex)), from: start, startIndex)
                return
            }
            symbol = compound(.star, .starAssign)
        case "/": symbol = compound(.slash, .slashAssign)
        case "@": symbol = .at
        case "^": symbol = .caret
        case "=": symbol = .assign
        case "(": symbol = .leftParen
        case ")": symbol = .rightParen
        case "[": symbol = .leftBracket
        case "]": symbol = .rightBracket
        case ",": symbol = .comma
        case "." where scanner.peek() == ".":
            scanner.advance()
            symbol = .range
        case ".": symbol = .dot
        default:
            addInvalid(.unexpectedCharacter(described: Self.describe(c)), from: start, startIndex,
                       notes: Self.hint(forStray: c))
            return
        }
        add(.symbol(symbol), from: start, startIndex)
    }

    /// `op` or, when an `=` follows, `op=`.
    private mutating func compound(_ plain: Token.Symbol, _ withAssign: Token.Symbol) -> Token.Symbol {
        if scanner.peek() == "=" {
            scanner.advance()
            return withAssign
        }
        return plain
    }

    /// `'$'`, or `U+200B` for a character that would not show.
    static func describe(_ c: Character) -> String {
        let scalar = c.unicodeScalars.first!
        switch scalar.properties.generalCategory {
        case .control, .format, .spaceSeparator, .lineSeparator, .paragraphSeparator,
             .nonspacingMark, .enclosingMark, .unassigned, .privateUse, .surrogate:
            return Self.codePoint(scalar)
        default:
            return "'\(c)'"
        }
    }

    static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// A note for stray characters with a likely intent.
    static func hint(forStray c: Character) -> [String] {
        switch c {
        case "'": ["strings are written between double quotes, as in \"text\""]
        case "\u{201C}", "\u{201D}", "\u{201E}": ["use straight double quotes, as in \"text\""]
        case ";": ["write one statement per line"]
        case "\u{00B2}", "\u{00B3}": ["write '^' for a power, as in x^2"]
        case "\u{2013}", "\u{2014}": ["write '-' for minus"]
        case "\u{00F7}": ["write '/' for division"]
        default: []
        }
    }
}
