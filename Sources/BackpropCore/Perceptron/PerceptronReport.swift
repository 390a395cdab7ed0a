/// `perceptron [epochs=N]`: a whole run and what lecture 004's proof says about it.
///
/// The convergence theorem: if ‖x̃_n‖ ≤ R for all n and some unit w* has
/// y_n (x̃_n·w*) ≥ γ/2, the number of updates satisfies k ≤ 4R²/γ². Here
/// R = max ‖(x_n, 1)‖ and γ is the best possible, 2ρ with ρ the hard-margin
/// SVM's margin on the augmented inputs (see `HardMarginSVM`), so the bound
/// is 4R²/γ² = R²/ρ². For data that is not linearly separable there is no
/// margin and no bound, and the perceptron never converges.
public struct PerceptronReport: Sendable, Equatable {
    public var updates: Int
    public var epochs: Int
    public var converged: Bool
    public var w: [Double]
    public var b: Double
    /// R = max_n ‖(x_n, 1)‖.
    public var radius: Double
    /// The max-margin separator on the augmented inputs.
    public var svm: HardMarginSVM
    /// The lecture's table, one row per epoch.
    public var epochLog: [Perceptron.EpochSummary]
    /// The run was stopped from outside (Ctrl-C) before converging or reaching its epoch limit.
    public var cancelled = false

    public var separable: Bool { svm.separable }
    /// γ of the lecture (y (x̃·w*) ≥ γ/2): 2ρ; nil when not separable.
    public var gamma: Double? { svm.separable ? 2 * svm.margin : nil }
    /// ρ, the geometric margin of the augmented data; nil when not separable.
    public var margin: Double? { svm.separable ? svm.margin : nil }
    /// 4R²/γ²; nil when not separable.
    public var bound: Double? { gamma.map { 4 * radius * radius / ($0 * $0) } }
    /// k ≤ 4R²/γ² (nil when there is no bound).
    public var withinBound: Bool? { bound.map { Double(updates) <= $0 * (1 + 1e-12) } }

    /// Runs the perceptron on `data` for at most `maxEpochs` epochs and solves
    /// for the margin. The monitor may stop the run early (Ctrl-C).
    public static func run(_ data: Dataset, maxEpochs: Int = Perceptron.defaultMaxEpochs,
                           monitor: (Perceptron.EpochSummary) -> Bool = { _ in true }) throws(PerceptronError) -> PerceptronReport {
        var p = try Perceptron(data: data)
        var stopped = false
        p.run(maxEpochs: maxEpochs) { epoch in
            let goOn = monitor(epoch)
            if !goOn { stopped = true }
            return goOn
        }
        var result = report(for: p)
        result.cancelled = stopped && !p.converged
        return result
    }

    /// The report for a perceptron in any state (after single visits, too).
    public static func report(for p: Perceptron) -> PerceptronReport {
        let svm = HardMarginSVM.solve(inputs: p.inputs, labels: p.labels, inputWidth: p.inputWidth)
        return PerceptronReport(updates: p.updates, epochs: p.epochs, converged: p.converged, w: p.w, b: p.b,
                                radius: p.radius, svm: svm, epochLog: p.epochLog)
    }
}
