#if canImport(Glibc)
import Glibc
#endif
import BackpropCore
import ScriptSyntax

/// Human output for the network, data, training and perceptron commands.
extension TextOutput {
    /// A vector on one line; past 10 entries, its first 6 and last 2 and how many there are.
    func compactVector(_ v: [Double]) -> String {
        let f = settings.numberFormat
        guard v.count > 10 else { return "[" + v.map(f.format).joined(separator: ", ") + "]" }
        return "[" + (v.prefix(6).map(f.format) + ["…"] + v.suffix(2).map(f.format)).joined(separator: ", ")
            + "] (\(v.count) entries)"
    }

    /// A tensor on one line, abbreviated past 12 entries.
    func compactTensor(_ t: Tensor) -> String {
        t.count <= 12 ? MatrixText.inline(t, numbers: settings.numberFormat) : "⟨\(t.shape)⟩ " + compactVector(t.storage)
    }

    func networkLines(_ output: Output) -> [String] {
        let f = settings.numberFormat
        func vector(_ v: [Double]) -> String { compactVector(v) }
        switch output {
        case .network(let n):
            let layers = n.sizes.map(String.init).joined(separator: "-")
            return ["net \(layers): activations \(n.activations.joined(separator: ", ")), loss \(n.loss), "
                    + "\(n.parameters) parameters (seed \(n.seed))",
                    "  quantities: " + n.names.joined(separator: " ")]
        case .dataset(let d):
            var out = ["data \(d.name): \(d.count) sample\(d.count == 1 ? "" : "s"), \(d.inputWidth) input"
                       + "\(d.inputWidth == 1 ? "" : "s"), \(d.targetWidth) target\(d.targetWidth == 1 ? "" : "s")"
                       + (d.classes.map { " (\($0) classes, one-hot)" } ?? "")]
            let rows = d.preview.enumerated().map { i, s in ["\(i + 1)", vector(s.input), vector(s.target)] }
            out += table([["#", "x", "t"]] + rows)
            if d.count > d.preview.count { out.append("  … \(d.count - d.preview.count) more") }
            return out
        case .training(let t):
            let r = t.result
            var head = "trained \(r.epochs) epoch\(r.epochs == 1 ? "" : "s") (\(t.mode)"
            if let b = t.batchSize { head += ", batch \(b)" }
            head += ", η = \(NumberFormat.roundTrip(t.eta))"
            if t.lambda != 0 { head += ", λ = \(NumberFormat.roundTrip(t.lambda))" }
            head += ", \(r.steps) step\(r.steps == 1 ? "" : "s")): mean loss \(f.format(r.loss))"
            if t.lambda != 0 { head += ", objective \(f.format(r.objective))" }
            if let a = r.accuracy, let c = r.correct { head += ", accuracy \(percent(a)) (\(c)/\(t.samples))" }
            var out = [head]
            switch r.stop {
            case .completed: break
            case .cancelled: out.append("  stopped after \(r.epochs) of \(r.requestedEpochs) epochs; the weights reached are kept")
            case .diverged(let e): out.append("  the loss became \(f.format(r.loss)) at epoch \(e): η is too large")
            }
            if r.stop != .diverged(epoch: r.epochs), let first = r.lossHistory.first, first > 0, r.loss > 10 * first {
                out.append("  the loss grew from \(f.format(first)) to \(f.format(r.loss)): η is probably too large")
            }
            if r.lossHistory.count > 1 { out.append("  loss " + Self.sparkline(r.lossHistory, width: 48) + "  ('losses' for more)") }
            return out
        case .step(let s):
            return stepLines(s)
        case .perceptron(let p):
            return perceptronLines(p)
        case let .perceptronVisit(v, converged):
            let y = v.y > 0 ? "+1" : "−1"
            var line = "epoch \(v.epoch), sample \(v.sample + 1): x = \(vector(v.x)), y = \(y), "
                + "w·x + b = \(f.format(v.activation)), y(w·x + b) = \(f.format(v.margin))"
            line += v.updated ? " ≤ 0: update w += y x, b += y" : " > 0: no update"
            var out = [line, "  w = \(vector(v.w)), b = \(f.format(v.b))   (\(v.updates) update\(v.updates == 1 ? "" : "s") so far)"]
            if converged { out.append("  converged: a whole epoch without an update") }
            return out
        case .predictions(let p):
            let rows = p.rows.enumerated().map { i, r -> [String] in
                var row = ["\(i + 1)", vector(r.input), r.target.map(vector) ?? "", vector(r.output)]
                if let c = r.predictedClass {
                    row.append("class \(c)" + (r.trueClass.map { $0 == c ? " ✓" : " ✗ (is \($0))" } ?? ""))
                }
                return row
            }
            let header = ["#", "x", "t", "output"] + (p.rows.first?.predictedClass != nil ? ["prediction"] : [])
            return table([header] + rows.map { $0 + Array(repeating: "", count: max(0, header.count - $0.count)) })
        case .accuracy(let a):
            var out = ["accuracy \(percent(a.accuracy)): \(a.correct) of \(a.count) correct (\(a.rule))"]
            if a.confusion.count > 1 {
                out.append("  confusion (rows: true class, columns: predicted)")
                let header = [""] + (0..<a.confusion.count).map(String.init)
                out += table([header] + a.confusion.enumerated().map { [String($0)] + $1.map(String.init) })
            }
            return out
        case .grid(let g):
            return gridLines(g)
        case let .losses(history, stride):
            guard let first = history.first, let last = history.last else { return ["no losses recorded"] }
            let epochs = (history.count - 1) * stride
            let spread = (history.min() ?? 1) > 0 && (history.max() ?? 1) / (history.min() ?? 1) > 100
            return ["loss over \(epochs) epoch\(epochs == 1 ? "" : "s")\(stride > 1 ? " (every \(stride)th kept)" : ""): "
                    + "\(f.format(first)) → \(f.format(last)) (min \(f.format(history.min() ?? last)))",
                    "  " + Self.sparkline(history, width: 64) + (spread ? "  (log scale)" : "")]
        case let .notations(current, available):
            return available.map { ($0.hasPrefix(current + ":") ? "* " : "  ") + $0 }
        case let .sampleSelected(index, input, target):
            return ["sample \(index): x = \(vector(input.storage)), t = \(vector(target.storage))"]
        case .perceptronReset(let name):
            return ["perceptron reset on \(name): w = 0, b = 0"]
        case .notationChanged(let name):
            return ["notation \(name)"]
        case .value, .show, .explanation, .gradCheck, .names, .settings, .help, .lessonTitle, .narration,
             .stepBoundary, .exercise, .assigned, .backwardDone, .settingChanged, .sessionReset:
            // Not a network result: `render` answers for these (no `default:`, so a new case must be placed).
            return []
        }
    }

    private func percent(_ a: Double) -> String {
        NumberFormat(digits: 4).format(a * 100) + " %"
    }

    /// Rows of cells, each column left-aligned, indented by two spaces.
    func table(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { j in rows.map { j < $0.count ? DisplayWidth.of($0[j]) : 0 }.max() ?? 0 }
        return rows.map { row in
            ("  " + row.enumerated().map { j, cell in DisplayWidth.pad(cell, to: widths[j]) }.joined(separator: "  "))
                .trailingSpacesRemoved
        }
    }

    /// A row of block characters tracing `values` (resampled to `width` columns), on a
    /// log scale when the values are positive and span more than two decades (losses).
    static func sparkline(_ values: [Double], width: Int) -> String {
        var values = values
        if let lo = values.min(), lo > 0, let hi = values.max(), hi / lo > 100 {
            values = values.map { log10($0) }
        }
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max(), !values.isEmpty else { return "" }
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let n = min(width, values.count)
        return String((0..<n).map { k -> Character in
            let v = values[k * (values.count - 1) / max(1, n - 1)]
            guard v.isFinite else { return "!" }
            let level = hi > lo ? Int(((v - lo) / (hi - lo) * 7).rounded()) : 0
            return blocks[max(0, min(7, level))]
        })
    }

    private func stepLines(_ s: StepReport) -> [String] {
        let f = settings.numberFormat
        let which = s.samples.count == 1 ? "sample \(s.samples[0] + 1)" : "the batch (\(s.samples.count) samples)"
        var out = ["one gradient step on \(which), η = \(NumberFormat.roundTrip(s.eta)): loss \(f.format(s.lossBefore)) → \(f.format(s.lossAfter))"]
        out.append("  forward:")
        for layer in s.forward {
            out.append("    z\(layer.layer) = \(compactTensor(layer.z))   a\(layer.layer) = \(compactTensor(layer.a))")
        }
        out.append("  backward and update, output layer first:")
        for u in s.updates {
            let l = u.layer
            out.append("    δ\(l) = ∂L/∂z\(l) = \(compactTensor(u.delta))")
            out.append("    ∂L/∂W\(l) = δ\(l) a\(l - 1)ᵀ = \(compactTensor(u.gradientW))")
            out.append("    W\(l): \(compactTensor(u.weightsBefore)) → \(compactTensor(u.weightsAfter))")
            out.append("    b\(l): \(compactTensor(u.biasesBefore)) → \(compactTensor(u.biasesAfter))")
        }
        return out
    }

    private func perceptronLines(_ p: PerceptronReport) -> [String] {
        let f = settings.numberFormat
        func vector(_ v: [Double]) -> String { compactVector(v) }
        var out: [String] = []
        out.append(p.converged
            ? "perceptron converged after \(p.epochs) epoch\(p.epochs == 1 ? "" : "s"): \(p.updates) update\(p.updates == 1 ? "" : "s")"
            : p.cancelled
            ? "perceptron stopped after \(p.epochs) epoch\(p.epochs == 1 ? "" : "s") (interrupted): \(p.updates) updates"
            : "perceptron did not converge in \(p.epochs) epoch\(p.epochs == 1 ? "" : "s"): \(p.updates) updates")
        out.append("  w = \(vector(p.w)), b = \(f.format(p.b))")
        out.append("  R = max ‖(x, 1)‖ = \(f.format(p.radius))")
        if let gamma = p.gamma, let bound = p.bound {
            out.append("  best margin on (x, 1): ρ = \(f.format(p.margin ?? gamma / 2)), γ = 2ρ = \(f.format(gamma)); "
                       + "bound 4R²/γ² = \(f.format(bound))")
            out.append("  k = \(p.updates) ≤ \(f.format(bound))" + (p.withinBound == true ? ": within the bound" : ": ABOVE the bound"))
        } else {
            out.append("  the data are not linearly separable: no w, b classifies every sample, so it cannot converge")
        }
        if !p.epochLog.isEmpty {
            let shown = p.epochLog.count <= 12 ? p.epochLog : Array(p.epochLog.prefix(6)) + Array(p.epochLog.suffix(3))
            var rows = [["epoch", "updates", "errors after", "train error"]]
            for e in shown {
                rows.append(["\(e.epoch)", "\(e.updates)", "\(e.errors)", percent(e.trainingError)])
            }
            out += table(rows)
            if shown.count < p.epochLog.count { out.append("  (\(p.epochLog.count - shown.count) epochs not shown)") }
        }
        return out
    }

    private func gridLines(_ picture: GridPicture) -> [String] {
        let g = picture.grid
        var cells = [[Character]](repeating: [Character](repeating: " ", count: g.columns), count: g.rows)
        for r in 0..<g.rows {
            for c in 0..<g.columns {
                if let k = g.predictedClass(row: r, column: c) {
                    cells[r][c] = k == 0 ? "·" : k == 1 ? "░" : Character(String(k % 10))
                } else {
                    cells[r][c] = g.value(row: r, column: c) >= 0.5 ? "░" : "·"
                }
            }
        }
        for s in picture.samples {
            cells[s.row][s.column] = s.label == 0 ? "o" : s.label == 1 ? "x" : Character(String(s.label % 10))
        }
        let f = NumberFormat(digits: 3)
        var out = ["decision regions over x1 ∈ [\(f.format(g.x1Range.lowerBound)), \(f.format(g.x1Range.upperBound))], "
                   + "x2 ∈ [\(f.format(g.x2Range.lowerBound)), \(f.format(g.x2Range.upperBound))] "
                   + "(· class 0, ░ class 1; samples o = 0, x = 1)"]
        out += cells.map { "  │" + String($0) + "│" }
        return out
    }
}
