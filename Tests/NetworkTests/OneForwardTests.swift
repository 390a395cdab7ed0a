import Foundation
import Testing
@testable import BackpropCore

/// One forward pass for networks: the per-sample forward (`predict [x]`, `step`) is the
/// batch kernels on one row, so it gives the bits `train`, `predict` and `accuracy` give;
/// the tape and the kernels share one softmax.
@Suite struct OneForwardTests {
    @Test("the digits net 64-32-10: every sample's per-sample output equals its batched row, to the bit",
          arguments: [Activation.sigmoid, .relu])
    func perSampleEqualsBatched(hidden: Activation) throws {
        let data = try loadCSV(lessonDataPath("digits.csv"), targets: .classes(10))
        let spec = try NetworkSpec(sizes: [64, 32, 10], hidden: hidden, output: .softmax, loss: .xent)
        let net = Network(spec: spec)
        let batched = try Evaluation.predict(net, data: data)
        #expect(batched.rows == data.count && batched.columns == 10)
        var differing = 0
        for i in 0..<data.count {
            let one = Evaluation.predict(net, input: Array(data.input(i)))
            for k in 0..<10 where one[k].bitPattern != batched.storage[i * 10 + k].bitPattern { differing += 1 }
        }
        #expect(differing == 0, "\(differing) of \(data.count * 10) outputs differ")
        // The tape (what 'show' prints after 'sample K') on a few samples: the same bits too.
        var graph = Graph()
        let nodes = try NetworkBuilder.install(net, into: &graph)
        var tapeDiffering = 0
        for i in Swift.stride(from: 0, to: data.count, by: 97) {
            graph.setLeaf(nodes.input, to: Tensor(column: Array(data.input(i))))
            let a = graph.value(of: nodes.activations.last!)
            for k in 0..<10 where a.storage[k].bitPattern != batched.storage[i * 10 + k].bitPattern { tapeDiffering += 1 }
        }
        #expect(tapeDiffering == 0, "\(tapeDiffering) tape outputs differ from the batched ones")
    }

    @Test("the tape's softmax and the batch kernels' are the same bits, lse included")
    func oneSoftmax() {
        let z: [Double] = [0.3, -1.7, 2.25, 1e-3, -40, 700]
        var tape = [Double](repeating: 0, count: z.count), rows = [Double](repeating: 0, count: z.count)
        let lse = z.withUnsafeBufferPointer { Softmax.forward(&tape, z: $0.baseAddress!, z.count) }
        z.withUnsafeBufferPointer { zp in
            rows.withUnsafeMutableBufferPointer { ActivationKernels.apply(.softmax, zp.baseAddress!, $0.baseAddress!, rows: 1, columns: z.count) }
        }
        #expect(tape.map(\.bitPattern) == rows.map(\.bitPattern))
        let m = z.max()!
        #expect(abs(lse - (m + log(z.map { exp($0 - m) }.reduce(0, +)))) == 0)
        #expect(abs(tape.reduce(0, +) - 1) < 1e-15 && tape.allSatisfy { $0 >= 0 })
        // No finite maximum: e^(z − lse), NaN where it must be.
        var out = [Double](repeating: 0, count: 2)
        _ = [Double.infinity, 0].withUnsafeBufferPointer { Softmax.forward(&out, z: $0.baseAddress!, 2) }
        #expect(out[0].isNaN && out[1] == 0)
    }
}
