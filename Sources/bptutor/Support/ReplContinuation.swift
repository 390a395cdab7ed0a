import ScriptSyntax
import Terminal

/// How the REPLs (plain and lesson) read a chunk that leaves a bracket open. More
/// lines are read to close it (a matrix over several lines), but a student who forgot
/// the `)` must not have every later line swallowed: a blank line, or a line that is a
/// statement of its own (`show x`, `y = 2`), ends the wait. The unfinished lines then
/// run by themselves, so their error points at the open bracket, and the new line runs
/// after them. Inside a `"""` text every line is text, so only the closing `"""` ends it.
enum ReplContinuation {
    /// The chunks to run now, in order; nil when the driver should read another line.
    static func chunks(for chunk: ReplChunk) -> [ReplChunk]? {
        let source = SourceFile(name: "<repl>", text: chunk.text)
        switch Parser.unfinished(source) {
        case nil:
            return [chunk]
        case .tripleQuote:
            return nil
        case .bracket:
            let lines = chunk.text.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.count > 1, let last = lines.last else { return nil }
            let earlier = ReplChunk(text: lines.dropLast().joined(separator: "\n"), firstLine: chunk.firstLine)
            if last.allSatisfy(\.isWhitespace) { return [earlier] }
            if Parser.startsStatement(String(last)) {
                return [earlier, ReplChunk(text: String(last), firstLine: chunk.firstLine + lines.count - 1)]
            }
            return nil
        }
    }
}
