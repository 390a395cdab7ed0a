import Testing
@testable import ScriptSyntax

/// The command schemas: the parser's allowed options come from them, and the option
/// accessors check kinds and ranges with located errors.
@Suite struct CommandSchemaTests {
    @Test("every command word has one schema, and Keywords follows the table")
    func table() {
        let words = CommandTable.all.map(\.keyword)
        #expect(Set(words).count == words.count)
        #expect(Keywords.commands == words)
        for schema in CommandTable.all {
            #expect(CommandTable.command(named: schema.keyword)?.keyword == schema.keyword)
            #expect(!schema.summary.isEmpty, "\(schema.keyword)")
            let names = schema.options.flatMap(\.spellings)
            #expect(Set(names).count == names.count, "\(schema.keyword) spells an option twice")
        }
    }

    @Test("the parser's allowed options are the schema's, listed in its order")
    func allowedOptionsFromTheSchema() throws {
        let d = try onlyDiagnostic("train epochs=10 eta=1 epoch=3")
        #expect(d.code == .unknownOption)
        #expect(d.notes == ["did you mean 'epochs'?",
                            "the options are: " + TrainSyntax.schema.options.map(\.name).joined(separator: ", ")])
        #expect(try onlyDiagnostic("grid size=3 size=4").code == .duplicateOption)
        // A narrowed list: a built-in set takes only features=.
        #expect(try onlyDiagnostic("data xor targets=2").notes.last == "the options are: features")
        // gradcheck reports unknown options itself, at run time.
        #expect(diagnostics("gradcheck L step=0.1").isEmpty)
    }

    @Test("validate: kinds and ranges in the order written, at the value, with the option's wording")
    func validation() throws {
        func options(_ line: String) throws -> [CommandOption] {
            let parsed = Parser.parse(SourceFile(name: "t", text: line))
            try #require(parsed.diagnostics.isEmpty)
            guard case .command(_, .train(let options)) = try #require(parsed.statements.first).kind else {
                throw TestFailure.unexpected
            }
            return options
        }
        func failure(_ line: String) throws -> Diagnostic {
            let written = try options(line)
            do throws(Diagnostic) {
                try TrainSyntax.schema.validate(written)
            } catch {
                return error
            }
            throw TestFailure.unexpected
        }
        let zero = try failure("train epochs=0 eta=0.5")
        #expect(zero.message == "epochs is a whole number from 1 up")
        #expect(zero.code == .invalidOption)
        #expect(zero.span.start.column == 14)
        #expect(try failure("train eta=x epochs=0").message == "eta takes a number")
        #expect(try failure("train epochs=1 eta=-1").message == "eta= must be a positive number, not -1.0")
        #expect(try failure("train epochs=1 eta=1 mode=fast").message == "mode is batch, sgd or minibatch")
        #expect(try failure("train epochs=1 eta=1 lambda=-0.5").message
                == "lambda= must be 0 or a positive number, not -0.5")
        let good = try options("train epochs=5 eta=0.5 mode=sgd seed=3")
        try TrainSyntax.schema.validate(good)
        #expect(try good.wholeNumber(TrainSyntax.epochs) == 5)
        #expect(try good.number(TrainSyntax.eta) == 0.5)
        #expect(try good.word(TrainSyntax.mode) == "sgd")
        #expect(try good.wholeNumber(TrainSyntax.batch) == nil)
    }

    @Test("number ranges: open and closed bounds")
    func ranges() {
        #expect(NumberRange.positive.contains(1e-300) && !NumberRange.positive.contains(0))
        #expect(NumberRange.nonNegative.contains(0) && !NumberRange.nonNegative.contains(-1e-9))
        #expect(NumberRange.between(0, and: 1).contains(0.5) && !NumberRange.between(0, and: 1).contains(1))
        #expect(NumberRange.from(4, to: 200).contains(200) && !NumberRange.from(4, to: 200).contains(3))
        #expect(!NumberRange.any.contains(.nan))
    }

    @Test("help synopses come from the schema: train's is the one help shows")
    func synopsis() {
        #expect(TrainSyntax.schema.synopsis == "train epochs=N eta=E [mode=batch|sgd|minibatch] [batch=K] [seed=S] [lambda=Λ]")
    }
}

enum TestFailure: Error {
    case unexpected
}
