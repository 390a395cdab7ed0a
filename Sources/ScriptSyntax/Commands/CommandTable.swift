/// The commands of the language, in the order `help` and completion list them. To add one:
/// add a case to `Command` (AST.swift), a file in this folder declaring its `CommandSchema`,
/// an entry here, and its handler in TutorScript's `Commands/`; `Keywords.commands` follows.
public enum CommandTable {
    public static let all: [CommandSchema] = [
        QuantitySyntax.backward, QuantitySyntax.show, QuantitySyntax.explain, GradCheckSyntax.schema,
        SessionSyntax.set, SessionSyntax.help, QuantitySyntax.names, QuantitySyntax.reset,
        NetSyntax.schema, DataSyntax.schema, TrainSyntax.schema, StepSyntax.schema, PerceptronSyntax.schema,
        EvaluationSyntax.predict, EvaluationSyntax.accuracy, EvaluationSyntax.sample, SessionSyntax.notation,
        GridSyntax.schema, EvaluationSyntax.losses, PlotSyntax.schema,
        LessonSyntax.title, LessonSyntax.say, AskSyntax.schema,
    ]

    private static let byKeyword: [String: CommandSchema] =
        Dictionary(all.map { ($0.keyword, $0) }, uniquingKeysWith: { first, _ in first })

    /// The command spelled `word`, if there is one.
    public static func command(named word: String) -> CommandSchema? { byKeyword[word] }
}
