/// A located problem in a source: what went wrong, where, and what might help.
/// Errors are data: `code` says which kind of problem it is (stable, for JSON and tests),
/// a `DiagnosticMessage` enum words it, `DiagnosticRenderer` owns the layout on screen.
public struct Diagnostic: Error, Sendable, Equatable {
    public enum Severity: String, Sendable {
        case error
        case warning
        case note
    }

    public var severity: Severity
    /// The kind of problem, stable across releases (JSON `"code"`).
    public var code: DiagnosticCode
    public var message: String
    public var span: SourceSpan
    /// Further lines shown under the caret, e.g. "did you mean 'show'?".
    public var notes: [String]

    /// A diagnostic worded by `message`; `notes` are added under its own notes.
    public init(_ message: some DiagnosticMessage, at span: SourceSpan, severity: Severity = .error,
                notes: [String] = []) {
        self.severity = severity
        self.code = message.code
        self.message = message.message
        self.span = span
        self.notes = message.notes + notes
    }
}
