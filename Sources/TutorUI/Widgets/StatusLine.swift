import TermCore

/// The top line, in reverse video: lesson, step k/n and its label, phase, mode.
enum StatusLine {
    static func render(into c: inout Canvas, area: Rect, lesson: String, step: Int, steps: Int, label: String,
                       phase: Phase, training: String?, presentation: Bool) {
        guard area.height > 0 else { return }
        c.fill(Rect(x: area.x, y: area.y, width: area.width, height: 1), with: Cell(" ", style: .reverse))
        let sep = " " + c.glyphs.vertical + " "
        var right = "phase: " + phase.rawValue
        if let training { right = training + sep + right }
        if presentation { right += sep + "PRESENTING" }
        let rightWidth = Text.width(c.glyphs.fold(right))
        let leftText = " step \(step)/\(steps): " + label + sep + lesson
        let room = area.width - rightWidth - 2
        if room > 10 {
            c.line(leftText, in: Rect(x: area.x, y: area.y, width: room, height: 1), row: 0, style: [.reverse, .bold])
            c.text(right + " ", x: area.maxX - rightWidth - 1, y: area.y, style: .reverse)
        } else {
            c.line(" step \(step)/\(steps)" + sep + right, in: area, row: 0, style: .reverse)
        }
    }
}

/// The bottom line: the keys that work here.
enum KeyHelp {
    static func render(into c: inout Canvas, area: Rect, keys: [(String, String)]) {
        guard area.height > 0 else { return }
        var x = area.x
        for (key, what) in keys {
            let need = Text.width(c.glyphs.fold(key)) + 1 + Text.width(what) + 2
            if x + need > area.maxX { break }
            x += c.text(key, x: x, y: area.y, fg: .cyan, style: .bold)
            x += c.text(" " + what + "  ", x: x, y: area.y, fg: .gray)
        }
    }
}

/// The line under the panes: an answer's verdict, an error, a note. The kind
/// is also in the text (✓ / ✗ / error:), not only in the colour.
enum MessageLine {
    static func render(into c: inout Canvas, area: Rect, message: StatusMessage?) {
        guard let message, area.height > 0 else { return }
        let color: CellColor = switch message.kind {
        case .info: .standard
        case .good: .green
        case .bad: .red
        }
        c.line(message.text, in: area, row: 0, fg: color, style: message.kind == .info ? [] : .bold)
    }
}

/// The command bar: prompt and text, scrolled to keep the cursor in view; the
/// buffer's cursor is put at the insertion point.
enum CommandBar {
    static func render(into c: inout Canvas, area: Rect, state: CommandBarState) {
        guard area.height > 0, area.width > 4 else { return }
        let prompt = c.glyphs.fold(state.prompt)
        let promptWidth = min(Text.width(prompt), area.width / 2)
        c.text(prompt, x: area.x, y: area.y, limit: promptWidth, fg: .cyan, style: .bold)
        let room = area.width - promptWidth - 1
        // Scroll so the cursor stays visible (text cells counted by display width).
        let start = max(0, state.cursor - room)
        var column = 0
        var visible = ""
        for ch in state.text {
            let w = Text.width(String(ch))
            if column >= start { visible.append(ch) }
            column += w
        }
        c.text(c.glyphs.fold(visible), x: area.x + promptWidth, y: area.y, limit: room)
        c.buffer.cursor = (x: area.x + promptWidth + min(state.cursor - start, room), y: area.y)
    }
}
