import TermCore
import ScriptSyntax

/// Measuring, clipping and wrapping text by display width.
enum Text {
    static func width(_ s: String) -> Int { DisplayWidth.of(s) }

    /// The longest prefix of `s` at most `columns` wide.
    static func clip(_ s: String, to columns: Int) -> String {
        var out = ""
        var used = 0
        for ch in s {
            let w = DisplayWidth.of(ch)
            if used + w > columns { break }
            out.append(ch)
            used += w
        }
        return out
    }

    static func pad(_ s: String, to columns: Int) -> String {
        DisplayWidth.pad(s, to: columns)
    }

    /// Word-wraps `text` to `columns`, keeping its own line breaks and the
    /// indentation of each line; over-long words are cut.
    static func wrap(_ text: String, to columns: Int) -> [String] {
        guard columns > 0 else { return [] }
        var out: [String] = []
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if width(line) <= columns { out.append(line); continue }
            let indent = String(line.prefix { $0 == " " })
            let indentWidth = min(indent.count, columns / 2)
            var current = String(indent.prefix(indentWidth))
            var currentWidth = indentWidth
            var hasWord = false
            for word in line.dropFirst(indent.count).split(separator: " ") {
                var w = String(word)
                var ww = width(w)
                if hasWord, currentWidth + 1 + ww > columns {
                    out.append(current)
                    current = String(repeating: " ", count: indentWidth)
                    currentWidth = indentWidth
                    hasWord = false
                }
                while currentWidth + (hasWord ? 1 : 0) + ww > columns {
                    // A word longer than the line: cut it.
                    let room = columns - currentWidth - (hasWord ? 1 : 0)
                    if room <= 0 { break }
                    let head = clip(w, to: room)
                    out.append(current + (hasWord ? " " : "") + head)
                    w = String(w.dropFirst(head.count))
                    ww = width(w)
                    current = String(repeating: " ", count: indentWidth)
                    currentWidth = indentWidth
                    hasWord = false
                }
                if hasWord { current += " "; currentWidth += 1 }
                current += w
                currentWidth += ww
                hasWord = true
            }
            out.append(current)
        }
        return out
    }
}
