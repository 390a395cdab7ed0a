extension LexerState {
    /// `4`, `0.5`, `.5`, `1.`, `1e-3`, `2.5E+4`. A number running into letters, digits or
    /// dots (`1.2.3`, `2x`, `1e`) is one malformed token; a number followed by `..` ends
    /// there (`-4..4`, `plot`'s range).
    mutating func lexNumber() {
        let start = scanner.position
        let startIndex = scanner.index
        scanner.advance(while: { $0.isASCIIDigit })
        if scanner.peek() == ".", !(scanner.peek(1).map { $0.isIdentifierStart || $0 == "." } ?? false) {
            scanner.advance()
            scanner.advance(while: { $0.isASCIIDigit })
        }
        var exponentLacksDigits = false
        if let e = scanner.peek(), e == "e" || e == "E" {
            if scanner.peek(1)?.isASCIIDigit == true {
                scanner.advance()
                scanner.advance(while: { $0.isASCIIDigit })
            } else if let sign = scanner.peek(1), sign == "+" || sign.isMinus, scanner.peek(2)?.isASCIIDigit == true {
                scanner.advance()
                scanner.advance()
                scanner.advance(while: { $0.isASCIIDigit })
            } else {
                exponentLacksDigits = true
            }
        }
        let validEnd = scanner.index
        if !(scanner.peek() == "." && scanner.peek(1) == ".") {
            scanner.advance(while: { $0.isIdentifierContinuation || $0 == "." })
        }
        let text = scanner.text(from: startIndex)

        if scanner.index > validEnd {
            let rest = scanner.text(from: validEnd)
            let prefix = scanner.text(from: startIndex, to: validEnd)
            if exponentLacksDigits && (rest == "e" || rest == "E") {
                addInvalid(.exponentLacksDigits(number: text), from: start, startIndex)
            } else if !exponentLacksDigits, rest.first?.isIdentifierStart == true, !rest.contains(".") {
                addInvalid(.malformedNumber(text), from: start, startIndex,
                           notes: ["to multiply, write '\(prefix)*\(rest)'"])
            } else {
                addInvalid(.malformedNumber(text), from: start, startIndex)
            }
            return
        }
        // Double's parser wants an ASCII minus in the exponent.
        let ascii = String(text.map { $0.isMinus ? "-" : $0 })
        guard let value = Double(ascii) else {
            addInvalid(.malformedNumber(text), from: start, startIndex)
            return
        }
        guard value.isFinite else {
            addInvalid(.numberTooLarge(text), from: start, startIndex)
            return
        }
        add(.number(value), from: start, startIndex)
    }
}
