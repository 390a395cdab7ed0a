/// A position in a source file: 1-based line, 1-based column counted in
/// Characters (grapheme clusters) of that line.
public struct SourcePosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public static func < (a: SourcePosition, b: SourcePosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }

    public var description: String { "\(line):\(column)" }
}

/// A half-open range of source text: `start` is the first character,
/// `end` the position just after the last one.
public struct SourceSpan: Sendable, Hashable, CustomStringConvertible {
    public var start: SourcePosition
    public var end: SourcePosition

    public init(start: SourcePosition, end: SourcePosition) {
        self.start = start
        self.end = end
    }

    /// A span of `length` characters on one line.
    public init(line: Int, column: Int, length: Int = 1) {
        self.start = SourcePosition(line: line, column: column)
        self.end = SourcePosition(line: line, column: column + max(length, 1))
    }

    /// The smallest span covering both.
    public func merged(with other: SourceSpan) -> SourceSpan {
        SourceSpan(start: min(start, other.start), end: max(end, other.end))
    }

    public var description: String { "\(start)-\(end)" }
}

/// A named piece of source text: a file, a REPL line, a command-line argument.
/// Diagnostics point into it.
///
/// Its first line has the number `firstLine` (1 for a file; a REPL chunk that starts on
/// the session's line 7 has 7), so positions and diagnostics use the reader's numbers.
public struct SourceFile: Sendable {
    /// The name shown in diagnostics (`lesson.lesson`, `<repl>`, `<stdin>`).
    public let name: String
    public let text: String
    /// The number of the text's first line.
    public let firstLine: Int
    /// The text split into lines, without their line terminators.
    public let lines: [String]

    public init(name: String, text: String, firstLine: Int = 1) {
        self.name = name
        self.text = text
        self.firstLine = firstLine
        var lines: [String] = []
        var current = ""
        for ch in text {
            if ch == "\n" || ch == "\r\n" || ch == "\r" {
                lines.append(current)
                current = ""
            } else {
                current.append(ch)
            }
        }
        lines.append(current)
        // A trailing newline does not start a further (empty) line.
        if lines.count > 1, lines.last == "", text.last?.isNewline == true {
            lines.removeLast()
        }
        self.lines = lines
    }

    /// The number of the text's last line.
    public var lastLine: Int { firstLine + lines.count - 1 }

    /// The text of line `number` (counted from `firstLine`), or "" when out of range.
    public func line(_ number: Int) -> String {
        contains(line: number) ? lines[number - firstLine] : ""
    }

    /// Whether line `number` is one of this text's lines.
    public func contains(line number: Int) -> Bool {
        number >= firstLine && number <= lastLine
    }

    /// The same text, its first line numbered `line`.
    public func numbered(from line: Int) -> SourceFile {
        SourceFile(name: name, text: text, firstLine: line)
    }
}

extension String {
    /// Without leading and trailing white space.
    public var trimmingWhitespace: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s.removeFirst() }
        while s.last?.isWhitespace == true { s.removeLast() }
        return String(s)
    }
}
