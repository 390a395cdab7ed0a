import BackpropCore
import ScriptSyntax

/// `sample K`: put sample K (1-based) of the data into the network's x and t.
extension Interpreter {
    mutating func selectSample(_ expression: Expression) throws(Diagnostic) -> Output {
        let keyword = Identifier("sample", span: expression.span)
        let (_, data) = try networkAndData(keyword)
        let index = try sampleNumber(expression, count: data.count)
        session.network!.setSample(index, of: data, in: &graph)
        session.currentSample = index
        return .sampleSelected(index: index + 1, input: data.inputTensor(index), target: data.targetTensor(index))
    }

    /// The 0-based index of sample number `expression` (1-based, in 1…count).
    func sampleNumber(_ expression: Expression, count: Int) throws(Diagnostic) -> Int {
        guard let t = try constantValue(expression), t.isScalar, t.scalar == t.scalar.rounded() else {
            throw Diagnostic(ScriptMessage.sampleNotWhole, at: expression.span)
        }
        let k = t.scalar
        guard k >= 1, k <= Double(count) else {
            throw Diagnostic(ScriptMessage.sampleOutOfRange(NumberFormat.roundTrip(k), count: count), at: expression.span)
        }
        return Int(k) - 1
    }
}

extension TextOutput {
    /// `sample K`: the sample now in x and t.
    func sampleLines(index: Int, input: Tensor, target: Tensor) -> [String] {
        return ["sample \(index): x = \(compactVector(input.storage)), t = \(compactVector(target.storage))"]
    }
}
