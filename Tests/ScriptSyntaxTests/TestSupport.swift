import Testing
@testable import ScriptSyntax

/// A source named `test.bp`.
func source(_ text: String) -> SourceFile {
    SourceFile(name: "test.bp", text: text)
}

/// Parses a whole text and requires no diagnostics.
func statements(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [Statement] {
    let (statements, diagnostics) = Parser.parse(source(text))
    try #require(diagnostics.isEmpty, "unexpected diagnostics: \(diagnostics.map(\.message))",
                 sourceLocation: sourceLocation)
    return statements
}

/// Parses a text that must be exactly one statement.
func statement(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Statement {
    let all = try statements(text, sourceLocation: sourceLocation)
    try #require(all.count == 1, "expected one statement, got \(all.count)", sourceLocation: sourceLocation)
    return all[0]
}

/// Parses a single expression and requires success.
func expression(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Expression {
    switch Parser.parseExpression(source(text)) {
    case .success(let e): return e
    case .failure(let d):
        Issue.record("unexpected diagnostic: \(d.message) at \(d.span)", sourceLocation: sourceLocation)
        throw d
    }
}

/// The diagnostics of parsing a whole text.
func diagnostics(_ text: String) -> [Diagnostic] {
    Parser.parse(source(text)).diagnostics
}

/// The single diagnostic of a text that must have exactly one.
func onlyDiagnostic(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> Diagnostic {
    let all = diagnostics(text)
    try #require(all.count == 1, "expected one diagnostic, got \(all.map(\.message))", sourceLocation: sourceLocation)
    return all[0]
}

/// The source text a one-line span covers.
func slice(_ span: SourceSpan, of text: String) -> String {
    let lines = source(text).lines
    guard span.start.line == span.end.line else {
        // Multi-line: first line's tail + middle lines + last line's head.
        var parts = [String(Array(lines[span.start.line - 1]).dropFirst(span.start.column - 1))]
        if span.end.line - span.start.line > 1 {
            parts += lines[span.start.line..<(span.end.line - 1)]
        }
        parts.append(String(Array(lines[span.end.line - 1]).prefix(span.end.column - 1)))
        return parts.joined(separator: "\n")
    }
    let line = Array(lines[span.start.line - 1])
    let from = span.start.column - 1
    let to = min(span.end.column - 1, line.count)
    return from < to ? String(line[from..<to]) : ""
}

/// A number as the tests write it: `2`, `0.5`, `0.001`.
func format(_ x: Double) -> String {
    if x == x.rounded(), abs(x) < 1e15 { return String(Int(x)) }
    return String(x)
}

/// An expression rendered back with every operation parenthesised.
func parenthesised(_ e: Expression) -> String {
    switch e.kind {
    case .number(let x): format(x)
    case .name(let name): name
    case .vector(let entries): "[" + entries.map(parenthesised).joined(separator: ", ") + "]"
    case .matrix(let rows):
        "[" + rows.map { "[" + $0.map(parenthesised).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
    case .unary(let op, let operand): "(" + op.rawValue + parenthesised(operand) + ")"
    case .binary(let op, let a, let b): "(" + parenthesised(a) + " " + op.rawValue + " " + parenthesised(b) + ")"
    case .call(let function, let arguments):
        function.name + "(" + arguments.map(parenthesised).joined(separator: ", ") + ")"
    case .index(let base, let indices): parenthesised(base) + "[" + indices.map(parenthesised).joined(separator: ", ") + "]"
    case .grad(let name): name.name + ".grad"
    case .keywordArgument(let key, let value): key.name + "=" + parenthesised(value)
    }
}

func rendered(_ value: OptionValue) -> String {
    switch value {
    case .number(let x): format(x)
    case .word(let w): w
    case .string(let s): "\"" + s + "\""
    }
}

func rendered(_ q: QuantityReference) -> String {
    q.name.name + (q.gradient ? ".grad" : "")
}

/// A statement rendered back in a canonical form.
func rendered(_ s: Statement) -> String {
    switch s.kind {
    case .assignment(let target, let op, let value):
        let indices = target.indices.isEmpty ? "" : "[" + target.indices.map(parenthesised).joined(separator: ", ") + "]"
        return target.name.name + indices + " " + op.rawValue + " " + parenthesised(value)
    case .expression(let e):
        return parenthesised(e)
    case .command(let keyword, let command):
        var words = [keyword.name]
        switch command {
        case .backward(let name): words.append(name.name)
        case .show(let quantities): words += quantities.map(rendered)
        case .explain(let q): words.append(rendered(q))
        case .gradcheck(let name, let options):
            words.append(name.name)
            words += options.map { $0.key.name + "=" + rendered($0.value) }
        case .set(let key, let value, _):
            if let key { words.append(key.name) }
            if let value { words.append(rendered(value)) }
        case .help(let topic): if let topic { words.append(topic.name) }
        case .names, .reset, .accuracy, .losses: break
        case let .net(layers, _, options):
            words.append(layers.map(String.init).joined(separator: "-"))
            words += options.map { $0.key.name + "=" + rendered($0.value) }
        case let .data(source, options):
            switch source {
            case .builtin(let name)?: words.append(name.name)
            case .file(let path, _)?: words += ["load", path]
            case nil: break
            }
            words += options.map { $0.key.name + "=" + rendered($0.value) }
        case .train(let options), .step(let options), .grid(let options):
            words += options.map { $0.key.name + "=" + rendered($0.value) }
        case let .perceptron(action, options):
            if let action { words.append(action.rawValue) }
            words += options.map { $0.key.name + "=" + rendered($0.value) }
        case .predict(let e): if let e { words.append(parenthesised(e)) }
        case .sample(let e): words.append(parenthesised(e))
        case .plot(let p):
            words.append(p.curves.map(parenthesised).joined(separator: ", "))
            words += ["for", p.variable.name, "in", parenthesised(p.low) + ".." + parenthesised(p.high)]
            words += p.options.map { $0.key.name + "=" + rendered($0.value) }
        case .notation(let name): if let name { words.append(name.name) }
        case .title(let text), .say(let text), .lessonStep(let text): words.append("\"" + text + "\"")
        case let .ask(id, expression, question, options):
            words += [id.name, parenthesised(expression), "\"" + question + "\""]
            words += options.map { $0.key.name + "=" + rendered($0.value) }
        }
        return "<" + words.joined(separator: " ") + ">"
    }
}
