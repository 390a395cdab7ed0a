import TermCore
import BackpropCore
import ScriptSyntax

/// Human-readable output: aligned, `settings.digits` significant digits, the
/// lectures' notation (z̄ for the error signal of z).
public struct TextOutput: Sendable {
    public var settings: Settings
    /// The REPL also acknowledges assignments and backward; scripts stay quiet.
    public var interactive: Bool

    public init(settings: Settings, interactive: Bool) {
        self.settings = settings
        self.interactive = interactive
    }

    private var numbers: NumberFormat { settings.numberFormat }

    /// The text for one output (with a trailing newline), or nil when it says nothing here.
    public func render(_ output: Output) -> String? {
        if output.isAcknowledgement && !interactive { return nil }
        let lines: [String]
        switch output {
        case .value(let t):
            lines = block(t)
        case .show(let quantities):
            lines = show(quantities)
        case let .explanation(_, _, e):
            lines = explanation(e)
        case .gradCheck(let report):
            lines = gradCheck(report)
        case .names(let bindings):
            lines = names(bindings)
        case .settings(let pairs):
            lines = pairs.map { "\($0.key) = \($0.value)" }
        case .help(let text):
            lines = [text]
        case let .assigned(name, value, _, recomputed, note):
            var out = labelled(name, value)
            var remarks: [String] = []
            if recomputed > 0 { remarks.append("\(recomputed) quantit\(recomputed == 1 ? "y" : "ies") recomputed") }
            if let note { remarks.append(note) }
            if !remarks.isEmpty { out[0] += "    (" + remarks.joined(separator: "; ") + ")" }
            lines = out
        case let .backwardDone(root, reached):
            lines = ["backward from \(root): error signals for \(reached) quantit\(reached == 1 ? "y" : "ies")"
                     + " (show them with 'show', or 'explain NAME.grad')"]
        case let .settingChanged(key, value):
            lines = ["\(key) = \(value)"]
        case .sessionReset:
            lines = ["session reset: no quantities defined"]
        case .network(let n): lines = self.lines(for: n)
        case .dataset(let d): lines = self.lines(for: d)
        case .training(let t): lines = self.lines(for: t)
        case .step(let report): lines = self.lines(for: report)
        case .perceptron(let p): lines = self.lines(for: p)
        case let .perceptronVisit(v, converged): lines = visitLines(v, converged: converged)
        case .predictions(let p): lines = self.lines(for: p)
        case .accuracy(let a): lines = self.lines(for: a)
        case .grid(let g): lines = self.lines(for: g)
        case let .losses(history, stride): lines = lossLines(history, stride: stride)
        case .plot(let plot): lines = self.lines(for: plot)
        case let .notations(current, available): lines = notationLines(current: current, available: available)
        case let .sampleSelected(index, input, target): lines = sampleLines(index: index, input: input, target: target)
        case .perceptronReset(let name): lines = perceptronResetLines(name)
        case .notationChanged(let name): lines = notationChangedLines(name)
        case .lessonTitle(let title):
            lines = [title, String(repeating: "═", count: max(4, DisplayWidth.of(title)))]
        case .narration(let text):
            lines = [text]
        case .stepBoundary(let label):
            lines = ["", "── \(label) " + String(repeating: "─", count: max(4, 60 - DisplayWidth.of(label)))]
        case .exercise(let e):
            lines = ["? \(e.id): \(e.question)"] + labelled("  answer", e.expected)
                + ["  (tolerance \(NumberFormat.roundTrip(e.tolerance * 100)) %" + (e.rule.map { "; rule: \($0)" } ?? "") + ")"]
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A value as aligned rows (one line for a scalar).
    public func block(_ t: Tensor) -> [String] {
        t.isScalar ? [numbers.format(t.scalar)] : MatrixText.block(t, numbers: numbers)
    }

    /// `name = value`, a matrix continuing under its first row.
    public func labelled(_ label: String, _ t: Tensor, labelWidth: Int = 0) -> [String] {
        let head = DisplayWidth.pad(label, to: labelWidth) + " = "
        let indent = String(repeating: " ", count: DisplayWidth.of(head))
        return block(t).enumerated().map { i, line in (i == 0 ? head : indent) + line }
    }

    func show(_ quantities: [ShownQuantity]) -> [String] {
        if quantities.isEmpty { return ["no quantities defined yet"] }
        let nameWidth = quantities.map { DisplayWidth.of($0.label) }.max() ?? 0
        let gradientWidth = quantities.map { DisplayWidth.of($0.gradientLabel) }.max() ?? 0
        let lefts = quantities.map { labelled($0.label, $0.value, labelWidth: nameWidth) }
        let leftWidth = lefts.flatMap { $0 }.map(DisplayWidth.of).max() ?? 0
        var out: [String] = []
        for (q, left) in zip(quantities, lefts) {
            guard let g = q.gradient else {
                out += left
                continue
            }
            let right = labelled(q.gradientLabel, g, labelWidth: gradientWidth)
            for i in 0..<max(left.count, right.count) {
                let l = i < left.count ? left[i] : ""
                let r = i < right.count ? right[i] : ""
                out.append(DisplayWidth.pad(l, to: leftWidth + 4) + r)
            }
        }
        return out.map { $0.trailingSpacesRemoved }
    }

    func explanation(_ e: Explanation) -> [String] {
        var out: [String] = []
        let head = e.quantity + " = "
        let indent = String(repeating: " ", count: DisplayWidth.of(e.quantity)) + " = "
        for (i, step) in e.steps.enumerated() {
            let prefix = i == 0 ? head : indent
            if i == e.steps.count - 1, !e.value.isScalar {
                let matrix = MatrixText.block(e.value, numbers: numbers)
                let pad = String(repeating: " ", count: DisplayWidth.of(prefix))
                out += matrix.enumerated().map { j, line in (j == 0 ? prefix : pad) + line }
            } else {
                out.append(prefix + step)
            }
        }
        if let note = e.note { out.append("  (\(note))") }
        if !e.contributions.isEmpty {
            let width = e.contributions.map { DisplayWidth.of($0.formula) }.max() ?? 0
            for c in e.contributions {
                let value = c.value.isScalar ? NumberFormat(digits: settings.digits, typographicMinus: true).format(c.value.scalar)
                                             : MatrixText.inline(c.value, numbers: numbers)
                out.append("    through \(c.through): " + DisplayWidth.pad(c.formula, to: width) + " = " + value)
            }
        }
        return out
    }

    func gradCheck(_ r: GradCheckReport) -> [String] {
        var rows: [[String]] = [["leaf", "entry", "backprop", "numeric", "abs. error", "rel. error", ""]]
        let short = NumberFormat(digits: 2)
        for e in r.entries {
            rows.append([e.leaf, "[\(e.row),\(e.column)]", numbers.format(e.backprop), numbers.format(e.numeric),
                         short.format(e.absoluteError), short.format(e.relativeError), e.agrees ? "ok" : "DIFFERS"])
        }
        let widths = (0..<7).map { j in rows.map { DisplayWidth.of($0[j]) }.max() ?? 0 }
        var out = ["gradcheck \(r.root): backprop against 5-point central differences (eps = \(NumberFormat.roundTrip(r.step)))"]
        out += rows.map { row in
            "  " + row.enumerated().map { j, cell in DisplayWidth.pad(cell, to: widths[j]) }.joined(separator: "  ")
        }.map { $0.trailingSpacesRemoved }
        if r.entries.isEmpty {
            out.append("  \(r.root) depends on no leaf")
        } else {
            let verdict = r.passed ? "backprop agrees with finite differences"
                : "some entries differ (a kink such as relu or step at 0, or a bug)"
            out.append("  max relative error \(short.format(r.maxRelativeError)), max absolute error "
                       + "\(short.format(r.maxAbsoluteError)): \(verdict)")
            out.append("  (agreement: relative error ≤ \(NumberFormat.roundTrip(GradCheck.relativeTolerance)) or absolute error ≤ "
                       + "\(NumberFormat.roundTrip(GradCheck.absoluteTolerance)))")
        }
        return out
    }

    func names(_ bindings: [BindingSummary]) -> [String] {
        if bindings.isEmpty { return ["no quantities defined yet"] }
        let nameWidth = bindings.map { DisplayWidth.of($0.name) }.max() ?? 0
        let shapeWidth = bindings.map { $0.shape.description.count }.max() ?? 0
        return bindings.map { b in
            DisplayWidth.pad(b.name, to: nameWidth) + "  " + DisplayWidth.pad(b.shape.description, to: shapeWidth) + "  "
                + (b.isLeaf ? "leaf" : "= " + (b.definition ?? "?"))
        }
    }
}

extension String {
    var trailingSpacesRemoved: String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
