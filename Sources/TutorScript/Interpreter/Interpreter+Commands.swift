import BackpropCore
import ScriptSyntax

/// The one dispatch over the language's commands: each case hands off to the command's own
/// file in `Commands/` (its grammar and option schema are in ScriptSyntax's `Commands/`);
/// `help`, `title`, `say` and a lesson's `step "LABEL"` are one-liners answered here, and
/// `ask` is in Interpreter+Lessons.swift with `random()`. The switch is exhaustive, so a new
/// command cannot be left without a handler.
extension Interpreter {
    mutating func runCommand(_ command: Command, keyword: Identifier, source: SourceFile) throws(Diagnostic) -> [Output] {
        switch command {
        case .backward(let name): [try backward(name)]
        case .show(let references): [try show(references)]
        case .explain(let reference): [try explain(reference)]
        case let .gradcheck(name, options): [try gradCheck(name, options)]
        case let .set(key, value, valueSpan): [try set(key, value, valueSpan)]
        case .help(let topic): [.help(try HelpText.text(for: topic))]
        case .names: [.names(bindingSummaries)]
        case .reset: [reset()]
        case let .net(layers, layersSpan, options): [try buildNetwork(layers, layersSpan, options, keyword: keyword)]
        case let .data(source, options): [try loadData(source, options, keyword: keyword)]
        case .sample(let expression): [try selectSample(expression)]
        case .train(let options): try train(options, keyword: keyword)
        case .step(let options): [try step(options, keyword: keyword)]
        case let .perceptron(action, options): [try perceptron(action, options, keyword: keyword)]
        case .predict(let input): [try predict(input, keyword: keyword)]
        case .accuracy: [try accuracy(keyword: keyword)]
        case .grid(let options): [try grid(options, keyword: keyword)]
        case .losses: [try losses(keyword: keyword)]
        case .plot(let command): [try plot(command, source: source)]
        case .notation(let name): [try changeNotation(name)]
        case .title(let text): [.lessonTitle(text)]
        case .say(let text): [.narration(text)]
        case .lessonStep(let label): [.stepBoundary(label)]
        case let .ask(id, expression, question, options): [.exercise(try exercise(id, expression, question, options))]
        }
    }
}
