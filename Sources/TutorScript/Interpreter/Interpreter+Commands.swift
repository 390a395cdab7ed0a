import BackpropCore
import ScriptSyntax

extension Interpreter {
    mutating func runCommand(_ command: Command, keyword: Identifier) throws(Diagnostic) -> [Output] {
        switch command {
        case .backward(let name):
            let id = try lookup(name)
            do {
                try graph.backward(from: id)
            } catch {
                throw Diagnostic("backward needs a 1×1 quantity such as a loss; \(name.name) is \(graph[id].shape)",
                                 at: name.span)
            }
            let reached = graph.bindings.values.filter { graph[$0].hasGradient }.count
            return [.backwardDone(root: name.name, reached: reached)]

        case .show(let references):
            let ids: [(String, NodeID)]
            if references.isEmpty {
                ids = boundNames.map { ($0, graph.bindings[$0]!) }
            } else {
                ids = try references.map { ref throws(Diagnostic) in (ref.name.name, try lookup(ref.name)) }
            }
            let r = renderer
            return [.show(ids.map { shown($0.0, $0.1, renderer: r) })]

        case .explain(let reference):
            let id = try lookup(reference.name)
            do {
                return [.explanation(name: reference.name.name, gradient: reference.gradient,
                                     try explanation(of: id, gradient: reference.gradient))]
            } catch {
                throw Diagnostic(error.description, at: reference.span)
            }

        case let .gradcheck(name, options):
            let id = try lookup(name)
            var step = GradCheck.defaultStep
            for option in options {
                switch (option.key.name, option.value) {
                case ("eps", .number(let h)), ("h", .number(let h)):
                    guard h > 0, h < 1 else {
                        throw Diagnostic("eps must be a small positive number such as 1e-4", at: option.valueSpan)
                    }
                    step = h
                default:
                    throw Diagnostic("gradcheck takes 'eps=H' (the relative finite-difference step)", at: option.key.span)
                }
            }
            do {
                let check = try graph.gradCheck(root: id, step: step)
                let entries = check.entries.map {
                    GradCheckReport.Entry(leaf: graph.displayName(of: $0.leaf), row: $0.row + 1, column: $0.column + 1,
                                          backprop: $0.backprop, numeric: $0.numeric, relativeError: $0.relativeError,
                                          absoluteError: $0.absoluteError, agrees: $0.agrees)
                }
                return [.gradCheck(GradCheckReport(root: name.name, step: step, entries: entries))]
            } catch {
                throw Diagnostic("gradcheck needs a 1×1 quantity such as a loss; \(name.name) is \(graph[id].shape)",
                                 at: name.span)
            }

        case let .set(key, value, valueSpan):
            guard let key else { return [.settings(currentSettings)] }
            return [try changeSetting(key, value, valueSpan ?? key.span)]

        case .help(let topic):
            return [.help(try HelpText.text(for: topic))]

        case .names:
            return [.names(bindingSummaries)]

        case .reset:
            graph = Graph()
            session = NetworkSession()
            return [.sessionReset]

        case .net, .data, .train, .step, .perceptron, .predict, .accuracy, .sample, .notation, .grid, .losses:
            return try runNetworkCommand(command, keyword: keyword)

        case .title, .say, .lessonStep, .ask:
            return try runLessonCommand(command, keyword: keyword)
        }
    }

    /// What `explain` shows for a node's value or gradient (also for the screen's formula pane).
    public func explanation(of id: NodeID, gradient: Bool) throws(ExplainError) -> Explanation {
        gradient ? try graph.explainGradient(of: id, renderer: renderer) : graph.explainValue(of: id, renderer: renderer)
    }

    /// What `names` lists: every bound name, its shape and definition.
    public var bindingSummaries: [BindingSummary] {
        let r = renderer
        return boundNames.map { name in
            let id = graph.bindings[name]!
            return BindingSummary(name: name, shape: graph.shape(of: id), isLeaf: graph.isLeaf(id),
                                  definition: graph.definition(of: id).map { r.render($0) })
        }
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
                throw Diagnostic("digits is a whole number from 1 to 17, as in 'set digits 10'", at: span)
            }
            settings.digits = Int(n)
            return .settingChanged(key: "digits", value: String(Int(n)))
        case "notation":
            guard case let .word(name)? = value else {
                throw Diagnostic("notation is one of: " + Notation.allCases.map(\.rawValue).joined(separator: ", "), at: span)
            }
            return try changeNotation(Identifier(name, span: span))
        default:
            let known = currentSettings.map(\.key)
            var notes = ["the settings are: " + known.joined(separator: ", ")]
            if let guess = Suggestions.closest(to: key.name, among: known) { notes = ["did you mean '\(guess)'?"] }
            throw Diagnostic("unknown setting '\(key.name)'", at: key.span, notes: notes)
        }
    }

    mutating func changeNotation(_ name: Identifier?) throws(Diagnostic) -> Output {
        guard let name else {
            return .notations(current: settings.notation.rawValue,
                              available: Notation.allCases.map { "\($0.rawValue): \($0.lecture)" })
        }
        guard let notation = Notation(rawValue: name.name) else {
            let names = Notation.allCases.map(\.rawValue)
            var notes = ["the notations are: " + names.joined(separator: ", ")]
            if let guess = Suggestions.closest(to: name.name, among: names) { notes.insert("did you mean '\(guess)'?", at: 0) }
            throw Diagnostic("unknown notation '\(name.name)'", at: name.span, notes: notes)
        }
        settings.notation = notation
        return .notationChanged(notation.rawValue)
    }
}
