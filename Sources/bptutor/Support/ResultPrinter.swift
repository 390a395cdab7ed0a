import ScriptSyntax
import TutorScript

/// Prints interpreter events: results to stdout (text or JSON lines),
/// diagnostics to stderr as `FILE:LINE:COL: error: …` with the line and a caret.
struct ResultPrinter {
    let console: Console
    let json: Bool
    let interactive: Bool

    /// `firstLine`: the line number `source`'s first line has in the whole input, when it is
    /// not the source's own (the REPL parses each chunk from line 1, so that `random()` draws
    /// do not depend on where in the session they are typed, but reports session line numbers).
    func print(_ event: ScriptRunner.Event, source: SourceFile, settings: Settings, firstLine: Int? = nil) {
        switch event {
        case .output(let output):
            if json {
                if let value = JSONOutput.render(output) { console.line(value.serialized) }
            } else if let text = TextOutput(settings: settings, interactive: interactive).render(output) {
                console.out(text)
            }
        case .error(var diagnostic):
            var source = source
            if let firstLine, firstLine != source.firstLine {
                let offset = firstLine - source.firstLine
                diagnostic.span.start.line += offset
                diagnostic.span.end.line += offset
                source = source.numbered(from: firstLine)
            }
            if json { console.line(JSONOutput.error(diagnostic).serialized) }
            console.error(DiagnosticRenderer.render(diagnostic, in: source, color: console.colorDiagnostics))
        }
    }
}
