import TermCore

/// The lesson picker: one row per lesson (title, steps, the student's progress);
/// the chosen one marked `>` and in reverse video.
enum PickerView {
    static func render(into c: inout Canvas, state: PickerState) {
        let full = Rect(x: 0, y: 0, width: c.width, height: c.height)
        let (top, rest) = full.splitTop(1)
        let (body, keys) = rest.splitBottom(1)
        c.fill(top, with: Cell(" ", style: .reverse))
        c.line(" bptutor " + c.glyphs.vertical + " backpropagation, step by step " + c.glyphs.vertical + " choose a lesson",
               in: top, row: 0, style: [.reverse, .bold])
        let inner = Frame.render(into: &c, area: body, title: "Lessons")
        guard inner.width > 20, inner.height > 1 else { return }
        if state.entries.isEmpty {
            c.line("no lessons found (set BPTUTOR_LESSONS to a folder of .lesson files)", in: inner, row: 0)
        }
        let idWidth = min(24, state.entries.map { Text.width($0.id) }.max() ?? 0)
        let progressWidth = min(inner.width / 3, state.entries.map { Text.width($0.progress) }.max() ?? 0)
        let stepsWidth = 9
        let titleWidth = max(8, inner.width - 2 - idWidth - 2 - stepsWidth - 2 - progressWidth - 1)
        let rows = inner.height - 1
        let offset = min(max(0, state.selected - rows + 1), max(0, state.entries.count - rows))
        c.text("  " + Text.pad("lesson", to: idWidth) + "  " + Text.pad("title", to: titleWidth) + "  "
               + Text.pad("steps", to: stepsWidth) + "progress", x: inner.x, y: inner.y, limit: inner.width, fg: .gray,
               style: .underline)
        for (row, entry) in state.entries.dropFirst(offset).prefix(rows).enumerated() {
            let index = offset + row
            let isSelected = index == state.selected
            let title = Text.width(entry.title) > titleWidth ? Text.clip(entry.title, to: titleWidth - 1) + c.glyphs.ellipsis
                                                               : entry.title
            let line = (isSelected ? c.glyphs.selected + " " : "  ") + Text.pad(Text.clip(entry.id, to: idWidth), to: idWidth)
                + "  " + Text.pad(title, to: titleWidth) + "  " + Text.pad("\(entry.steps) step" + (entry.steps == 1 ? "" : "s"), to: stepsWidth)
                + Text.clip(entry.progress, to: progressWidth)
            c.text(Text.pad(c.glyphs.fold(line), to: inner.width), x: inner.x, y: inner.y + 1 + row, limit: inner.width,
                   fg: isSelected ? .cyan : .standard, style: isSelected ? [.reverse, .bold] : [])
        }
        KeyHelp.render(into: &c, area: keys, keys: [(c.unicode ? "↑↓" : "up/down", "choose"), ("Enter", "open"),
                                                  ("m", "presentation"), ("?", "help"), ("q", "quit")])
    }
}
