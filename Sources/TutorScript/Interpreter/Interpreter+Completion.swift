#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import BackpropCore
import ScriptSyntax

/// Tab completion for the REPL, the lesson mode and the screen's command bar, read from the
/// commands' schemas: after a command word, what that command takes there (names after
/// `show`, data sets and CSV files after `data`, file names after `data load`, topics after `help`, the
/// notations after `notation`) and `key=` for each option not yet given; after `key=`, the
/// option's values when it has a fixed set. A line that is not a command completes
/// commands, bound names and functions (as `sigmoid(`).
extension Interpreter {
    /// Words for a line's first word: commands, functions and bound names.
    public var completionWords: [String] {
        Array(Set(Keywords.commands + Functions.names + resolvableNames)).sorted()
    }

    /// The candidates for `word`, the word being typed after `lineBefore`; `extra` are the
    /// front end's own words (`quit`, `reveal`), offered where a command could start.
    public func completions(for word: String, lineBefore: String, extra: [String] = []) -> [String] {
        let before = lineBefore.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
        let words: [String]
        if before == [DataSyntax.schema.keyword, DataSyntax.load] {
            words = dataFiles(matching: word)
        } else if let first = before.first, let schema = CommandTable.command(named: first) {
            words = completions(of: word, after: Array(before.dropFirst()), of: schema,
                                endsWithEquals: lineBefore.last == "=")
        } else {
            words = lineStarts + extra
        }
        return Array(Set(words.filter { $0.hasPrefix(word) })).sorted()
    }

    /// Commands, names and functions: what can start a line.
    private var lineStarts: [String] {
        let functions = Set(Functions.names)
        return completionWords.map { functions.contains($0) ? $0 + "(" : $0 }
    }

    /// What goes in an expression: bound names and functions.
    private var expressionWords: [String] {
        resolvableNames + Functions.names.map { $0 + "(" }
    }

    private func completions(of word: String, after arguments: [String], of schema: CommandSchema,
                             endsWithEquals: Bool) -> [String] {
        if endsWithEquals, let last = arguments.last {
            // `mode=` (readline breaks words at '='): the values of that option.
            let key = String(last.dropLast())
            return schema.option(named: key).map { optionValues($0, of: schema) } ?? []
        }
        let given = Set(arguments.compactMap { $0.split(separator: "=").first.map(String.init) })
        let options = schema.options.filter { given.isDisjoint(with: $0.spellings) }.map { $0.name + "=" }
        let positional = arguments.filter { !$0.contains("=") }
        switch schema.arguments {
        case .none:
            return options
        case .name:
            return positional.isEmpty ? resolvableNames : options
        case .quantity:
            return positional.isEmpty ? quantities(for: word) : []
        case .quantities:
            return quantities(for: word)
        case .expression:
            return positional.isEmpty ? expressionWords : []
        case .curves:
            // `plot EXPR, … for NAME in LOW..HIGH`, then its options.
            guard let inAt = positional.firstIndex(of: "in"), positional.firstIndex(of: "for") == inAt - 2 else {
                return expressionWords + (positional.isEmpty ? [] : ["for"])
            }
            return positional.count > inAt + 1 ? options : []
        case .helpTopics:
            return positional.isEmpty ? HelpText.topics.map(\.name) + Functions.names : []
        case .settings:
            if positional.isEmpty { return currentSettingKeys }
            return positional == ["notation"] ? Notation.allCases.map(\.rawValue) : []
        case .notations:
            return positional.isEmpty ? Notation.allCases.map(\.rawValue) : []
        case .dataSources:
            if positional.isEmpty {
                return BuiltinDataset.allCases.map(\.rawValue) + [DataSyntax.load] + dataFiles(matching: word)
            }
            let isFile = positional.first == DataSyntax.load || DataSyntax.isPathLike(positional[0])
            return isFile ? options : [DataSyntax.features.name + "="]
        case .layerSizes:
            return positional.isEmpty ? [] : options
        case .words(let actions):
            return positional.isEmpty ? actions + options : []
        case .text:
            return []
        }
    }

    /// Bound names, and `NAME.grad` once the word has a dot (`W1.⇥`).
    private func quantities(for word: String) -> [String] {
        word.contains(".") ? resolvableNames.map { $0 + ".grad" } : resolvableNames
    }

    /// The values an option may take, when they are a fixed set (`net`'s activations and
    /// losses are the engine's, so the syntax does not list them).
    private func optionValues(_ spec: OptionSpec, of schema: CommandSchema) -> [String] {
        if !spec.choices.isEmpty { return spec.choices }
        guard schema.keyword == NetSyntax.schema.keyword else { return [] }
        switch spec.name {
        case NetSyntax.hidden.name, NetSyntax.output.name, NetSyntax.act.name: return Activation.allCases.map(\.rawValue)
        case NetSyntax.loss.name: return Loss.allCases.map(\.rawValue)
        default: return []
        }
    }

    /// After `data` or `data load`: the CSV files and folders under the word's folder (relative to the
    /// lesson's or script's folder, else the current directory), folders with a `/`.
    func dataFiles(matching word: String) -> [String] {
        let slash = word.lastIndex(of: "/")
        let folder = slash.map { String(word[...$0]) } ?? ""
        let base = hooks.baseDirectory.map { $0.hasSuffix("/") ? $0 : $0 + "/" } ?? ""
        let path = word.hasPrefix("/") ? folder : base + folder
        return Self.directoryEntries(path.isEmpty ? "." : path).compactMap { name, isFolder in
            guard !name.hasPrefix(".") else { return nil }
            if isFolder { return folder + name + "/" }
            return name.lowercased().hasSuffix(".csv") ? folder + name : nil
        }
    }

    /// The names in a folder and whether each is a folder itself; empty when it cannot be read.
    static func directoryEntries(_ path: String) -> [(name: String, isFolder: Bool)] {
        guard let dir = opendir(path) else { return [] }
        defer { closedir(dir) }
        var entries: [(String, Bool)] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != ".." else { continue }
            var info = stat()
            let full = path.hasSuffix("/") ? path + name : path + "/" + name
            let isFolder = stat(full, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            entries.append((name, isFolder))
        }
        return entries
    }
}
