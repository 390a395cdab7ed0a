import TutorScript
import TermCore

/// The step's narration, wrapped, with the pending question under it.
enum NarrationView {
    static func lines(narration: [String], question: Exercise?, width: Int, presentation: Bool) -> [(String, Bool)] {
        var out: [(String, Bool)] = []
        for (i, text) in narration.enumerated() {
            if i > 0 { out.append(("", false)) }
            out += Text.wrap(reflow(text), to: width).map { ($0, false) }
        }
        if let q = question {
            if !out.isEmpty { out.append(("", false)) }
            out += Text.wrap("? \(q.id): \(q.question)", to: width).map { ($0, true) }
            let how = presentation ? "(: answers, n skips)" : "(press : and type the answer; reveal, skip; n skips)"
            out += Text.wrap(how, to: width).map { ($0, false) }
        }
        return out
    }

    /// Joins the lines of a paragraph (the lesson file breaks them for its own
    /// width); indented lines (formulas) and blank lines stay as written.
    static func reflow(_ text: String) -> String {
        var out: [String] = []
        var joinable = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            let indented = line.first == " "
            if line.isEmpty || indented {
                out.append(line)
                joinable = false
            } else if joinable, let last = out.popLast() {
                out.append(last + " " + line)
            } else {
                out.append(line)
                joinable = true
            }
        }
        return out.joined(separator: "\n")
    }

    /// Draws `all`, the narration as `lines` wrapped it for this area's inner width.
    static func render(into c: inout Canvas, area: Rect, title: String, lines all: [(String, Bool)], question: Exercise?) {
        let inner = Frame.render(into: &c, area: area, title: title)
        guard inner.width > 0 else { return }
        if all.isEmpty {
            c.line("(no narration in this step)", in: inner, row: 0, fg: .gray, style: .dim)
            return
        }
        // Keep the question in view: when it does not all fit, show the end.
        var shown = all
        if shown.count > inner.height {
            shown = question != nil ? Array(all.suffix(inner.height)) : Array(all.prefix(inner.height))
            if question != nil { shown[0] = (c.glyphs.ellipsis, false) } else { shown[inner.height - 1] = (c.glyphs.ellipsis + " (more: enlarge)", false) }
        }
        for (row, (text, isQuestion)) in shown.enumerated() {
            c.line(text, in: inner, row: row, fg: isQuestion ? .yellow : .standard, style: isQuestion ? .bold : [])
        }
    }
}
