import TermCore

/// Where the lesson screen's panes go at a given size.
///
/// - 80×24 to 159 columns: status line; left column narration over quantities;
///   right column the diagram (or the plot, once there is one) over the formula
///   pane; a message or command line; the key help line.
/// - 34 rows or more: the right column stacks diagram, plot and formula.
/// - 160 columns or more: three columns, narration and quantities | diagram and
///   plot | formula.
/// - Presentation: the narration spans the width; no command line unless open.
struct LessonLayout: Equatable {
    var status: Rect
    var narration: Rect
    var quantities: Rect
    var diagram: Rect?
    var plot: Rect?
    var formula: Rect
    /// The message line, or the command bar when it is open.
    var message: Rect
    var keys: Rect

    /// The plot area split for the loss curve and the decision regions side by side, as
    /// TensorFlow Playground shows them, when each half is wide enough to read; nil for
    /// an area that shows one at a time.
    static func sideBySide(_ plot: Rect) -> (loss: Rect, decision: Rect)? {
        guard plot.width >= 2 * minimumSideWidth else { return nil }
        let (loss, decision) = plot.splitLeft(plot.width / 2)
        return (loss, decision)
    }

    /// The narrowest half of a side-by-side plot.
    static let minimumSideWidth = 28

    static func compute(width: Int, height: Int, presentation: Bool, narrationLines: Int,
                        hasDiagram: Bool, hasPlot: Bool, commandOpen: Bool) -> LessonLayout {
        let full = Rect(x: 0, y: 0, width: width, height: height)
        let (status, rest) = full.splitTop(1)
        let (above, keys) = rest.splitBottom(1)
        let showMessage = !presentation || commandOpen
        let (body, message) = above.splitBottom(showMessage ? 1 : 0)

        var narration: Rect, quantities: Rect
        var right: Rect
        var third: Rect?
        if presentation {
            let nh = min(max(narrationLines + 2, 5), body.height * 2 / 5)
            let (top, bottom) = body.splitTop(nh)
            narration = top
            let (left, r) = bottom.splitLeft(bottom.width * 2 / 5)
            quantities = left
            right = r
        } else {
            let wide = width >= 160
            let leftWidth = wide ? width * 3 / 10 : (width >= 120 ? width * 2 / 5 : width / 2)
            let (left, r) = body.splitLeft(leftWidth)
            let nh = min(max(narrationLines + 2, 5), left.height * 9 / 20)
            (narration, quantities) = left.splitTop(nh)
            if wide {
                let (middle, last) = r.splitLeft(r.width * 4 / 7)
                right = middle
                third = last
            } else {
                right = r
            }
        }

        var diagram: Rect?, plot: Rect?, formula: Rect
        if let third {
            formula = third
            if hasPlot && hasDiagram {
                let (d, p) = right.splitTop(right.height / 2)
                diagram = d; plot = p
            } else if hasPlot { plot = right } else { diagram = right }
        } else if right.height >= 30 || (presentation && right.height >= 20) {
            let panes = (hasDiagram ? 1 : 0) + (hasPlot ? 1 : 0)
            let share = panes == 0 ? 0 : right.height * (panes == 2 ? 7 : 5) / 10 / panes
            var r = right
            if hasDiagram { let (d, rest) = r.splitTop(share); diagram = d; r = rest }
            if hasPlot { let (p, rest) = r.splitTop(share); plot = p; r = rest }
            formula = r
        } else {
            let (top, bottom) = right.splitTop(hasDiagram || hasPlot ? right.height * 11 / 20 : 0)
            if hasPlot { plot = top } else if hasDiagram { diagram = top }
            formula = bottom
        }
        return LessonLayout(status: status, narration: narration, quantities: quantities, diagram: diagram,
                            plot: plot, formula: formula, message: message, keys: keys)
    }
}
