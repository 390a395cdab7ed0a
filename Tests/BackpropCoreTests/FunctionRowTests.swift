import Testing
@testable import BackpropCore

/// Every elementwise function is one row of the function table: these tests
/// check each row is complete and right, and that the tape, the symbolic
/// engine and the batch kernels all compute it from the row. A new function
/// is covered here as soon as its case exists (`ElementwiseFunction.allCases`).
@Suite("function rows")
struct FunctionRowTests {
    /// Rows whose derivative reads best as f'(z) in explanations: no closed form.
    static let shownAsIs: Set<ElementwiseFunction> = [.relu, .abs]

    /// Points inside the function's domain and away from kinks (a finite
    /// difference stencil reaches at most ±1e-3·max(1, |z|)).
    static func points(_ f: ElementwiseFunction) -> [Double] {
        switch f {
        case .log, .sqrt: [0.4, 1.3, 2.2]
        default: [-1.7, -0.4, 0.6, 1.9]
        }
    }

    @Test("every row has a name, symbol, summary and glyph", arguments: ElementwiseFunction.allCases)
    func rowIsComplete(_ f: ElementwiseFunction) {
        #expect(f.name == f.rawValue, "the row's name is the case's name")
        #expect(!f.symbol.isEmpty)
        #expect(!f.summary.isEmpty)
        #expect(!f.glyph(unicode: true).isEmpty)
        #expect(!f.glyph(unicode: false).isEmpty)
        let ascii = f.glyph(unicode: false).unicodeScalars.allSatisfy { $0.isASCII }
        #expect(ascii, "the ASCII glyph is ASCII")
        #expect(f.closedFormDerivative(of: .scalar(1)) != nil || Self.shownAsIs.contains(f),
                "\(f) has a closed-form derivative, or is listed as shown as f'(z)")
    }

    @Test("the derivative agrees with finite differences", arguments: ElementwiseFunction.allCases)
    func derivativeMatchesFiniteDifferences(_ f: ElementwiseFunction) {
        for z in Self.points(f) {
            let numeric = finiteDifference([z], 0) { f.apply($0[0]) }
            expectClose(f.derivative(at: z, output: f.apply(z)), numeric, relative: fdTolerance, floor: fdFloor,
                        "\(f)'(\(z))")
            expectClose(f.apply(z), Ref.apply(f, z), relative: 1e-12, "\(f)(\(z)) against plain math")
        }
    }

    @Test("the closed form evaluates to the derivative", arguments: ElementwiseFunction.allCases)
    func closedFormMatchesDerivative(_ f: ElementwiseFunction) {
        for z in Self.points(f) {
            var g = Graph()
            let x = g.addLeaf(Tensor(scalar: z))
            let expected = f.derivative(at: z, output: f.apply(z))
            #expect(Formula.derivative(f, .node(x)).evaluate(in: g).scalar == expected)
            guard let closed = f.closedFormDerivative(of: .node(x)) else { continue }
            expectClose(closed.evaluate(in: g).scalar, expected, relative: 1e-12, "closed form of \(f)'(\(z))")
        }
    }

    @Test("the tape's forward and backward compute the row", arguments: ElementwiseFunction.allCases)
    func tapeUsesTheRow(_ f: ElementwiseFunction) throws {
        let zs = Self.points(f)
        var g = Graph()
        let z = g.addLeaf(Tensor(rows: zs.count, columns: 1, storage: zs))
        let y = try g.addOp(.function(f), [z])
        let loss = try g.addOp(.sum, [y])
        try g.backward(from: loss)
        let gradient = try #require(g.gradient(of: z))
        for (k, zk) in zs.enumerated() {
            expectIdentical(g.value(of: y).storage[k], f.apply(zk), "\(f)(\(zk)) on the tape")
            expectIdentical(gradient.storage[k], f.derivative(at: zk, output: f.apply(zk)), "\(f)'(\(zk)) on the tape")
        }
    }

    @Test("the batch kernels compute the row bit for bit", arguments: ElementwiseFunction.allCases)
    func kernelsUseTheRow(_ f: ElementwiseFunction) {
        let z = Self.points(f)
        var a = [Double](repeating: .nan, count: z.count)
        var delta = z.indices.map { 0.25 + Double($0) }
        let signal = delta
        z.withUnsafeBufferPointer { zp in
            a.withUnsafeMutableBufferPointer { ap in
                ActivationKernels.apply(f, zp.baseAddress!, ap.baseAddress!, count: z.count)
            }
            a.withUnsafeBufferPointer { ap in
                delta.withUnsafeMutableBufferPointer { dp in
                    ActivationKernels.multiplyDerivative(f, z: zp.baseAddress!, a: ap.baseAddress!,
                                                         delta: dp.baseAddress!, count: z.count)
                }
            }
        }
        for k in z.indices {
            expectIdentical(a[k], f.apply(z[k]), "kernel \(f)(\(z[k]))")
            expectIdentical(delta[k], signal[k] * f.derivative(at: z[k], output: a[k]), "kernel \(f)'(\(z[k]))")
        }
    }

    @Test("every activation's diagram glyph comes from its row")
    func activationGlyphs() {
        for a in Activation.allCases {
            for unicode in [true, false] {
                #expect(!a.glyph(unicode: unicode).isEmpty)
                if let f = a.elementwise { #expect(a.glyph(unicode: unicode) == f.glyph(unicode: unicode)) }
            }
        }
        #expect(Activation.sigmoid.glyph(unicode: true) == "σ")
        #expect(Activation.sigmoid.glyph(unicode: false) == "sig")
        #expect(Activation.identity.glyph(unicode: true) == "id")
        #expect(Activation.softmax.glyph(unicode: true) == "smax")
        #expect(Activation.relu.glyph(unicode: true) == "relu")
    }
}
