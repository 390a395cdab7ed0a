/// A plausible wrong answer and the slip that produces it: what exercise
/// checking compares a student's answer with, to name the likely mistake.
/// Slips are made from the same symbolic rules as explanations (each op's
/// pullback, each f'), not written per lesson.
public struct Slip: Sendable, Equatable {
    /// Which rule the slip breaks.
    public enum Kind: Sendable, Equatable {
        /// f'(x) left out, or taken at the output (here or up the chain).
        case localDerivative
        /// One path of a fan-out only.
        case fanOut
        /// Another factor of a chain-rule product left out.
        case factor
        /// p given for p − e_y after softmax and log.
        case softmaxTarget
        /// A term of a definition left out.
        case term
        /// A step with + instead of −.
        case update
        /// Sign, transpose, a factor 2 or N.
        case shapeOrScale
    }

    /// What went wrong, for the student: "forgot σ'(z): z̄ = ȳ · σ'(z), not ȳ".
    public var description: String
    public var value: Tensor
    public var kind: Kind

    public init(_ description: String, _ value: Tensor, kind: Kind) {
        self.description = description
        self.value = value
        self.kind = kind
    }
}

extension Graph {
    /// Plausible wrong answers for node `id`'s error signal (after a backward).
    public func gradientSlips(of id: NodeID, renderer: FormulaRenderer) -> [Slip] {
        gradientSlips(of: id, renderer: renderer, upstreamDepth: 2)
    }

    /// The slips of a local derivative (f'(x) left out, or taken at the output),
    /// here or up to `depth` consumers up the chain: w̄ = z̄ · x with z̄'s σ'(z)
    /// forgotten is the same slip as in z̄ itself.
    private func derivativeSlips(of id: NodeID, renderer: FormulaRenderer, depth: Int) -> [Slip] {
        gradientSlips(of: id, renderer: renderer, upstreamDepth: depth).filter { $0.kind == .localDerivative }
    }

    private func gradientSlips(of id: NodeID, renderer: FormulaRenderer, upstreamDepth: Int) -> [Slip] {
        guard let g = gradient(of: id), let root = lastBackwardRoot, id != root else { return [] }
        let v = renderer.name(id), vbar = renderer.gradientLabel(id)
        var slips: [Slip] = []
        let chain = chainPaths(into: id)
        let consumers = chain.consumers, paths = chain.paths
        // Fan-out: one path only.
        if paths.count > 1 {
            for (i, path) in paths.enumerated() {
                let others = paths.enumerated().filter { $0.offset != i }.map { renderer.name($0.element.consumer) }
                let missing = paths.enumerated().filter { $0.offset != i }
                    .map { renderer.render($0.element.formula) }.joined(separator: " + ")
                slips.append(Slip("missed the fan-out: \(v) also feeds \(others.joined(separator: ", ")), so \(vbar) adds "
                                  + "\(missing) to \(renderer.render(path.formula))",
                                  path.formula.evaluate(in: self), kind: .fanOut))
            }
        }
        // Each local derivative f'(x): left out, or evaluated at the output f(x) instead of x.
        for (i, path) in paths.enumerated() {
            var seen: [Formula] = []
            path.formula.forEachSubformula { sub in
                guard case let .derivative(f, x) = sub, !seen.contains(sub) else { return }
                seen.append(sub)
                let rest = paths.enumerated().filter { $0.offset != i }.map(\.element.formula)
                func total(_ f: Formula) -> Tensor {
                    rest.reduce(f) { .apply(.add, [$0, $1]) }.evaluate(in: self)
                }
                let shown = renderer.render(sub)
                let withoutFactor = path.formula.mapBottomUp { $0 == sub ? .scalar(1) : $0 }
                slips.append(Slip("forgot \(shown): \(vbar) = \(renderer.render(path.formula)); the error signal must be "
                                  + "multiplied by the local derivative \(shown)", total(withoutFactor), kind: .localDerivative))
                let output = Formula.apply(.function(f), [x])
                let atOutput = path.formula.mapBottomUp { $0 == sub ? .derivative(f, output) : $0 }
                let outputName = renderer.render(output.expandingDerivatives(naming: consumers, in: self))
                slips.append(Slip("evaluated \(f.symbol)' at the output \(outputName) instead of at \(renderer.render(x)): "
                                  + "\(shown) = \(renderer.render(Formula.derivative(f, x).expandingDerivatives(naming: consumers, in: self)))",
                                  total(atOutput), kind: .localDerivative))
            }
        }
        // A local derivative forgotten further up the chain, carried down this path.
        if upstreamDepth > 0 {
            for (i, path) in paths.enumerated() {
                let rest = paths.enumerated().filter { $0.offset != i }.map(\.element.formula)
                for upstream in derivativeSlips(of: path.consumer, renderer: renderer, depth: upstreamDepth - 1) {
                    let wrong = Formula.literal(upstream.value, label: nil)
                    let carried = path.formula.mapBottomUp { $0 == .gradient(path.consumer) ? wrong : $0 }
                    let total = rest.reduce(carried) { .apply(.add, [$0, $1]) }
                    slips.append(Slip(upstream.description, total.evaluate(in: self), kind: .localDerivative))
                }
            }
        }
        // Softmax followed by log (cross-entropy): the softmax output p given for p − e_y.
        for c in 0..<count where ops[c] == .softmax && input0[c] == id {
            if (0..<count).contains(where: { ops[$0] == .logSoftmax && input0[$0] == c }) {
                slips.append(Slip("gave p = softmax(\(v)) for the gradient; with cross-entropy it is p − e_y "
                                  + "(subtract the one-hot target)", value(of: c), kind: .softmaxTarget))
            }
        }
        // Any other factor of a path's product left out (the x of z̄ · x, the 3x² + 2 of a chain).
        for (i, path) in paths.enumerated() {
            let factors = path.formula.productFactors
            guard factors.count > 1 else { continue }
            let rest = paths.enumerated().filter { $0.offset != i }.map(\.element.formula)
            for (k, factor) in factors.enumerated() {
                if case .gradient = factor { continue }
                if case .derivative = factor { continue }
                let kept = factors.enumerated().filter { $0.offset != k }.map(\.element)
                let product = kept.dropFirst().reduce(kept[0]) { .apply(.multiply, [$0, $1]) }
                let total = rest.reduce(product) { .apply(.add, [$0, $1]) }.evaluate(in: self)
                slips.append(Slip("left out the factor \(renderer.render(factor)): \(vbar) = \(renderer.render(path.formula))",
                                  total, kind: .factor))
            }
        }
        slips += Self.shapeAndScaleSlips(of: g, meanSizes: meanSizes(below: root))
        return slips
    }

    /// Plausible wrong answers for node `id`'s value: a term of its definition left
    /// out, or a term of the definition of a quantity it is computed from, one level
    /// down (h = σ(W⁽¹⁾x) for σ(z⁽¹⁾) with z⁽¹⁾ = W⁽¹⁾x + b⁽¹⁾).
    public func valueSlips(of id: NodeID, renderer: FormulaRenderer) -> [Slip] {
        let v = value(of: id)
        var slips: [Slip] = []
        if let def = definition(of: id) {
            for (term, without) in Self.termsLeftOut(of: def) {
                slips.append(Slip("left out the term \(renderer.render(term)) of \(renderer.render(def))",
                                  without.evaluate(in: self), kind: .term))
            }
            // One level down only through an activation, σ(z) or tanh(z): the
            // quantity a student writes out in full there is its pre-activation.
            var inputs: [NodeID] = []
            def.forEachSubformula { sub in
                guard case let .apply(.function, args) = sub else { return }
                for case .node(let c) in args where !inputs.contains(c) { inputs.append(c) }
            }
            for c in inputs {
                guard let inner = definition(of: c) else { continue }
                for (term, without) in Self.termsLeftOut(of: inner) {
                    let wrong = def.mapBottomUp { $0 == .node(c) ? without : $0 }
                    let wrongValue = wrong.evaluate(in: self)
                    // A term that is zero here changes nothing: no slip to name.
                    guard wrongValue != v else { continue }
                    slips.append(Slip("left out the term \(renderer.render(term)) of \(renderer.name(c)) inside "
                                      + "\(renderer.name(id)) = \(renderer.render(def)): \(renderer.name(c)) = "
                                      + "\(renderer.render(inner))",
                                      wrongValue, kind: .term))
                }
            }
        }
        slips += Self.shapeAndScaleSlips(of: v, meanSizes: [])
        return slips
    }

    /// For each top-level term of a sum of two or more, the term and the sum without
    /// it, the other terms keeping their signs (leaving a out of a − b leaves −b).
    static func termsLeftOut(of def: Formula) -> [(term: Formula, without: Formula)] {
        let terms = def.additiveTerms
        guard terms.count > 1 else { return [] }
        return terms.enumerated().map { i, term in
            let rest = terms.enumerated().filter { $0.offset != i }.map(\.element)
            let first = rest[0].negated ? Formula.apply(.negate, [rest[0].formula]) : rest[0].formula
            let sum = rest.dropFirst().reduce(first) { acc, t in .apply(t.negated ? .subtract : .add, [acc, t.formula]) }
            return (term.formula, sum)
        }
    }

    /// Sign, transpose, and the factors a dropped ½ or 1/N leaves.
    public static func shapeAndScaleSlips(of t: Tensor, meanSizes: [Int]) -> [Slip] {
        var slips = [Slip("wrong sign", t.map { -$0 }, kind: .shapeOrScale)]
        // A vector given as a row is read as a column: only a matrix can be transposed by mistake.
        if !t.shape.isVector {
            let what = t.shape.rows == t.shape.columns
                ? "transposed: rows and columns swapped (your entry (i, j) is the answer's (j, i))"
                : "transposed: the answer has the shape of the transpose"
            slips.append(Slip(what, t.transposed, kind: .shapeOrScale))
        }
        slips.append(Slip("a factor of 2 too large: dropped the ½ (the derivative of ½u² is u, not 2u)", t.map { 2 * $0 }, kind: .shapeOrScale))
        slips.append(Slip("a factor of 2 too small: the derivative of u² is 2u", t.map { $0 / 2 }, kind: .shapeOrScale))
        for n in Set(meanSizes) where n > 1 {
            slips.append(Slip("a factor of \(n) too large: dropped the 1/N of the mean (N = \(n))", t.map { $0 * Double(n) }, kind: .shapeOrScale))
            slips.append(Slip("a factor of \(n) too small: divided by N = \(n) once too often", t.map { $0 / Double(n) }, kind: .shapeOrScale))
        }
        return slips
    }

    /// The sizes averaged over by `mean` ops that `root` depends on.
    func meanSizes(below root: NodeID) -> [Int] {
        let reach = ancestors(of: root)
        return (0..<count).filter { reach[$0] && ops[$0] == .mean }.map { shapes[input0[$0]].count }
    }
}

extension Formula {
    /// Calls `body` on this formula and every subformula, parents first.
    func forEachSubformula(_ body: (Formula) -> Void) {
        body(self)
        switch self {
        case .node, .literal, .gradient: break
        case .apply(_, let args): args.forEach { $0.forEachSubformula(body) }
        case .derivative(_, let x), .scatter(let x, _, _, _): x.forEachSubformula(body)
        }
    }

    /// The factors of a top-level elementwise product (itself when it is not one).
    var productFactors: [Formula] {
        if case let .apply(.multiply, args) = self { return args[0].productFactors + args[1].productFactors }
        return [self]
    }

    /// The top-level terms of a sum, each with whether it is subtracted.
    var additiveTerms: [(formula: Formula, negated: Bool)] {
        switch self {
        case let .apply(.add, args): args[0].additiveTerms + args[1].additiveTerms
        case let .apply(.subtract, args): args[0].additiveTerms + args[1].additiveTerms.map { ($0.formula, !$0.negated) }
        default: [(self, false)]
        }
    }
}
