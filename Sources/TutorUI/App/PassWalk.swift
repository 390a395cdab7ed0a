import TutorScript

/// `]` and `[`: a step's pass one quantity at a time, in the order the pass computes it.
/// After a backward, the error signals from the root back to the parameters (L̄, ȳ, z̄,
/// then w̄ and b̄: the lecture's order); else the values the step computed, forward. Each
/// is selected with its rule and numbers in the formula pane, so a student can follow
/// the pass, and step back, at their own pace.
extension LessonState {
    /// The names `]` goes through, and whether they are error signals.
    func passOrder(presentation: Bool) -> (names: [String], backward: Bool) {
        let shown = visibleQuantities(presentation: presentation)
        let signals = shown.filter { $0.gradient != nil }
        if record.phase == .backward || record.phase == .update, !signals.isEmpty {
            return (signals.reversed().map(\.name), true)
        }
        let changed = Set(display.changedNames)
        let step = shown.filter { changed.contains($0.name) }
        return ((step.isEmpty ? shown : step).map(\.name), false)
    }

    /// One quantity on (`delta` 1) or back (−1) along the pass. Returns a message to show.
    mutating func walkPass(_ delta: Int, presentation: Bool) -> StatusMessage {
        let (names, backward) = passOrder(presentation: presentation)
        let pass = backward ? "backward pass" : "forward pass"
        guard !names.isEmpty else { return StatusMessage("nothing computed yet to walk through") }
        let at = selected.flatMap { names.firstIndex(of: $0) }
        var next = at.map { $0 + delta } ?? (delta > 0 ? 0 : names.count - 1)
        if next < 0 { return StatusMessage("the \(pass) starts here (] goes on)") }
        // Past the end (or from the step's last quantity, where the selection starts): from the start.
        if next >= names.count { next = 0 }
        let q = display.quantities.first { $0.name == names[next] }
        let label = (backward ? q?.gradientLabel : q?.label) ?? names[next]
        // The walk does not show the answer of the open question: it stops before it.
        if let question = session.pending, let q, (backward ? q.gradient : q.value) == question.expected {
            return StatusMessage("next is \(label), what \(question.id) asks: answer it first (: answers, reveal or skip)")
        }
        selected = names[next]
        explainGradient = backward
        pane = .formula
        paneScroll = 0
        return StatusMessage("\(pass) \(next + 1)/\(names.count): \(label)  (] next, [ back)")
    }
}
