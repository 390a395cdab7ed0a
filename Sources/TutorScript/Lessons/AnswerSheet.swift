import BackpropCore
import ScriptSyntax

/// A student's answers: one `ID = VALUE` per line (a number, vector or matrix
/// literal; `#` comments allowed), read line by line so that one bad line never
/// costs the rest: a line that cannot be read is reported, located, and every
/// other answer is still graded. A UTF-8 byte-order mark and CRLF line ends are
/// accepted.
public struct AnswerSheet: Sendable {
    /// The value given for each exercise id.
    public var answers: [String: Tensor]
    /// Exercises whose line was found but could not be read as an answer: the
    /// problem becomes that exercise's result.
    public var unreadable: [String: Diagnostic]
    /// Every problem found, in line order (unreadable answers, unknown or repeated
    /// ids, lines that are no answer).
    public var problems: [Diagnostic]
    /// The file read, for rendering the problems.
    public var source: SourceFile

    /// Reads `source` against the lesson's exercise ids. Never fails: what cannot be
    /// read is in `problems`.
    public static func parse(_ source: SourceFile, exerciseIDs: [String]) -> AnswerSheet {
        var sheet = AnswerSheet(answers: [:], unreadable: [:], problems: [], source: source)
        let interpreter = Interpreter()
        var offset = 0
        while offset < source.lines.count {
            // A byte-order mark before the first line is not part of it.
            let raw = source.lines[offset]
            var chunk = offset == 0 && raw.hasPrefix("\u{FEFF}") ? String(raw.dropFirst()) : raw
            let shift = raw.count - chunk.count
            let first = offset
            // A matrix may be written over several lines: an unclosed '[' or '(' goes on.
            var depth = AnswerLine.openBrackets(in: chunk)
            while depth > 0, offset + 1 < source.lines.count {
                offset += 1
                chunk += "\n" + source.lines[offset]
                depth += AnswerLine.openBrackets(in: source.lines[offset])
            }
            sheet.read(line: chunk, number: source.firstLine + first, shift: shift, in: source,
                       exerciseIDs: exerciseIDs, interpreter: interpreter)
            offset += 1
        }
        return sheet
    }

    /// Reads one line: nothing for a blank or comment line, else an answer or a problem.
    private mutating func read(line: String, number: Int, shift: Int, in source: SourceFile,
                               exerciseIDs: [String], interpreter: Interpreter) {
        let lineSource = SourceFile(name: source.name, text: line, firstLine: number)
        let (statements, syntax) = Parser.parse(lineSource)
        let id = AnswerLine.leadingID(of: line)
        // Columns on the first line move right past a byte-order mark.
        func span(_ s: SourceSpan) -> SourceSpan {
            func moved(_ p: SourcePosition) -> SourcePosition {
                p.line == number ? SourcePosition(line: p.line, column: p.column + shift) : p
            }
            return shift == 0 ? s : SourceSpan(start: moved(s.start), end: moved(s.end))
        }
        func problem(_ message: some DiagnosticMessage, at s: SourceSpan, notes: [String] = []) {
            record(Diagnostic(message, at: span(s), notes: notes), for: id?.name, exerciseIDs: exerciseIDs)
        }
        if let slip = AnswerLine.formSlip(in: line) {
            // Forms the parser would misread or reject with a less useful message.
            problem(slip.message, at: SourceSpan(line: number, column: slip.column))
            return
        }
        if let first = syntax.first {
            record(Diagnostic(LessonMessage.answerUnreadable(first.message), at: span(first.span), notes: first.notes),
                   for: id?.name, exerciseIDs: exerciseIDs)
            return
        }
        guard let statement = statements.first else { return }  // blank, or a comment
        guard statements.count == 1, case let .assignment(target, .assign, value) = statement.kind,
              target.indices.isEmpty else {
            problem(LessonMessage.answerLineForm, at: statement.span)
            return
        }
        let name = target.name
        guard exerciseIDs.contains(name.name) else {
            var notes = ["the exercises are: " + exerciseIDs.joined(separator: ", ")]
            if let guess = Suggestions.closest(to: name.name, among: exerciseIDs) {
                notes.insert("did you mean '\(guess)'?", at: 0)
            }
            problems.append(Diagnostic(LessonMessage.unknownExercise(name.name), at: span(name.span), notes: notes))
            return
        }
        guard answers[name.name] == nil, unreadable[name.name] == nil else {
            problems.append(Diagnostic(LessonMessage.answeredTwice(name.name), at: span(name.span)))
            return
        }
        if case .name(let word) = value.kind, ["nan", "inf", "infinity"].contains(word.lowercased()) {
            problem(LessonMessage.answerNotFinite, at: value.span)
            return
        }
        do {
            guard let t = try interpreter.constantValue(value) else {
                problem(LessonMessage.answerNotAValue, at: value.span)
                return
            }
            guard t.storage.allSatisfy(\.isFinite) else {
                problem(LessonMessage.answerNotFinite, at: value.span)
                return
            }
            answers[name.name] = t
        } catch {
            record(Diagnostic(LessonMessage.answerUnreadable(error.message), at: span(error.span), notes: error.notes),
                   for: name.name, exerciseIDs: exerciseIDs)
        }
    }

    /// A problem on a line, kept as the result of the exercise it names (when it names
    /// one not answered yet).
    private mutating func record(_ d: Diagnostic, for id: String?, exerciseIDs: [String]) {
        problems.append(d)
        if let id, exerciseIDs.contains(id), answers[id] == nil, unreadable[id] == nil { unreadable[id] = d }
    }
}

/// The shapes of an answer line that bptutor recognises before parsing it.
enum AnswerLine {
    /// The identifier that starts the line, if any (the exercise it is about).
    static func leadingID(of line: String) -> (name: String, column: Int)? {
        let chars = Array(line)
        var i = 0
        while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
        guard i < chars.count, chars[i].isLetter || chars[i] == "_" else { return nil }
        let start = i
        while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" { i += 1 }
        return (String(chars[start..<i]), start + 1)
    }

    /// Brackets opened minus closed on a line, up to a `#` comment.
    static func openBrackets(in line: String) -> Int {
        var depth = 0
        for c in line {
            if c == "#" { break }
            if c == "[" || c == "(" { depth += 1 }
            if c == "]" || c == ")" { depth -= 1 }
        }
        return depth
    }

    /// `q1: 0.5` (a colon for '='), `q1 = 0,5` (a decimal comma).
    static func formSlip(in line: String) -> (message: LessonMessage, column: Int)? {
        guard let (id, column) = leadingID(of: line) else { return nil }
        let chars = Array(line)
        var i = column - 1 + id.count
        while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 }
        guard i < chars.count else { return nil }
        if chars[i] == ":" {
            return (.colonForEquals(id), i + 1)
        }
        guard chars[i] == "=" else { return nil }
        var value = String(chars[(i + 1)...])
        if let hash = value.firstIndex(of: "#") { value = String(value[..<hash]) }
        value = String(value.drop(while: { $0 == " " || $0 == "\t" }).reversed()
            .drop(while: { $0 == " " || $0 == "\t" }).reversed())
        // One number written with a decimal comma: digits, one ',', digits, no spaces.
        let parts = value.split(separator: ",", omittingEmptySubsequences: false)
        if parts.count == 2, let whole = parts.first, let fraction = parts.last,
           !fraction.isEmpty, fraction.allSatisfy(\.isNumber),
           !whole.isEmpty, whole.drop(while: { $0 == "-" || $0 == "+" }).allSatisfy(\.isNumber),
           whole.contains(where: \.isNumber) {
            let offset = line.distance(from: line.startIndex, to: line.firstIndex(of: ",")!)
            return (.decimalComma(written: whole + "." + fraction), offset + 1)
        }
        return nil
    }
}
