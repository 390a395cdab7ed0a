/// One lexical unit of the command language, with the exact text and span it was read from.
public struct Token: Sendable, Equatable {
    /// The punctuation and operators of the language.
    public enum Symbol: String, Sendable, CaseIterable {
        case plus = "+"
        case minus = "-"
        case star = "*"
        case slash = "/"
        case at = "@"
        case caret = "^"
        case assign = "="
        case plusAssign = "+="
        case minusAssign = "-="
        case starAssign = "*="
        case slashAssign = "/="
        case leftParen = "("
        case rightParen = ")"
        case leftBracket = "["
        case rightBracket = "]"
        case comma = ","
        case dot = "."
        /// `..` in `plot … for z in -4..4`.
        case range = ".."

        /// The assignment operator this symbol spells, if any.
        public var assignmentOperator: AssignmentOperator? {
            switch self {
            case .assign: .assign
            case .plusAssign: .add
            case .minusAssign: .subtract
            case .starAssign: .multiply
            case .slashAssign: .divide
            default: nil
            }
        }

        /// The closing bracket matching an opening one.
        public var closer: Symbol? {
            switch self {
            case .leftParen: .rightParen
            case .leftBracket: .rightBracket
            default: nil
            }
        }

        public var isCloser: Bool { self == .rightParen || self == .rightBracket }
    }

    public enum Kind: Sendable, Equatable {
        case number(Double)
        case identifier(String)
        /// A string literal, escapes already decoded (`"..."` or `"""..."""`).
        case string(String)
        case symbol(Symbol)
        /// A line break outside a string: the end of a statement.
        case newline
        case endOfInput
        /// Text the lexer could not read; the parser reports the diagnostic when it reaches it.
        case invalid(Diagnostic)
    }

    public var kind: Kind
    public var span: SourceSpan
    /// The source text of the token exactly as written (`"−"` for a Unicode minus).
    public var text: String

    public init(_ kind: Kind, span: SourceSpan, text: String) {
        self.kind = kind
        self.span = span
        self.text = text
    }

    public var symbol: Symbol? {
        if case .symbol(let s) = kind { s } else { nil }
    }

    public var identifier: String? {
        if case .identifier(let name) = kind { name } else { nil }
    }

    public func isSymbol(_ s: Symbol) -> Bool { symbol == s }

    /// A newline or the end of the input.
    public var endsStatement: Bool {
        switch kind {
        case .newline, .endOfInput: true
        default: false
        }
    }

    /// "unexpected 'x'", "unexpected string", "unexpected end of line".
    public var unexpected: String {
        switch kind {
        case .newline: "unexpected end of line"
        case .endOfInput: "unexpected end of input"
        case .string: "unexpected string"
        default: "unexpected '\(text)'"
        }
    }

    /// How the token is named in a message: `'x'`, `'+'`, `a string`, `the end of the line`.
    public var quoted: String {
        switch kind {
        case .newline: "the end of the line"
        case .endOfInput: "the end of the input"
        case .string: "a string"
        default: "'\(text)'"
        }
    }
}
