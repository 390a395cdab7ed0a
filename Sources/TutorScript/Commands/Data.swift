import BackpropCore
import ScriptSyntax
import TutorStore

/// `data` (describe the current set), `data xor [features=product]`,
/// `data load FILE.csv [targets=K | classes=C] [features=product]`.
extension Interpreter {
    mutating func loadData(_ source: DataSource?, _ options: [CommandOption],
                           keyword: Identifier) throws(Diagnostic) -> Output {
        guard let source else {
            guard let data = session.data else {
                throw Diagnostic(ScriptMessage.noData(example: "xor"), at: keyword.span)
            }
            return .dataset(DatasetSummary(data))
        }
        var data: Dataset
        switch source {
        case .builtin(let name):
            guard let builtin = Dataset.builtin(name.name) else {
                let names = BuiltinDataset.allCases.map(\.rawValue)
                var notes = ["the built-in sets are: " + names.joined(separator: ", ") + "; or 'data load FILE.csv'"]
                if let note = Suggestions.note(for: name.name, among: names + [DataSyntax.load]) {
                    notes.insert(note, at: 0)
                }
                throw Diagnostic(ScriptMessage.unknownDataset(name.name), at: name.span, notes: notes)
            }
            data = builtin
        case let .file(path, span):
            data = try readCSV(path, span: span, options)
        }
        if let features = options.option(DataSyntax.features) {
            _ = try options.word(DataSyntax.features)
            guard data.inputWidth == 2 else {
                throw Diagnostic(ScriptMessage.featuresNeedTwoInputs(data: data.name, inputs: data.inputWidth),
                                 at: features.valueSpan)
            }
            data = data.mapped(.xorProduct)
        }
        session.data = data
        session.perceptron = nil
        session.currentSample = nil
        if let nodes = session.network, nodes.isCurrent(in: graph), data.count > 0,
           data.inputWidth == nodes.spec.inputSize, data.targetWidth == nodes.spec.outputSize {
            nodes.setSample(0, of: data, in: &graph)
            session.currentSample = 0
        }
        return .dataset(DatasetSummary(data))
    }

    private func readCSV(_ path: String, span: SourceSpan, _ options: [CommandOption]) throws(Diagnostic) -> Dataset {
        if let targetOption = options.option(DataSyntax.targets), options.option(DataSyntax.classes) != nil {
            throw Diagnostic(ScriptMessage.targetsAndClasses, at: targetOption.key.span)
        }
        var targets = CSVDataReader.Targets.columns(1)
        // Each row stores a one-hot vector of C entries: the schema's bound keeps memory sane.
        if let k = try options.wholeNumber(DataSyntax.targets) { targets = .columns(k) }
        if let c = try options.wholeNumber(DataSyntax.classes) { targets = .classes(c) }
        if hooks.confineDataToBaseDirectory {
            if path.hasPrefix("/") {
                throw Diagnostic(ScriptMessage.absolutePathInLesson, at: span)
            }
            if path.split(separator: "/").contains("..") {
                throw Diagnostic(ScriptMessage.parentPathInLesson, at: span)
            }
        }
        let resolved = TextFileLines.resolve(path, relativeTo: hooks.baseDirectory)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var reader: CSVDataReader
        do {
            reader = try CSVDataReader(name: name, targets: targets)
        } catch {
            throw Diagnostic(ScriptMessage.engine(description: error.message, code: error.code), at: span)
        }
        var cannotOpen: String?
        var data: Dataset?
        do throws(DataError) {
            let failure = try TextFileLines.forEach(path: resolved) { (line: UnsafeBufferPointer<UInt8>) throws(DataError) in
                try reader.consume(utf8: line)
            }
            if case .cannotOpen(let reason)? = failure { cannotOpen = reason } else { data = try reader.finish() }
        } catch {
            let location = error.line > 0 ? "\(name):\(error.line):\(error.column): " : "\(name): "
            throw Diagnostic(ScriptMessage.dataFileProblem(location: location, message: error.message), at: span)
        }
        if let cannotOpen { throw Diagnostic(ScriptMessage.cannotRead(path: path, reason: cannotOpen), at: span) }
        return data!
    }
}

extension TextOutput {
    /// `data`: the set's size and widths, and its first samples.
    func lines(for d: DatasetSummary) -> [String] {
        var out = ["data \(d.name): \(d.count) sample\(d.count == 1 ? "" : "s"), \(d.inputWidth) input"
                   + "\(d.inputWidth == 1 ? "" : "s"), \(d.targetWidth) target\(d.targetWidth == 1 ? "" : "s")"
                   + (d.classes.map { " (\($0) classes, one-hot)" } ?? "")]
        let rows = d.preview.enumerated().map { i, s in ["\(i + 1)", compactVector(s.input), compactVector(s.target)] }
        out += table([["#", "x", "t"]] + rows)
        if d.count > d.preview.count { out.append("  … \(d.count - d.preview.count) more") }
        return out
    }
}

extension JSONOutput {
    /// `{"data": {...}}`.
    static func json(for d: DatasetSummary) -> JSONValue {
        return .object([("data", .object([
            ("name", .string(d.name)), ("count", .number(Double(d.count))),
            ("inputs", .number(Double(d.inputWidth))), ("targets", .number(Double(d.targetWidth))),
            ("classes", optional(d.classes.map(Double.init))),
        ]))])
    }
}
