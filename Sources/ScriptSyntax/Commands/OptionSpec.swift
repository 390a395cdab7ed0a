/// One `key=value` option of a command, declared once: its name, the value it takes, its
/// default and help, and the wording of its errors. The parser's list of allowed options,
/// the decoding (with the caret on the offending value), `help CMD` and tab completion all
/// read this declaration.
public struct OptionSpec: Sendable {
    /// The kind of value an option takes, with its allowed range.
    public enum Value: Sendable {
        /// Any number in `range`.
        case number(NumberRange)
        /// A whole number in `range`.
        case wholeNumber(NumberRange)
        /// A bare word; with `choices`, one of them (an empty list means any word, checked later).
        case word(choices: [String])
        /// A bare word or a quoted text, checked later (`hidden=relu`, `hidden="relu"`).
        case name
        /// A quoted text.
        case text
    }

    public let name: String
    /// What help writes after `name=`: `N`, `E`, `batch|sgd|minibatch`.
    public let metavariable: String
    /// Other spellings accepted for the same option (`h` for `eps`).
    public let aliases: [String]
    public let value: Value
    /// What the option is when it is not given, for help ("32"); nil when it has no default.
    public let defaultValue: String?
    /// One line for `help CMD`.
    public let help: String
    /// The error when the option is missing; nil for an optional option.
    public let missing: String?
    /// The error when the value has the wrong kind (a word where a number goes).
    public let wrongKind: String
    /// Whether that error points at the key rather than the value (`gradcheck`'s, which says
    /// how the option is written).
    public let wrongKindAtKey: Bool
    /// The error when the value has the right kind but is out of range or not a choice.
    public let invalid: @Sendable (OptionValue) -> String

    public init(_ name: String, _ metavariable: String, aliases: [String] = [], _ value: Value,
                default defaultValue: String? = nil, help: String, missing: String? = nil, wrongKind: String,
                wrongKindAtKey: Bool = false, invalid: @escaping @Sendable (OptionValue) -> String) {
        self.name = name
        self.metavariable = metavariable
        self.aliases = aliases
        self.value = value
        self.defaultValue = defaultValue
        self.help = help
        self.missing = missing
        self.wrongKind = wrongKind
        self.wrongKindAtKey = wrongKindAtKey
        self.invalid = invalid
    }

    /// The same message for a wrong kind and a bad value.
    public init(_ name: String, _ metavariable: String, aliases: [String] = [], _ value: Value,
                default defaultValue: String? = nil, help: String, missing: String? = nil, error: String) {
        self.init(name, metavariable, aliases: aliases, value, default: defaultValue, help: help, missing: missing,
                  wrongKind: error, invalid: { _ in error })
    }

    /// Every spelling of the option.
    public var spellings: [String] { [name] + aliases }

    /// The word choices (for completion and help), empty for other kinds.
    public var choices: [String] {
        if case .word(let choices) = value { return choices }
        return []
    }

    /// `epochs=N`, or `[mode=batch|sgd|minibatch]` for an optional option, as help writes it.
    public var synopsis: String {
        missing == nil ? "[\(name)=\(metavariable)]" : "\(name)=\(metavariable)"
    }
}

/// The allowed range of a numeric option: each bound inclusive or exclusive, or open.
public struct NumberRange: Sendable, Equatable {
    public var lower: Double?
    public var lowerInclusive: Bool
    public var upper: Double?
    public var upperInclusive: Bool

    public init(lower: Double? = nil, lowerInclusive: Bool = true, upper: Double? = nil, upperInclusive: Bool = true) {
        self.lower = lower
        self.lowerInclusive = lowerInclusive
        self.upper = upper
        self.upperInclusive = upperInclusive
    }

    /// Any finite or infinite number.
    public static let any = NumberRange()
    /// x > 0.
    public static let positive = NumberRange(lower: 0, lowerInclusive: false)
    /// x ≥ 0.
    public static let nonNegative = NumberRange(lower: 0)
    /// low ≤ x ≤ high.
    public static func from(_ low: Double, to high: Double) -> NumberRange { NumberRange(lower: low, upper: high) }
    /// low < x < high.
    public static func between(_ low: Double, and high: Double) -> NumberRange {
        NumberRange(lower: low, lowerInclusive: false, upper: high, upperInclusive: false)
    }
    /// low ≤ x < high.
    public static func from(_ low: Double, below high: Double) -> NumberRange {
        NumberRange(lower: low, upper: high, upperInclusive: false)
    }

    public func contains(_ x: Double) -> Bool {
        if x.isNaN { return false }
        if let lower, lowerInclusive ? x < lower : x <= lower { return false }
        if let upper, upperInclusive ? x > upper : x >= upper { return false }
        return true
    }
}

/// Reading declared options out of what the parser collected: each accessor checks the
/// value's kind and range and fails at the value's span with the option's own wording
/// (code `invalid-option`), or at the command word when a required option is missing.
extension Array where Element == CommandOption {
    /// The option as written, under any of its spellings.
    public func option(_ spec: OptionSpec) -> CommandOption? {
        first { spec.spellings.contains($0.key.name) }
    }

    /// A numeric option's value, nil when it is not given.
    public func number(_ spec: OptionSpec) throws(Diagnostic) -> Double? {
        guard let option = option(spec) else { return nil }
        guard case .number(let x) = option.value else { throw spec.wrongKindError(option) }
        switch spec.value {
        case .number(let range):
            guard range.contains(x) else { throw spec.invalidError(option) }
        case .wholeNumber(let range):
            guard x == x.rounded(), range.contains(x) else { throw spec.invalidError(option) }
        case .word, .name, .text:
            break
        }
        return x
    }

    /// A whole-number option's value, nil when it is not given.
    public func wholeNumber(_ spec: OptionSpec) throws(Diagnostic) -> Int? {
        try number(spec).map { Int($0) }
    }

    /// A word option's value (checked against the choices, if any), nil when it is not given.
    /// A `.name` option also takes a quoted text.
    public func word(_ spec: OptionSpec) throws(Diagnostic) -> String? {
        guard let option = option(spec) else { return nil }
        if case .name = spec.value, case .string(let s) = option.value { return s }
        guard case .word(let w) = option.value else { throw spec.wrongKindError(option) }
        guard spec.choices.isEmpty || spec.choices.contains(w) else { throw spec.invalidError(option) }
        return w
    }

    /// A quoted-text option's value, nil when it is not given.
    public func text(_ spec: OptionSpec) throws(Diagnostic) -> String? {
        guard let option = option(spec) else { return nil }
        guard case .string(let s) = option.value else { throw spec.wrongKindError(option) }
        return s
    }

    /// A required option's value: fails at `keyword` with the option's `missing` wording.
    public func required<T>(_ spec: OptionSpec, at keyword: Identifier,
                            _ read: (Self) throws(Diagnostic) -> T?) throws(Diagnostic) -> T {
        guard let value = try read(self) else {
            throw Diagnostic(SyntaxMessage.missingOption(command: keyword.name, option: spec.name, declared: spec.missing),
                             at: keyword.span)
        }
        return value
    }
}

extension OptionSpec {
    func wrongKindError(_ option: CommandOption) -> Diagnostic {
        Diagnostic(SyntaxMessage.invalidOption(wrongKind), at: wrongKindAtKey ? option.key.span : option.valueSpan)
    }

    func invalidError(_ option: CommandOption) -> Diagnostic {
        Diagnostic(SyntaxMessage.invalidOption(invalid(option.value)), at: option.valueSpan)
    }
}

extension OptionValue {
    /// The number, when the value is one.
    public var number: Double? {
        if case .number(let x) = self { return x }
        return nil
    }
}
