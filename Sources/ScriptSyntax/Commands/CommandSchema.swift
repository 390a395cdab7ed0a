/// One command of the language, declared once: its word, its usage line (the error shown
/// when the arguments are wrong), a one-line summary, what its arguments are (for tab
/// completion), its `key=value` options, and how the words after it are read.
///
/// The parser reads `parse` and checks option names against `options`; the interpreter
/// decodes the options with the accessors on `[CommandOption]`; `help CMD` lists them;
/// completion offers the arguments and `key=` for each option. Each command's schema lives
/// in its own file in this folder, listed in `CommandTable.all`.
public struct CommandSchema: Sendable {
    /// What a command's arguments are, for tab completion.
    public enum Arguments: Sendable, Equatable {
        /// Nothing but options (or nothing at all).
        case none
        /// One bound name, then options: `backward L`, `gradcheck L eps=1e-6`.
        case name
        /// One quantity, a name or `NAME.grad`: `explain W1.grad`.
        case quantity
        /// Any number of quantities: `show W1 b1.grad`.
        case quantities
        /// An expression (completion offers names and functions).
        case expression
        /// `plot`'s curves, then `for NAME in LOW..HIGH`, then options.
        case curves
        /// Help topics.
        case helpTopics
        /// Setting names.
        case settings
        /// Notation names.
        case notations
        /// Built-in data sets, `load`, and CSV files; after `load`, file names.
        case dataSources
        /// Layer sizes such as `2-3-1`, then options.
        case layerSizes
        /// Given words only (`perceptron step`, `perceptron reset`).
        case words([String])
        /// Free text (a quoted string, an id): nothing to complete.
        case text
    }

    /// The command word, e.g. `backward`.
    public let keyword: String
    /// The error shown at the offending token when the arguments are wrong; also the
    /// example line of `help CMD`.
    public let usage: String
    /// What the command does, in one line (the command list of `help`).
    public let summary: String
    public let arguments: Arguments
    /// The options after the arguments, in the order help lists them.
    public let options: [OptionSpec]
    /// When set, the parser accepts any option name and the command reports names it does
    /// not know with this message (kept for `gradcheck`, whose message predates schemas).
    public let unknownOptionMessage: String?
    /// Reads the arguments (the command word is already consumed). Need not check the end
    /// of the line: anything left over is reported with `usage`.
    let parse: @Sendable (inout ParserState, CommandSchema) throws(Diagnostic) -> Command

    init(_ keyword: String, usage: String, summary: String, arguments: Arguments = .none,
         options: [OptionSpec] = [], unknownOptionMessage: String? = nil,
         parse: @escaping @Sendable (inout ParserState, CommandSchema) throws(Diagnostic) -> Command) {
        self.keyword = keyword
        self.usage = usage
        self.summary = summary
        self.arguments = arguments
        self.options = options
        self.unknownOptionMessage = unknownOptionMessage
        self.parse = parse
    }

    /// The command word and its options as help writes them:
    /// `train epochs=N eta=E [mode=batch|sgd|minibatch] …`.
    public var synopsis: String {
        ([keyword] + options.map(\.synopsis)).joined(separator: " ")
    }

    /// The declared option written as `name` (or one of its aliases).
    public func option(named name: String) -> OptionSpec? {
        options.first { $0.spellings.contains(name) }
    }

    /// The option names the parser accepts, nil when the command checks them itself.
    var allowedOptionNames: [String]? {
        unknownOptionMessage == nil ? options.map(\.name) : nil
    }

    /// Checks every option as written, in the order written: a known name (when the command
    /// checks names itself) and a value of the declared kind and range. After this the
    /// accessors (`number`, `word`, …) cannot fail.
    public func validate(_ written: [CommandOption]) throws(Diagnostic) {
        for option in written {
            guard let spec = self.option(named: option.key.name) else {
                throw Diagnostic(SyntaxMessage.unknownOption(option.key.name, declared: unknownOptionMessage),
                                 at: option.key.span)
            }
            switch spec.value {
            case .number, .wholeNumber: _ = try [option].number(spec)
            case .word, .name: _ = try [option].word(spec)
            case .text: _ = try [option].text(spec)
            }
        }
    }
}
