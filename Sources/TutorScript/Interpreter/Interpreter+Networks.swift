import BackpropCore
import ScriptSyntax

/// `net`, `data`, `sample`, `train`, `step`, `predict`, `accuracy`, `grid`, `losses`
/// (the perceptron is in Interpreter+Perceptron.swift).
extension Interpreter {
    mutating func runNetworkCommand(_ command: Command, keyword: Identifier) throws(Diagnostic) -> [Output] {
        switch command {
        case let .net(layers, layersSpan, options):
            return [try buildNetwork(layers, layersSpan, options, keyword: keyword)]
        case let .data(source, options):
            return [try loadData(source, options, keyword: keyword)]
        case .sample(let expression):
            return [try selectSample(expression)]
        case .train(let options):
            return [try train(options, keyword: keyword)]
        case .step(let options):
            return [try step(options, keyword: keyword)]
        case .perceptron(let action, let options):
            return [try perceptron(action, options, keyword: keyword)]
        case .predict(let input):
            return [try predict(input, keyword: keyword)]
        case .accuracy:
            let (network, data) = try networkAndData(keyword)
            do {
                guard let report = try Evaluation.accuracy(network, data: data) else {
                    throw Diagnostic("accuracy needs class targets (0/1, ±1 or one-hot); \(data.name) is a regression set",
                                     at: keyword.span)
                }
                return [.accuracy(report)]
            } catch let error as Diagnostic {
                throw error
            } catch {
                throw Diagnostic("\(error)", at: keyword.span)
            }
        case .grid(let options):
            return [try grid(options, keyword: keyword)]
        case .losses:
            guard let result = session.lastTraining else {
                throw Diagnostic("no training has run yet: 'train epochs=N eta=E' first", at: keyword.span)
            }
            return [.losses(history: result.lossHistory, stride: result.historyStride)]
        case .notation(let name):
            return [try changeNotation(name)]
        default:
            throw Diagnostic("internal: '\(keyword.name)' is not a network command", at: keyword.span)
        }
    }

    // MARK: net

    private mutating func buildNetwork(_ layers: [Int], _ layersSpan: SourceSpan, _ options: [CommandOption],
                                       keyword: Identifier) throws(Diagnostic) -> Output {
        var text: [String: String] = [:]
        var spans: [String: SourceSpan] = [:]
        var seed = Initialization.defaultSeed
        for option in options {
            spans[option.key.name] = option.valueSpan
            switch (option.key.name, option.value) {
            case ("seed", .number(let s)):
                seed = try Self.seedValue(s, span: option.valueSpan)
            case ("seed", _):
                throw Diagnostic("seed is a whole number, as in seed=7", at: option.valueSpan)
            case (let key, .word(let w)), (let key, .string(let w)):
                text[key] = w
            case (let key, .number):
                throw Diagnostic("\(key) takes a name, as in \(key)=sigmoid", at: option.valueSpan)
            }
        }
        let spec: NetworkSpec
        do {
            spec = try NetworkSpec.parse(sizes: layers, act: text["act"], hidden: text["hidden"],
                                         output: text["output"], loss: text["loss"])
        } catch {
            throw Diagnostic(error.description, at: spans[error.option] ?? layersSpan)
        }
        let network = Network(spec: spec, seed: seed)
        var input: Tensor?, target: Tensor?
        var sample: Int?
        if let data = session.data, data.inputWidth == spec.inputSize, data.targetWidth == spec.outputSize, data.count > 0 {
            input = data.inputTensor(0)
            target = data.targetTensor(0)
            sample = 0
        }
        do {
            let nodes = try NetworkBuilder.install(network, into: &graph, input: input, target: target,
                                                   origin: "net at line \(keyword.span.start.line)")
            session.network = nodes
            session.currentSample = sample
            session.lastTraining = nil
            graph.clearGradients()
            return .network(NetworkSummary(sizes: spec.sizes, activations: spec.activations.map(\.rawValue),
                                           loss: spec.loss.rawValue, parameters: spec.parameterCount, seed: seed,
                                           names: NetworkNames.all(depth: spec.depth)))
        } catch {
            throw Diagnostic(error.description, at: layersSpan)
        }
    }

    /// Where the option a training error is about was written, if it was.
    static func span(of error: TrainingError, in options: [CommandOption]) -> SourceSpan? {
        error.option.flatMap { key in options.first { $0.key.name == key }?.valueSpan }
    }

    static func seedValue(_ s: Double, span: SourceSpan) throws(Diagnostic) -> UInt64 {
        guard s == s.rounded(), s >= 0, s < 9.0e15 else {
            throw Diagnostic("seed is a whole number from 0 up, as in seed=7", at: span)
        }
        return UInt64(s)
    }

    /// Puts trained weights into the current network's leaves: one recompute and,
    /// after a backward, one re-run (what `train` does at its end). Returns false when
    /// there is no current network of that architecture.
    @discardableResult
    public mutating func setNetworkWeights(_ network: Network) -> Bool {
        guard let nodes = session.network, nodes.isCurrent(in: graph), nodes.spec == network.spec else { return false }
        nodes.write(network, to: &graph)
        return true
    }

    /// The current network (read from the graph, so edited weights count) and data.
    func networkAndData(_ keyword: Identifier) throws(Diagnostic) -> (Network, Dataset) {
        let network = try currentNetwork(keyword)
        guard let data = session.data else {
            throw Diagnostic("no data yet: 'data xor' or 'data load FILE.csv' first", at: keyword.span)
        }
        guard data.inputWidth == network.spec.inputSize, data.targetWidth == network.spec.outputSize else {
            func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
            throw Diagnostic("the network takes \(count(network.spec.inputSize, "input")) and gives "
                             + "\(count(network.spec.outputSize, "output")), but \(data.name) has "
                             + "\(count(data.inputWidth, "input")) and \(count(data.targetWidth, "target"))",
                             at: keyword.span)
        }
        return (network, data)
    }

    func currentNetwork(_ keyword: Identifier) throws(Diagnostic) -> Network {
        guard let nodes = session.network else {
            throw Diagnostic("no network yet: build one with 'net', as in 'net 2-2-1'", at: keyword.span)
        }
        guard nodes.isCurrent(in: graph) else {
            throw Diagnostic("the network's names (x, t, W1, …) were rebound since 'net'; run 'net' again",
                             at: keyword.span)
        }
        return nodes.read(from: graph)
    }

    // MARK: data

    private mutating func loadData(_ source: DataSource?, _ options: [CommandOption],
                                   keyword: Identifier) throws(Diagnostic) -> Output {
        guard let source else {
            guard let data = session.data else {
                throw Diagnostic("no data yet: 'data xor' (and, or, nand, nor, xor) or 'data load FILE.csv'",
                                 at: keyword.span)
            }
            return .dataset(DatasetSummary(data))
        }
        var data: Dataset
        switch source {
        case .builtin(let name):
            guard let builtin = Dataset.builtin(name.name) else {
                let names = BuiltinDataset.allCases.map(\.rawValue)
                var notes = ["the built-in sets are: " + names.joined(separator: ", ") + "; or 'data load FILE.csv'"]
                if let guess = Suggestions.closest(to: name.name, among: names + ["load"]) {
                    notes.insert("did you mean '\(guess)'?", at: 0)
                }
                throw Diagnostic("unknown data set '\(name.name)'", at: name.span, notes: notes)
            }
            data = builtin
        case let .file(path, span):
            data = try readCSV(path, span: span, options)
        }
        if let features = options.first(where: { $0.key.name == "features" }) {
            guard case .word("product") = features.value else {
                throw Diagnostic("features=product is the one feature map: (x1, x2) → (x1, x2, x1·x2)",
                                 at: features.valueSpan)
            }
            guard data.inputWidth == 2 else {
                throw Diagnostic("features=product maps 2 inputs; \(data.name) has \(data.inputWidth)", at: features.valueSpan)
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
        var targets = CSVDataReader.Targets.columns(1)
        let targetOption = options.first { $0.key.name == "targets" }
        let classOption = options.first { $0.key.name == "classes" }
        if let targetOption, classOption != nil {
            throw Diagnostic("give either targets=K or classes=C, not both", at: targetOption.key.span)
        }
        for option in [targetOption, classOption].compactMap({ $0 }) {
            // Each row stores a one-hot vector of C entries: a bound keeps memory sane.
            guard case .number(let n) = option.value, n == n.rounded(), n >= 1, n <= 10_000 else {
                throw Diagnostic("\(option.key.name) is a whole number from 1 to 10000, as in \(option.key.name)=2",
                                 at: option.valueSpan)
            }
            targets = option.key.name == "targets" ? .columns(Int(n)) : .classes(Int(n))
        }
        if hooks.confineDataToBaseDirectory,
           path.hasPrefix("/") || path.split(separator: "/").contains("..") {
            throw Diagnostic("a lesson reads data files from its own folder: give a relative path without '..'",
                             at: span)
        }
        let resolved = TextFileLines.resolve(path, relativeTo: hooks.baseDirectory)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var reader: CSVDataReader
        do {
            reader = try CSVDataReader(name: name, targets: targets)
        } catch {
            throw Diagnostic(error.message, at: span)
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
            throw Diagnostic("in the data file, \(location)\(error.message)", at: span)
        }
        if let cannotOpen { throw Diagnostic("cannot read '\(path)': \(cannotOpen)", at: span) }
        return data!
    }

    // MARK: sample

    private mutating func selectSample(_ expression: Expression) throws(Diagnostic) -> Output {
        let keyword = Identifier("sample", span: expression.span)
        let (_, data) = try networkAndData(keyword)
        let index = try sampleNumber(expression, count: data.count)
        session.network!.setSample(index, of: data, in: &graph)
        session.currentSample = index
        return .sampleSelected(index: index + 1, input: data.inputTensor(index), target: data.targetTensor(index))
    }

    func sampleNumber(_ expression: Expression, count: Int) throws(Diagnostic) -> Int {
        guard let t = try constantValue(expression), t.isScalar, t.scalar == t.scalar.rounded() else {
            throw Diagnostic("a sample number is a whole number, as in 'sample 3'", at: expression.span)
        }
        let k = t.scalar
        guard k >= 1, k <= Double(count) else {
            throw Diagnostic("sample \(NumberFormat.roundTrip(k)) is out of range 1…\(count)", at: expression.span)
        }
        return Int(k) - 1
    }

    // MARK: train and step

    private mutating func train(_ options: [CommandOption], keyword: Identifier) throws(Diagnostic) -> Output {
        let (network, data) = try networkAndData(keyword)
        var epochs: Int?, eta: Double?
        var mode = TrainingMode.batch
        var batch = TrainingOptions.defaultBatchSize
        var seed = TrainingOptions.defaultSeed
        var lambda = 0.0
        for option in options {
            let key = option.key.name
            switch (key, option.value) {
            case ("mode", .word(let w)):
                guard let m = TrainingMode(rawValue: w) else {
                    throw Diagnostic("mode is batch, sgd or minibatch", at: option.valueSpan)
                }
                mode = m
            case ("epochs", .number(let n)), ("batch", .number(let n)):
                guard n == n.rounded(), n >= 1, n <= 100_000_000 else {
                    throw Diagnostic("\(key) is a whole number from 1 up", at: option.valueSpan)
                }
                if key == "epochs" { epochs = Int(n) } else { batch = Int(n) }
            case ("eta", .number(let x)):
                eta = x
            case ("lambda", .number(let x)):
                lambda = x
            case ("seed", .number(let s)):
                seed = try Self.seedValue(s, span: option.valueSpan)
            default:
                throw Diagnostic("\(key) takes \(key == "mode" ? "batch, sgd or minibatch" : "a number")",
                                 at: option.valueSpan)
            }
        }
        guard let epochs else { throw Diagnostic("train needs epochs=N, as in 'train epochs=1000 eta=0.5'", at: keyword.span) }
        guard let eta else { throw Diagnostic("train needs eta=E (the step size), as in 'train epochs=1000 eta=0.5'", at: keyword.span) }
        let trainingOptions = TrainingOptions(epochs: epochs, eta: eta, mode: mode, batchSize: batch, seed: seed,
                                              lambda: lambda)
        let hooks = self.hooks
        do {
            var trainer = try BatchTrainer(network: network, data: data)
            let result = try trainer.train(trainingOptions) { progress in
                hooks.progress?(progress)
                return !hooks.shouldCancel()
            }
            session.network!.write(result.network, to: &graph)
            session.lastTraining = result
            return .training(TrainingSummary(mode: mode.rawValue, eta: eta, lambda: lambda,
                                             batchSize: mode == .minibatch ? batch : nil, seed: seed,
                                             result: result, samples: data.count))
        } catch {
            throw Diagnostic(error.description, at: Self.span(of: error, in: options) ?? keyword.span)
        }
    }

    private mutating func step(_ options: [CommandOption], keyword: Identifier) throws(Diagnostic) -> Output {
        let (network, data) = try networkAndData(keyword)
        var sample: Int?
        var eta: Double?
        for option in options {
            switch (option.key.name, option.value) {
            case ("eta", .number(let x)):
                eta = x
            case ("sample", .number):
                sample = try sampleNumber(Expression(.number(option.value.number!), span: option.valueSpan),
                                          count: data.count)
            default:
                throw Diagnostic("\(option.key.name) takes a number", at: option.valueSpan)
            }
        }
        guard let eta else { throw Diagnostic("step needs eta=E (the step size), as in 'step sample=1 eta=0.5'", at: keyword.span) }
        do {
            let report = if let sample {
                try SingleStep.step(network, data: data, sample: sample, eta: eta)
            } else {
                try SingleStep.batchStep(network, data: data, eta: eta)
            }
            session.network!.write(report.after, to: &graph)
            if let sample {
                session.network!.setSample(sample, of: data, in: &graph)
                session.currentSample = sample
            }
            return .step(report)
        } catch {
            throw Diagnostic(error.description, at: Self.span(of: error, in: options) ?? keyword.span)
        }
    }

    // MARK: predict and grid

    private func predict(_ input: Expression?, keyword: Identifier) throws(Diagnostic) -> Output {
        guard let input else {
            let (network, data) = try networkAndData(keyword)
            let rule = ClassificationRule.infer(for: data, outputs: network.spec.outputSize)
            // The batched forward pass accuracy and grid use, so all three agree at a threshold.
            let outputs: Tensor
            do { outputs = try Evaluation.predict(network, data: data) } catch {
                throw Diagnostic(error.description, at: keyword.span)
            }
            let classes = rule.map { Evaluation.classes(outputs, rule: $0) }
            let outputRows = outputs.rowArrays
            let rows = (0..<data.count).map { i in
                let x = Array(data.input(i)), t = Array(data.target(i))
                let y = outputRows[i]
                return PredictionTable.Row(input: x, target: t, output: y, predictedClass: classes?[i],
                                           trueClass: rule.map { r in t.withUnsafeBufferPointer { r.trueClass($0.baseAddress!, count: t.count) } })
            }
            return .predictions(PredictionTable(rows: rows))
        }
        let network = try currentNetwork(keyword)
        guard let x = try constantValue(input) else {
            throw Diagnostic("predict takes numbers, as in 'predict [0, 1]'", at: input.span)
        }
        guard x.count == network.spec.inputSize, x.columns == 1 || x.rows == 1 else {
            throw Diagnostic("the network takes \(network.spec.inputSize) inputs; this is \(x.shape)", at: input.span)
        }
        let y = Evaluation.predict(network, input: x.storage)
        let rule = session.data.flatMap { ClassificationRule.infer(for: $0, outputs: network.spec.outputSize) }
        return .predictions(PredictionTable(rows: [PredictionTable.Row(input: x.storage, target: nil, output: y,
                                                                        predictedClass: rule?.predictedClass(y),
                                                                        trueClass: nil)]))
    }

    private func grid(_ options: [CommandOption], keyword: Identifier) throws(Diagnostic) -> Output {
        let (network, data) = try networkAndData(keyword)
        var rows = 16
        if let size = options.first(where: { $0.key.name == "size" }) {
            guard case .number(let n) = size.value, n == n.rounded(), n >= 4, n <= 200 else {
                throw Diagnostic("size is a whole number from 4 to 200 (rows of the picture)", at: size.valueSpan)
            }
            rows = Int(n)
        }
        guard let box = DecisionGrid.box(for: data) else {
            throw Diagnostic("grid draws 2-input data; \(data.name) has \(data.inputWidth) inputs", at: keyword.span)
        }
        let rule = ClassificationRule.infer(for: data, outputs: network.spec.outputSize)
        do {
            let grid = try DecisionGrid.compute(network, x1: box.x1, x2: box.x2, columns: 2 * rows, rows: rows, rule: rule)
            var samples: [(row: Int, column: Int, label: Int)] = []
            for i in 0..<data.count {
                let x = data.input(i)
                guard let cell = grid.cell(x1: x[x.startIndex], x2: x[x.startIndex + 1]) else { continue }
                let t = Array(data.target(i))
                let label = rule.map { r in t.withUnsafeBufferPointer { r.trueClass($0.baseAddress!, count: t.count) } } ?? 0
                samples.append((cell.row, cell.column, label))
            }
            return .grid(GridPicture(grid: grid, samples: samples))
        } catch {
            throw Diagnostic(error.description, at: keyword.span)
        }
    }
}

extension OptionValue {
    var number: Double? {
        if case .number(let x) = self { return x }
        return nil
    }
}
