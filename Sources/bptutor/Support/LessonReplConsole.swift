import ScriptSyntax
import TutorScript

/// The REPL's lesson mode on the console: its own text to stdout, results and
/// diagnostics as the REPL prints them.
struct LessonReplConsole: LessonReplOutput {
    let console: Console
    let printer: ResultPrinter

    func line(_ text: String) { console.line(text) }
    func text(_ text: String) { console.out(text) }
    func print(_ event: ScriptRunner.Event, source: SourceFile, settings: Settings) {
        printer.print(event, source: source, settings: settings)
    }
    func flush() { console.flush() }
}
