extension LexerState {
    /// `"..."` on one line, with the escapes `\"`, `\\`, `\n` and `\t`.
    mutating func lexString() {
        let start = scanner.position
        let startIndex = scanner.index
        scanner.advance()  // the opening quote
        var value = ""
        var badEscape: Diagnostic?
        while let c = scanner.peek(), !c.isLineBreak {
            if c == "\"" {
                scanner.advance()
                if let badEscape {
                    addInvalid(badEscape, from: start, startIndex)
                } else {
                    add(.string(value), from: start, startIndex)
                }
                return
            }
            if c == "\\" {
                let decoded = lexEscape()
                if case .failure(let d) = decoded, badEscape == nil { badEscape = d }
                if case .success(let ch) = decoded { value.append(ch) }
            } else {
                value.append(scanner.advance())
            }
        }
        addInvalid(.unterminatedString, from: start, startIndex)
    }

    /// Reads a backslash escape at the cursor.
    mutating func lexEscape() -> Result<Character, Diagnostic> {
        let start = scanner.position
        scanner.advance()  // the backslash
        guard let c = scanner.peek(), !c.isLineBreak else {
            return .failure(Diagnostic(SyntaxMessage.backslashAtEndOfLine,
                                       at: SourceSpan(start: start, end: scanner.position)))
        }
        scanner.advance()
        switch c {
        case "\"": return .success("\"")
        case "\\": return .success("\\")
        case "n": return .success("\n")
        case "t": return .success("\t")
        default:
            return .failure(Diagnostic(SyntaxMessage.unknownEscape(c), at: SourceSpan(start: start, end: scanner.position)))
        }
    }

    /// `"""..."""`, which may span lines. When the text starts on the line after the opening
    /// quotes and the closing quotes stand on a line of their own, that first line break and
    /// the closing line are dropped, and the closing line's indentation is removed from every
    /// line (as in Swift), so narration can be indented with the script.
    mutating func lexTripleQuotedString() {
        let start = scanner.position
        let startIndex = scanner.index
        scanner.advance()
        scanner.advance()
        scanner.advance()
        // Raw lines (escapes undecoded) so indentation is measured on the text as written.
        var lines: [[Character]] = [[]]
        var badEscape: Diagnostic?
        while let c = scanner.peek() {
            if c == "\"" && scanner.peek(1) == "\"" && scanner.peek(2) == "\"" {
                scanner.advance()
                scanner.advance()
                scanner.advance()
                if let badEscape {
                    addInvalid(badEscape, from: start, startIndex)
                } else {
                    add(.string(Self.tripleQuotedValue(lines)), from: start, startIndex)
                }
                return
            }
            if c.isLineBreak {
                scanner.advance()
                lines.append([])
            } else if c == "\\" {
                // Validate now (for the position); decode after indentation is stripped.
                let escapeStart = scanner.index
                let decoded = lexEscape()
                if case .failure(let d) = decoded, badEscape == nil { badEscape = d }
                lines[lines.count - 1].append(contentsOf: scanner.characters[escapeStart..<scanner.index])
            } else {
                lines[lines.count - 1].append(scanner.advance())
            }
        }
        openTripleQuote = true
        let quotes = SourceSpan(start: start, end: SourcePosition(line: start.line, column: start.column + 3))
        addInvalid(.unterminatedTripleQuotedString, from: start, startIndex, diagnosticSpan: quotes)
    }

    static func tripleQuotedValue(_ rawLines: [[Character]]) -> String {
        var lines = rawLines
        var indentation = 0
        if lines.count > 1 {
            if lines[0].allSatisfy({ $0.isBlank }) { lines.removeFirst() }
            if let last = lines.last, last.allSatisfy({ $0.isBlank }) {
                indentation = last.count
                lines.removeLast()
            }
        }
        let stripped = lines.map { line -> [Character] in
            var drop = 0
            while drop < indentation, drop < line.count, line[drop].isBlank { drop += 1 }
            return Array(line[drop...])
        }
        return stripped.map(decodeEscapes).joined(separator: "\n")
    }

    /// Decodes already-validated escapes.
    static func decodeEscapes(_ line: [Character]) -> String {
        var out = ""
        var i = 0
        while i < line.count {
            if line[i] == "\\", i + 1 < line.count {
                switch line[i + 1] {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append(line[i + 1])
                }
                i += 2
            } else {
                out.append(line[i])
                i += 1
            }
        }
        return out
    }
}
