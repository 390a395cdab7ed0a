/// One kind of problem in words, with its stable code: as swift-syntax's
/// `DiagnosticMessage`, each module words its problems in one enum (`SyntaxMessage` here,
/// `ScriptMessage` and `LessonMessage` in TutorScript), so a message is written once,
/// beside the others of its kind, and a problem cannot reach a user without a code.
/// Throw sites say which problem and where; they never compose text.
public protocol DiagnosticMessage: Sendable {
    /// The kind of problem, stable across releases (JSON `"code"`).
    var code: DiagnosticCode { get }
    /// One line saying what is wrong, in the user's terms, with an example of the right form
    /// where one helps.
    var message: String { get }
    /// Lines that always go with this message under the caret (a site may add more, such
    /// as "did you mean …").
    var notes: [String] { get }
}

extension DiagnosticMessage {
    public var notes: [String] { [] }
}
