/// A stable identifier for each kind of problem, as swift-syntax's `MessageID`: JSON error
/// objects carry it as `"code"`, tests and graders match on it instead of on the wording.
///
/// The raw values are part of the JSON contract (README, "JSON errors"): never rename or
/// remove one, only add. The wording stays free to improve.
public enum DiagnosticCode: String, Sendable, CaseIterable {
    // Reading the text (lexer and parser).
    /// A character the language has no use for (`'`, `$`).
    case unexpectedCharacter = "unexpected-character"
    /// A number the lexer cannot read (`1e`, `1.2.3`) or too large.
    case malformedNumber = "malformed-number"
    /// A bad escape or an unterminated string.
    case badString = "bad-string"
    /// Something else was expected here: "expected an expression after '*'".
    case syntax = "syntax"
    /// A `(` or `[` that is never closed.
    case unclosedBracket = "unclosed-bracket"
    /// Two entries of a literal with no comma between them: `[[1, 2] [3, 4]]`.
    case missingComma = "missing-comma"
    /// A vector or matrix literal of the wrong form (empty, ragged, rows mixed with numbers).
    case badLiteral = "bad-literal"
    /// An expression nested deeper than the parser allows.
    case nestingTooDeep = "nesting-too-deep"
    /// The left side of `=` is not a name or an element.
    case badAssignmentTarget = "bad-assignment-target"
    /// A command word (or a function) used as a name.
    case reservedName = "reserved-name"
    /// A word at the start of a line that is no command: `shwo W1`.
    case unknownCommand = "unknown-command"
    /// A command's arguments do not fit its grammar (its usage line is the message).
    case commandUsage = "command-usage"

    // Options (`key=value` after a command).
    case unknownOption = "unknown-option"
    case duplicateOption = "duplicate-option"
    /// A required option is missing: `train` without `epochs=`.
    case missingOption = "missing-option"
    /// An option's value has the wrong type or is out of range.
    case invalidOption = "invalid-option"

    // Names and lookups.
    case unknownName = "unknown-name"
    case unknownFunction = "unknown-function"
    case unknownTopic = "unknown-topic"
    case unknownSetting = "unknown-setting"
    case unknownNotation = "unknown-notation"
    case unknownDataset = "unknown-dataset"
    /// A setting's value is out of range: `set digits 40`.
    case invalidSetting = "invalid-setting"

    // Values.
    /// Operands or arguments whose shapes do not fit (`cannot apply '+' to 2×1 and 3×1`).
    case shapeMismatch = "shape-mismatch"
    /// An index that is not a whole number, has the wrong count, or is out of range.
    case badIndex = "bad-index"
    /// A number was needed but the expression mentions a quantity, or a value is not allowed.
    case invalidValue = "invalid-value"
    /// A function called with the wrong number of arguments.
    case wrongArgumentCount = "wrong-argument-count"
    /// `.grad` before `backward`, or of a node the last backward does not reach.
    case noGradient = "no-gradient"
    /// `backward`/`gradcheck` from a quantity that is not 1×1.
    case notScalar = "not-scalar"
    /// A value or gradient that cannot be explained (e.g. not finite).
    case cannotExplain = "cannot-explain"

    // The network session.
    case noNetwork = "no-network"
    case noData = "no-data"
    /// The network's names were rebound since `net`.
    case networkRebound = "network-rebound"
    /// The network's input or output width does not match the data.
    case dataMismatch = "data-mismatch"
    /// `losses` before any `train`.
    case noTraining = "no-training"
    /// `accuracy` on regression targets.
    case notClassification = "not-classification"
    /// An invalid network description: unknown activation, loss, or layer sizes.
    case invalidNetwork = "invalid-network"
    /// Training, a gradient step, the perceptron or the decision grid failed in the engine.
    case trainingFailed = "training-failed"

    // Files.
    /// A lesson may only read files from its own folder.
    case pathNotAllowed = "path-not-allowed"
    case cannotReadFile = "cannot-read-file"
    /// A CSV data file with a problem in it.
    case badDataFile = "bad-data-file"

    // Lessons and answers files.
    /// A lesson file's own rules (one title, step labels, exercise ids, tolerances).
    case lessonFormat = "lesson-format"
    /// An answers file's own rules (`ID = VALUE` per line, each id once).
    case answersFormat = "answers-format"
    /// An answers file names an exercise the lesson does not have.
    case unknownExercise = "unknown-exercise"
}
