/// A located problem in a source: what went wrong, where, and what might help.
/// Errors are data; `DiagnosticRenderer` owns the wording on screen.
public struct Diagnostic: Error, Sendable, Equatable {
    public enum Severity: String, Sendable {
        case error
        case warning
        case note
    }

    public var severity: Severity
    public var message: String
    public var span: SourceSpan
    /// Further lines shown under the caret, e.g. "did you mean 'show'?".
    public var notes: [String]

    public init(_ message: String, at span: SourceSpan, severity: Severity = .error, notes: [String] = []) {
        self.severity = severity
        self.message = message
        self.span = span
        self.notes = notes
    }
}
