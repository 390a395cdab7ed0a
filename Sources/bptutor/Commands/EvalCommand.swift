import ArgumentParser
import ScriptSyntax
import TutorScript

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Run commands from a file (or standard input) and print each result.",
        discussion: """
        The whole input is parsed first: a syntax error anywhere stops the run before anything \
        executes (exit 2). Otherwise every line runs; a failing line is reported and the rest \
        still run (exit 1 at the end). Results go to stdout, errors to stderr as \
        FILE:LINE:COL: error: MESSAGE with the line and a caret.
        With --json, stdout carries one JSON object per line per result, and one \
        {"error": {...}} object per error.
        """)

    @Flag(name: .long, help: "Print one JSON object per line for each result.")
    var json = false

    @Argument(help: "The script to run ('-' or nothing for standard input).")
    var file: String?

    func run() throws {
        let console = Console()
        defer { console.flush() }
        let source: SourceFile
        do {
            source = try SourceLoading.load(path: file)
        } catch {
            console.error(SourceLoading.message(error))
            throw ExitCode(2)
        }
        let printer = ResultPrinter(console: console, json: json, interactive: false)
        let progress = ProgressLine()
        var hooks = InterpreterHooks()
        hooks.shouldCancel = Interrupts.poll
        // Data files named in a script are read from the script's folder, as a lesson's are.
        if let file, file != "-", let slash = file.lastIndex(of: "/") {
            hooks.baseDirectory = slash == file.startIndex ? "/" : String(file[..<slash])
        }
        if !json && console.stderrIsTerminal {
            hooks.progress = { progress.update($0) }
        }
        var interpreter = Interpreter(hooks: hooks)
        let saved = Interrupts.begin()
        defer { saved.restore() }
        let outcome = ScriptRunner.run(source, interpreter: &interpreter, interrupted: Interrupts.poll) { event, settings in
            progress.finish()
            printer.print(event, source: source, settings: settings)
        }
        console.flush()
        if outcome == .interrupted { console.error("bptutor: interrupted\n") }
        if outcome.exitCode != 0 { throw ExitCode(outcome.exitCode) }
    }
}
