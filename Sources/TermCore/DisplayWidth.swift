/// How many terminal columns text takes: for carets under source lines and
/// for aligning the tutor's output (z̄'s bar takes no column, 世 takes two).
/// Tabs are expanded to the next multiple of `tabWidth` columns.
public enum DisplayWidth {
    public static let tabWidth = 4

    /// The columns one Character takes (not a tab): 2 for East Asian wide and fullwidth
    /// characters and emoji, 0 for invisible format characters, else 1.
    public static func of(_ c: Character) -> Int {
        let scalars = c.unicodeScalars
        guard let first = scalars.first else { return 0 }
        // Fast path, no Unicode property look-ups: a lone scalar from the ranges the
        // tutor draws with (ASCII, Latin, Greek; super- and subscripts; arrows ←↑→↓;
        // math operators; box drawing, blocks; braille), none of which holds an
        // emoji or a format character. Everything else takes the general path.
        if scalars.count == 1 {
            switch first.value {
            case 0x20...0x7E, 0xA0...0xAC, 0xAE...0x5FF, 0x2010...0x2027, 0x2030...0x205E, 0x2070...0x20CF,
                 0x2190...0x2193, 0x2200...0x22FF, 0x2500...0x259F, 0x2800...0x28FF:
                return 1
            default:
                break
            }
        }
        let properties = first.properties
        if properties.generalCategory == .format { return 0 }
        if properties.isEmojiPresentation { return 2 }
        if properties.isEmoji && scalars.contains("\u{FE0F}") { return 2 }
        return isWide(first.value) ? 2 : 1
    }

    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xA960...0xA97F, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE10...0xFE19,
             0xFE30...0xFE6F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF,
             0x20000...0x2FFFD, 0x30000...0x3FFFD:
            true
        default:
            false
        }
    }

    /// A line laid out for display: the text with tabs expanded and control characters
    /// replaced, and the display column (0-based) where each Character starts, plus one
    /// entry for the position just after the line.
    public static func layout(_ line: String) -> (text: String, starts: [Int]) {
        var text = ""
        var starts: [Int] = []
        var column = 0
        for c in line {
            starts.append(column)
            if c == "\t" {
                let width = tabWidth - column % tabWidth
                text += String(repeating: " ", count: width)
                column += width
            } else if c.unicodeScalars.first?.properties.generalCategory == .control {
                text += "\u{FFFD}"
                column += 1
            } else {
                text.append(c)
                column += of(c)
            }
        }
        starts.append(column)
        return (text, starts)
    }

    /// The columns a string (without tabs or newlines) takes.
    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    /// `text` padded with spaces on the right to `width` columns.
    public static func pad(_ text: String, to width: Int) -> String {
        let w = of(text)
        return w >= width ? text : text + String(repeating: " ", count: width - w)
    }
}
