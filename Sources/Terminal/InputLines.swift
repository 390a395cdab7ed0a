/// Splitting what one read returned into the lines the REPL runs one by one.
///
/// GNU readline 8.1+ turns bracketed paste on by default: a pasted block of
/// several lines is inserted into the edit buffer as a unit (readline turns the
/// terminal's CRs into LFs) and comes back from one read, after the user presses
/// Enter, as ONE string with embedded newlines. The REPL driver therefore always
/// splits what it reads with `InputLines.split` and runs each line in turn.
public enum InputLines {
    /// The lines of `text`. LF, CRLF and a lone CR all end a line; a final line
    /// terminator does not start another (empty) line, so `"a\nb\n"` is `["a", "b"]`
    /// while `"a\n\nb"` keeps its empty middle line. The empty string is `[""]`:
    /// the user pressed Enter on an empty line.
    public static func split(_ text: String) -> [String] {
        var lines: [String] = []
        var current: [UInt8] = []
        var previousWasCR = false
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\n"):
                if previousWasCR {
                    previousWasCR = false  // the LF of a CRLF: the line already ended
                    continue
                }
                lines.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            case UInt8(ascii: "\r"):
                lines.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
                previousWasCR = true
                continue
            default:
                current.append(byte)
            }
            previousWasCR = false
        }
        if !current.isEmpty || lines.isEmpty {
            lines.append(String(decoding: current, as: UTF8.self))
        }
        return lines
    }
}
