import TermCore
/// Renders a diagnostic the way compilers do:
///
///     lesson.lesson:3:9: error: expected an expression after '*'
///       3 | z = w * + b
///         |         ^
///       = note: ...
///
/// The first line is always `FILE:LINE:COL: SEVERITY: MESSAGE`; then the source line with
/// its number, a caret line (`^` under the first character of the span, `~` under the rest
/// of it on that line), and one `= note:` line per note. The output ends with a newline.
/// Tabs are expanded (to multiples of 4 columns) so carets stay aligned; wide characters
/// count two columns.
public enum DiagnosticRenderer {
    public static func render(_ d: Diagnostic, in source: SourceFile, color: Bool = false) -> String {
        let style = Style(color: color, severity: d.severity)
        let start = d.span.start
        var out = "\(source.name):\(start.line):\(start.column): "
            + style.label(d.severity.rawValue) + ": " + style.bold(d.message) + "\n"
        let number = String(start.line)
        let gutter = String(repeating: " ", count: number.count)
        if source.contains(line: start.line) {
            let (text, starts) = DisplayWidth.layout(source.line(start.line))
            let from = column(start.column, in: starts)
            let to = d.span.end.line == start.line ? column(d.span.end.column, in: starts) : starts[starts.count - 1]
            let width = max(1, to - from)
            var sourceLine = "  \(number) | \(text)"
            while sourceLine.last == " " { sourceLine.removeLast() }
            out += sourceLine + "\n"
            out += "  \(gutter) | " + String(repeating: " ", count: from)
                + style.label("^" + String(repeating: "~", count: width - 1)) + "\n"
        }
        let noteIndent = "  " + String(repeating: " ", count: number.count - 1)
        for note in d.notes {
            out += noteIndent + "= " + style.bold("note") + ": " + note + "\n"
        }
        return out
    }

    /// Several diagnostics, one after the other.
    public static func render(_ diagnostics: [Diagnostic], in source: SourceFile, color: Bool = false) -> String {
        diagnostics.map { render($0, in: source, color: color) }.joined()
    }

    /// The display column of a 1-based character column; past the end of the line each
    /// further column counts one.
    private static func column(_ characterColumn: Int, in starts: [Int]) -> Int {
        let i = max(characterColumn, 1) - 1
        return i < starts.count ? starts[i] : starts[starts.count - 1] + (i - (starts.count - 1))
    }

    private struct Style {
        let color: Bool
        let severity: Diagnostic.Severity

        private var code: String {
            switch severity {
            case .error: "\u{1B}[1;31m"
            case .warning: "\u{1B}[1;33m"
            case .note: "\u{1B}[1;36m"
            }
        }

        /// The severity word and the carets: bold and in the severity's color.
        func label(_ s: String) -> String { color ? code + s + "\u{1B}[0m" : s }

        func bold(_ s: String) -> String { color ? "\u{1B}[1m" + s + "\u{1B}[0m" : s }
    }
}
