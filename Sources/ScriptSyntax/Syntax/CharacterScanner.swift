/// A cursor over the Characters of a source text that keeps track of line and column
/// exactly as `SourceFile` counts them (line breaks are `\n`, `\r\n` and `\r`).
struct CharacterScanner {
    let characters: [Character]
    private(set) var index = 0
    private(set) var position: SourcePosition

    init(_ text: String, firstLine: Int = 1) {
        characters = Array(text)
        position = SourcePosition(line: firstLine, column: 1)
    }

    func peek(_ offset: Int = 0) -> Character? {
        let i = index + offset
        return i < characters.count ? characters[i] : nil
    }

    @discardableResult
    mutating func advance() -> Character {
        let c = characters[index]
        index += 1
        if c.isLineBreak {
            position = SourcePosition(line: position.line + 1, column: 1)
        } else {
            position.column += 1
        }
        return c
    }

    /// Advances while `predicate` holds for the next character.
    mutating func advance(while predicate: (Character) -> Bool) {
        while let c = peek(), predicate(c) { advance() }
    }

    /// The source text between two indices.
    func text(from start: Int, to end: Int? = nil) -> String {
        String(characters[start..<(end ?? index)])
    }
}

extension Character {
    /// A line terminator as `SourceFile` splits lines.
    var isLineBreak: Bool { self == "\n" || self == "\r\n" || self == "\r" }

    var isASCIIDigit: Bool {
        guard let a = asciiValue else { return false }
        return a >= 48 && a <= 57
    }

    var isIdentifierStart: Bool { self == "_" || isLetter }

    var isIdentifierContinuation: Bool { isIdentifierStart || isASCIIDigit }

    /// Spaces and tabs (and other blanks), but not line breaks.
    var isBlank: Bool { isWhitespace && !isLineBreak }

    /// `-` and the Unicode minus sign U+2212 that explanations use.
    var isMinus: Bool { self == "-" || self == "\u{2212}" }

    /// `*` and the multiplication signs `×` (U+00D7), `·` (U+00B7) and `⋅` (U+22C5).
    var isTimes: Bool { self == "*" || self == "\u{00D7}" || self == "\u{00B7}" || self == "\u{22C5}" }
}
