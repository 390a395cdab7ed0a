import ScriptSyntax

/// The wording of the problems particular to a lesson file or an answers file (their
/// statements are the language's; these are the rules of the file around them).
enum LessonMessage: DiagnosticMessage {
    // A lesson file.
    case secondTitle
    case stepNeedsLabel
    case exerciseIdUsed(String, line: Int)

    // An answers file.
    case answerLineForm
    case unknownExercise(String)
    case answeredTwice(String)
    case answerNotAValue
    case answerNotFinite
    /// The parser's words for a line that is no statement.
    case answerUnreadable(String)
    case colonForEquals(String)
    /// `written`: the number with a decimal point.
    case decimalComma(written: String)

    var code: DiagnosticCode {
        switch self {
        case .secondTitle, .stepNeedsLabel, .exerciseIdUsed: .lessonFormat
        case .answerLineForm, .answeredTwice, .answerNotAValue, .answerNotFinite, .answerUnreadable,
             .colonForEquals, .decimalComma:
            .answersFormat
        case .unknownExercise: .unknownExercise
        }
    }

    var message: String {
        switch self {
        case .secondTitle: "a lesson has one title"
        case .stepNeedsLabel: "a step needs a label, as in step \"Forward pass\""
        case .exerciseIdUsed(let id, let line): "the exercise id '\(id)' is already used on line \(line)"
        case .answerLineForm: "an answers file has one 'ID = VALUE' per line, as in 'q1 = -0.0594'"
        case .unknownExercise(let id): "no exercise '\(id)' in this lesson"
        case .answeredTwice(let id): "'\(id)' is answered twice"
        case .answerNotAValue: "an answer is a number, a vector or a matrix, as in [0.1, -0.2]"
        case .answerNotFinite: "an answer is a finite number: NaN and infinities cannot be graded"
        case .answerUnreadable(let why): "this answer cannot be read: \(why)"
        case .colonForEquals(let id): "write '\(id) = VALUE': an answer is given with '=', not ':'"
        case .decimalComma(let written): "a decimal comma: write \(written), with a point"
        }
    }
}
