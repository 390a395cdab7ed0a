import TermCore

/// `?`: the keys and the commands, over the whole screen.
enum HelpScreen {
    static let keys: [(String, String)] = [
        ("n  →  space", "next step (or the next quantity when presenting)"),
        ("p  ←", "previous step: the state and screen it had"),
        ("Home  End", "first step, last step"),
        ("↑  ↓  Tab", "select a quantity"),
        ("e", "explain it: its value or its error signal, numbers substituted"),
        ("]  [", "walk the pass one quantity at a time (L̄, ȳ, z̄ … after backward)"),
        ("r", "train, pause, go on (a typed train too); Ctrl-C stops it"),
        ("+  -  .  0", "training faster, slower; one epoch; back to where the run began"),
        (":", "command bar: any command (w = 2, show W1, train epochs=500); answers"),
        ("PgUp  PgDn", "scroll the formula / output pane"),
        ("m  F5  b", "presentation mode (one quantity at a time); b blanks the screen"),
        ("?", "this help (any key closes it)"),
        ("q", "quit, saving your progress"),
    ]

    static func render(into c: inout Canvas, area: Rect) {
        let inner = Frame.render(into: &c, area: area, title: "bptutor: keys")
        guard inner.width > 10 else { return }
        var row = 0
        let keyWidth = 13
        for (key, what) in keys where row < inner.height {
            c.text(" " + key, x: inner.x, y: inner.y + row, limit: keyWidth, fg: .cyan, style: .bold)
            c.line(what, in: Rect(x: inner.x + keyWidth + 1, y: inner.y, width: inner.width - keyWidth - 1,
                                  height: inner.height), row: row)
            row += 1
        }
        let notes = [
            "",
            "Questions: press :, type the value (a number, [1, 2] or [[1, 2], [3, 4]]) and Enter;",
            "a wrong answer gets a hint. 'reveal' shows the answer, 'skip' leaves it.",
            "Markers: * changed this step (bold)   > selected (reverse)",
            "Edges: solid / * positive weight, dashed / . negative; the weight is written with its sign.",
            "Commands: help, show, explain NAME.grad, backward L, gradcheck L, train, grid, losses.",
        ]
        for line in notes {
            for piece in Text.wrap(line, to: inner.width - 1) where row < inner.height {
                c.line(" " + piece, in: inner, row: row, fg: .gray)
                row += 1
            }
        }
    }
}

/// Below 80×24: a message instead of a layout that would not fit.
enum TooSmallScreen {
    static let minimumWidth = 80
    static let minimumHeight = 24

    static func render(into c: inout Canvas, width: Int, height: Int) {
        let lines = ["terminal too small", "\(width)×\(height): bptutor needs 80×24", "enlarge it, or q to quit"]
        let top = max(0, (height - lines.count) / 2)
        for (i, line) in lines.enumerated() where top + i < height {
            let folded = c.glyphs.fold(line)
            let text = Text.clip(folded, to: width)
            let x = max(0, (width - Text.width(text)) / 2)
            c.text(text, x: x, y: top + i, fg: i == 0 ? .yellow : .standard, style: i == 0 ? .bold : [])
        }
    }
}
