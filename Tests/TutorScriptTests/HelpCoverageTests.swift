import Testing
import BackpropCore
import ScriptSyntax
@testable import TutorScript

/// Every command of the language is documented: `help CMD` answers, and every option its
/// schema declares is named in that help.
@Suite struct HelpCoverageTests {
    @Test("every command has a help topic")
    func everyCommandHasHelp() throws {
        for schema in CommandTable.all {
            let text = try HelpText.text(for: Identifier(schema.keyword, span: SourceSpan(line: 1, column: 1)))
            #expect(!text.isEmpty, "help \(schema.keyword)")
        }
    }

    @Test("help CMD lists every option its schema declares: spelling, what it does, its default")
    func everyOptionIsInTheHelp() throws {
        for schema in CommandTable.all where !schema.options.isEmpty {
            let id = Identifier(schema.keyword, span: SourceSpan(line: 1, column: 1))
            let lines = try HelpText.text(for: id).split(separator: "\n").map(String.init)
            let start = try #require(lines.firstIndex { $0.hasPrefix("Options") }, "help \(schema.keyword)")
            let block = lines[start...].joined(separator: "\n")
            for option in schema.options {
                #expect(lines[start...].contains { $0.hasPrefix("  \(option.name)=\(option.metavariable)") },
                        "help \(schema.keyword): no line for \(option.name)=")
                #expect(block.contains(option.help.split(separator: " ").prefix(4).joined(separator: " ")),
                        "help \(schema.keyword): \(option.name)'s help text is not shown")
                if let value = option.defaultValue {
                    #expect(block.contains("(default \(value))"), "help \(schema.keyword): \(option.name)'s default")
                }
                if option.missing != nil {
                    #expect(block.contains("(required)"), "help \(schema.keyword): \(option.name) is required")
                }
            }
            #expect(lines.allSatisfy { $0.count <= 80 }, "help \(schema.keyword) has a line wider than 80 columns")
        }
    }

    @Test("help train names the options the review found missing, from the schema")
    func trainOptions() throws {
        let text = try HelpText.text(for: Identifier("train", span: SourceSpan(line: 1, column: 1)))
        for spelled in ["epochs=N", "eta=E", "mode=batch|sgd|minibatch", "batch=K", "seed=S", "lambda=Λ"] {
            #expect(text.contains("\n  \(spelled)"), "\(spelled)")
        }
        #expect(text.contains("(default 32)") && text.contains("(default 0)"))
    }

    @Test("every help topic fits an 80-column terminal")
    func topicsFitEightyColumns() throws {
        for topic in HelpText.topics {
            let text = try HelpText.text(for: Identifier(topic.name, span: SourceSpan(line: 1, column: 1)))
            for line in text.split(separator: "\n") {
                #expect(line.count <= 80, "help \(topic.name): \(line)")
            }
        }
    }

    @Test("every function the language knows has its help line, from its op's row")
    func everyFunctionHasASummary() throws {
        #expect(Functions.names == ElementwiseFunction.allCases.map(\.name) + ["sum", "mean", "softmax", "transpose"])
        let listing = try HelpText.text(for: Identifier("functions", span: SourceSpan(line: 1, column: 1)))
        for entry in Functions.all {
            #expect(!entry.summary.isEmpty && entry.op.functionSummary == entry.summary, "\(entry.name)")
            #expect(listing.contains(entry.summary), "help functions leaves out \(entry.name)")
            // `help step` is the command's; every other function has its own topic.
            if !HelpText.topics.contains(where: { $0.name == entry.name }) {
                #expect(try HelpText.text(for: Identifier(entry.name, span: SourceSpan(line: 1, column: 1)))
                            == "\(entry.name)(x): \(entry.summary)")
            }
        }
    }

    @Test("the command list of 'help' names every command")
    func overviewListsCommands() {
        let overview = HelpText.overview
        for schema in CommandTable.all {
            #expect(overview.contains(schema.keyword), "\(schema.keyword) missing from 'help'")
        }
    }
}

/// The defaults a schema states (for help) are the ones the engine uses.
@Suite struct SchemaDefaultTests {
    @Test("stated defaults match the engine's constants")
    func defaults() {
        #expect(TrainSyntax.batch.defaultValue == String(TrainingOptions.defaultBatchSize))
        #expect(TrainSyntax.seed.defaultValue == String(TrainingOptions.defaultSeed))
        #expect(TrainSyntax.mode.defaultValue == TrainingMode.batch.rawValue)
        #expect(NetSyntax.seed.defaultValue == String(Initialization.defaultSeed))
        #expect(NetSyntax.hidden.defaultValue == NetworkSpec.defaultHidden.rawValue)
        #expect(NetSyntax.output.defaultValue == NetworkSpec.defaultOutput.rawValue)
        #expect(PerceptronSyntax.epochs.defaultValue == String(Perceptron.defaultMaxEpochs))
        #expect(GradCheckSyntax.eps.defaultValue.flatMap(Double.init) == GradCheck.defaultStep)
        #expect(AskSyntax.tol.defaultValue.flatMap(Double.init) == Exercise.defaultTolerance)
        #expect(GridSyntax.size.defaultValue == String(GridSyntax.defaultSize))
    }
}
