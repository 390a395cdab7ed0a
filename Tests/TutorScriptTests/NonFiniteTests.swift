import Foundation
import Testing
import BackpropCore
@testable import TutorScript

/// NaN and infinities are values like any other: shown as NaN/Inf/-Inf, carried
/// in JSON as the strings "NaN"/"Infinity"/"-Infinity", never a crash.
@Suite struct NonFiniteTests {
    @Test("log(0), 0/0, exp(1000) as values", arguments: [
        ("log(0)", "-Inf", #""-Infinity""#),
        ("0/0", "NaN", #""NaN""#),
        ("exp(1000)", "Inf", #""Infinity""#),
        ("-exp(1000)", "-Inf", #""-Infinity""#),
        ("1/0", "Inf", #""Infinity""#),
        ("sqrt(-1)", "NaN", #""NaN""#),
        ("exp(1000) - exp(1000)", "NaN", #""NaN""#),
    ])
    func literalValues(_ expression: String, _ text: String, _ json: String) {
        var s = Session()
        #expect(s.text(expression) == text + "\n")
        #expect(s.json(expression) == [#"{"value": {"shape": [1, 1], "value": \#(json)}}"#])
    }

    @Test("the same through quantities, in show and in gradients")
    func throughQuantities() throws {
        var s = Session()
        s.ok("x = 0\ny = log(x)\nbackward y")
        #expect(try s.current("y").scalar == -.infinity)
        #expect(try s.gradient("x")?.scalar == .infinity)
        #expect(s.text("show y x") == """
            y = -Inf    ȳ = 1
            x = 0       x̄ = Inf

            """)
        #expect(s.json("show x y") == [
            #"{"show": {"x": {"shape": [1, 1], "value": 0, "grad": "Infinity"}, "y": {"shape": [1, 1], "value": "-Infinity", "grad": 1}}}"#,
        ])
        s.ok("n = x / x\nbackward n")
        #expect(try s.current("n").scalar.isNaN)
        #expect(s.text("show n") == "n = NaN    n̄ = 1\n")
        // explain and gradcheck with non-finite numbers say something, and do not crash.
        #expect(s.run("explain n\nexplain x.grad\ngradcheck n").errors.isEmpty)
    }

    @Test("vectors with non-finite entries")
    func vectors() throws {
        var s = Session()
        s.ok("v = [0, 1, 1000]\nu = log(v)\nw = exp(v)")
        #expect(s.json("show u") == [#"{"show": {"u": {"shape": [3, 1], "value": ["-Infinity", 0, 6.907755278982137], "grad": null}}}"#])
        #expect(s.json("w") == [#"{"value": {"shape": [3, 1], "value": [1, 2.718281828459045, "Infinity"]}}"#])
        #expect(s.text("u") == """
            [   -Inf ]
            [      0 ]
            [ 6.9078 ]

            """)
        // softmax stays finite where exp overflows.
        let p = try s.value("softmax(v)")
        #expect(p.storage.allSatisfy { $0.isFinite })
        expectClose(p.storage[2], 1, "softmax of a large entry")
        // sigmoid of large magnitudes: 0 and 1, no NaN; log(sigmoid) is fused and finite.
        #expect(try s.scalar("sigmoid(-1000)") == 0)
        #expect(try s.scalar("sigmoid(1000)") == 1)
        // The same for literals as for quantities (constants are folded on a scratch tape).
        #expect(try s.scalar("log(sigmoid(-1000))") == -1000)
        #expect(try s.value("[1, log(sigmoid(-1000))]") == Tensor(column: [1, -1000]))
        #expect(try s.value("log(softmax([0, 2000]))") == Tensor(column: [-2000, 0]))
        s.ok("z = -1000\nL = log(sigmoid(z))\nbackward L")
        expectClose(try s.gradient("z")?.scalar ?? .nan, 1, "d log σ(z)/dz at -1000")
    }

    @Test("a non-finite literal entry in a leaf, updated in place")
    func leafUpdate() throws {
        var s = Session()
        s.ok("a = 1\nb = 1 / a\na = 0")
        #expect(try s.current("b").scalar == .infinity)
        s.ok("a = -0.0")
        #expect(try s.current("b").scalar == -.infinity)
    }
}
