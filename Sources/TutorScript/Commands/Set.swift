import BackpropCore
import ScriptSyntax
import TutorStore

/// `set KEY VALUE` (`set digits 10`, `set notation grosse`), `set` alone to list the
/// settings, and `notation [NAME]`.
extension Interpreter {
    mutating func set(_ key: Identifier?, _ value: OptionValue?, _ valueSpan: SourceSpan?) throws(Diagnostic) -> Output {
        guard let key else { return .settings(currentSettings) }
        return try changeSetting(key, value, valueSpan ?? key.span)
    }

    public var currentSettingKeys: [String] { currentSettings.map(\.key) }

    var currentSettings: [Setting] {
        [Setting(key: "digits", value: String(settings.digits)),
         Setting(key: "notation", value: settings.notation.rawValue)]
    }

    private mutating func changeSetting(_ key: Identifier, _ value: OptionValue?,
                                        _ span: SourceSpan) throws(Diagnostic) -> Output {
        switch key.name {
        case "digits":
            guard case let .number(n)? = value, n == n.rounded(), n >= 1, n <= 17 else {
                throw Diagnostic(ScriptMessage.digitsSetting, at: span)
            }
            settings.digits = Int(n)
            return .settingChanged(key: "digits", value: String(Int(n)))
        case "notation":
            guard case let .word(name)? = value else {
                throw Diagnostic(ScriptMessage.notationChoices, at: span)
            }
            return try changeNotation(Identifier(name, span: span))
        default:
            let known = currentSettings.map(\.key)
            var notes = ["the settings are: " + known.joined(separator: ", ")]
            if let note = Suggestions.note(for: key.name, among: known) { notes = [note] }
            throw Diagnostic(ScriptMessage.unknownSetting(key.name), at: key.span, notes: notes)
        }
    }

    /// `notation NAME`, or the list of notations when no name is given.
    mutating func changeNotation(_ name: Identifier?) throws(Diagnostic) -> Output {
        guard let name else {
            return .notations(current: settings.notation.rawValue,
                              available: Notation.allCases.map { "\($0.rawValue): \($0.lecture)" })
        }
        guard let notation = Notation(rawValue: name.name) else {
            let names = Notation.allCases.map(\.rawValue)
            var notes = ["the notations are: " + names.joined(separator: ", ")]
            if let note = Suggestions.note(for: name.name, among: names) { notes.insert(note, at: 0) }
            throw Diagnostic(ScriptMessage.unknownNotation(name.name), at: name.span, notes: notes)
        }
        settings.notation = notation
        return .notationChanged(notation.rawValue)
    }
}

extension TextOutput {
    /// `notation` alone: the notations, the current one starred.
    func notationLines(current: String, available: [String]) -> [String] {
        return available.map { ($0.hasPrefix(current + ":") ? "* " : "  ") + $0 }
    }

    /// `notation NAME`.
    func notationChangedLines(_ name: String) -> [String] {
        return ["notation \(name)"]
    }
}

extension JSONOutput {
    /// `{"notation": {"current": …, "available": [...]}}`.
    static func notationsJSON(current: String, available: [String]) -> JSONValue {
        return .object([("notation", .object([("current", .string(current)),
                                               ("available", .array(available.map(JSONValue.string)))]))])
    }
}
