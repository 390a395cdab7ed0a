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

    @Test("every schema option appears in its command's help (the topic or its synopsis)")
    func everyOptionIsInTheHelp() throws {
        for schema in CommandTable.all {
            let id = Identifier(schema.keyword, span: SourceSpan(line: 1, column: 1))
            let details = try HelpText.text(for: id)
            let synopsis = HelpText.topics.first { details == $0.details }?.synopsis ?? ""
            for option in schema.options {
                #expect(details.contains(option.name + "=") || synopsis.contains(option.name + "="),
                        "help \(schema.keyword) does not mention \(option.name)=")
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
