/// The wording of every problem found while reading a line: the lexer's, the parser's and
/// the command schemas'. Texts a schema declares for its own command (its usage line, an
/// option's "is a number from …") come in as they are; everything else is worded here.
public enum SyntaxMessage: DiagnosticMessage, Equatable {
    // The lexer.
    /// `described` is the character as `LexerState.describe` names it.
    case unexpectedCharacter(described: String)
    /// An operator from another language, such as `**`.
    case notAnOperator(String)
    case exponentLacksDigits(number: String)
    case malformedNumber(String)
    case numberTooLarge(String)
    case backslashAtEndOfLine
    case unknownEscape(Character)
    case unterminatedString
    case unterminatedTripleQuotedString

    // Expressions.
    case nestingTooDeep(limit: Int)
    case expectedGradAfterDot
    case gradFollowsAName
    case emptyIndex
    case tooManyIndices
    case commandUsedAsName(String)
    case stringInExpression
    /// Tokens are named as `Token.quoted` and `Token.unexpected` name them.
    case expectedExpression
    case expectedExpressionBefore(token: String)
    case expectedExpressionAfter(token: String)
    case expectedExpressionFound(token: String)
    case expectedCommandOrExpression(found: String)
    case expectedCloser(String, found: String)
    case unclosed(opener: String, closer: String)
    case missingCommaBetweenRows
    case emptyVector
    case matrixInMatrix
    case rowsMixedWithEntries
    case raggedRows(firstLength: Int, row: Int, length: Int)
    case textAfterExpression(unexpected: String)

    // Statements and commands.
    case unknownCommand(String)
    case assignmentToGradient(name: String)
    case badAssignmentTarget(assignmentOperator: String)
    case textAfterStatement(unexpected: String)
    /// A command's arguments do not fit: its declared usage line.
    case usage(String)
    case dataLoadNeedsFile
    case badLayerSize(String)
    case tooFewLayers

    // Options.
    /// `declared`: the command's own wording for a name it does not take.
    case unknownOption(String, declared: String? = nil)
    case duplicateOption(String)
    case expectedEqualsAfterOption(String)
    case expectedOptionValue(String)
    /// `declared`: the option's own wording for its absence.
    case missingOption(command: String, option: String, declared: String?)
    /// An option's declared wording for a value of the wrong kind or out of range.
    case invalidOption(String)

    public var code: DiagnosticCode {
        switch self {
        case .unexpectedCharacter, .notAnOperator: .unexpectedCharacter
        case .exponentLacksDigits, .malformedNumber, .numberTooLarge: .malformedNumber
        case .backslashAtEndOfLine, .unknownEscape, .unterminatedString, .unterminatedTripleQuotedString: .badString
        case .nestingTooDeep: .nestingTooDeep
        case .expectedGradAfterDot, .gradFollowsAName, .stringInExpression, .expectedExpression,
             .expectedExpressionBefore, .expectedExpressionAfter, .expectedExpressionFound,
             .expectedCommandOrExpression, .expectedCloser, .textAfterExpression, .textAfterStatement,
             .expectedEqualsAfterOption, .expectedOptionValue:
            .syntax
        case .emptyIndex, .tooManyIndices: .badIndex
        case .commandUsedAsName: .reservedName
        case .unclosed: .unclosedBracket
        case .missingCommaBetweenRows: .missingComma
        case .emptyVector, .matrixInMatrix, .rowsMixedWithEntries, .raggedRows: .badLiteral
        case .unknownCommand: .unknownCommand
        case .assignmentToGradient, .badAssignmentTarget: .badAssignmentTarget
        case .usage, .dataLoadNeedsFile, .badLayerSize, .tooFewLayers: .commandUsage
        case .unknownOption: .unknownOption
        case .duplicateOption: .duplicateOption
        case .missingOption: .missingOption
        case .invalidOption: .invalidOption
        }
    }

    public var message: String {
        switch self {
        case .unexpectedCharacter(let described): "unexpected character \(described)"
        case .notAnOperator(let text): "'\(text)' is not an operator; write '^' for a power, as in x^2"
        case .exponentLacksDigits(let number): "malformed number '\(number)': the exponent needs digits, as in 1e-3"
        case .malformedNumber(let number): "malformed number '\(number)'"
        case .numberTooLarge(let number): "the number '\(number)' is too large"
        case .backslashAtEndOfLine: "a '\\' at the end of a line does not escape anything"
        case .unknownEscape(let c): "unknown escape '\\\(c)' in a string"
        case .unterminatedString: "unterminated string: the closing '\"' is missing"
        case .unterminatedTripleQuotedString: "unterminated string: no closing \"\"\" before the end of the input"

        case .nestingTooDeep(let limit): "this expression nests more than \(limit) levels deep"
        case .expectedGradAfterDot: "expected 'grad' after '.', as in W1.grad"
        case .gradFollowsAName: "'.grad' follows a name, as in W1.grad"
        case .emptyIndex: "expected an index inside '[]', as in v[2] or W[1, 2]"
        case .tooManyIndices: "an index has one or two positions, as in v[2] or W[1, 2]"
        case .commandUsedAsName(let name): "'\(name)' is a command and cannot be used as a name"
        case .stringInExpression: "a string cannot be used in an expression"
        case .expectedExpression: "expected an expression"
        case .expectedExpressionBefore(let token): "expected an expression before \(token)"
        case .expectedExpressionAfter(let token): "expected an expression after \(token)"
        case .expectedExpressionFound(let token): "expected an expression, found \(token)"
        case .expectedCommandOrExpression(let token): "expected a command or an expression, found \(token)"
        case .expectedCloser(let closer, let token): "expected \(closer), found \(token)"
        case .unclosed(let opener, let closer): "unclosed '\(opener)': expected '\(closer)' before the end of the line"
        case .missingCommaBetweenRows: "a ',' is missing between the rows of a matrix"
        case .emptyVector: "'[]' is empty: a vector needs at least one entry, as in [1, 2]"
        case .matrixInMatrix:
            "a matrix cannot be an entry of a matrix; a matrix is written as rows, as in [[1, 2], [3, 4]]"
        case .rowsMixedWithEntries:
            "cannot mix rows and single entries; a matrix is written as rows, as in [[1, 2], [3, 4]]"
        case .raggedRows(let firstLength, let row, let length):
            "the rows of a matrix must have the same length: row 1 has "
                + (firstLength == 1 ? "1 entry" : "\(firstLength) entries") + ", row \(row) has \(length)"
        case .textAfterExpression(let unexpected): "\(unexpected) after the end of the expression"

        case .unknownCommand(let word): "unknown command '\(word)'"
        case .assignmentToGradient(let name): "cannot assign to '\(name).grad': gradients are computed by 'backward'"
        case .badAssignmentTarget(let op):
            "cannot assign to this expression: the left side of '\(op)' must be a name, "
                + "as in 'w = 0.5', or an element, as in 'W[1, 2] = 0.5'"
        case .textAfterStatement(let unexpected): "\(unexpected) after the end of the statement"
        case .usage(let usage): usage
        case .dataLoadNeedsFile: "data load takes a file name, as in 'data load digits.csv'"
        case .badLayerSize(let word): "layer sizes are whole numbers joined by '-', as in 2-3-1; '\(word)' is not"
        case .tooFewLayers: "a network needs at least an input and an output layer, as in 2-1"

        case .unknownOption(let name, let declared): declared ?? "unknown option '\(name)'"
        case .duplicateOption(let name): "the option '\(name)' is given twice"
        case .expectedEqualsAfterOption(let name): "expected '=' after '\(name)': options are written key=value, as in eps=1e-6"
        case .expectedOptionValue(let name): "expected a value after '\(name)=', as in \(name)=1"
        case .missingOption(let command, let option, let declared): declared ?? "\(command) needs \(option)=…"
        case .invalidOption(let wording): wording
        }
    }

    public var notes: [String] {
        switch self {
        case .unknownEscape: ["the escapes are \\\" \\\\ \\n \\t"]
        case .unterminatedString: ["a string that spans several lines is written between \"\"\" and \"\"\""]
        case .nestingTooDeep: ["split it into several named steps, e.g. 'a = …' then 'b = a + …'"]
        case .missingCommaBetweenRows: ["rows are separated by commas, as in [[1, 2], [3, 4]]"]
        default: []
        }
    }
}
