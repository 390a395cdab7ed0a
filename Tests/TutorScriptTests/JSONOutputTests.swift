import Foundation
import Testing
import TutorStore
import BackpropCore
import ScriptSyntax
@testable import TutorScript

/// `--json` objects, as exact serialized strings (the contract's "JSON output").
@Suite struct JSONOutputTests {
    @Test("show: number for 1×1, flat list for n×1, list of rows otherwise; grad null before backward")
    func show() {
        var s = Session()
        s.ok("w = 0.5\nv = [1, 2.5]\nW = [[1, 2], [3, 4]]\nr = [[1, 2, 3]]")
        #expect(s.json("show w") == [#"{"show": {"w": {"shape": [1, 1], "value": 0.5, "grad": null}}}"#])
        #expect(s.json("show v") == [#"{"show": {"v": {"shape": [2, 1], "value": [1, 2.5], "grad": null}}}"#])
        #expect(s.json("show W") == [#"{"show": {"W": {"shape": [2, 2], "value": [[1, 2], [3, 4]], "grad": null}}}"#])
        #expect(s.json("show r") == [#"{"show": {"r": {"shape": [1, 3], "value": [[1, 2, 3]], "grad": null}}}"#])
        #expect(s.json("show w v") == [
            #"{"show": {"w": {"shape": [1, 1], "value": 0.5, "grad": null}, "v": {"shape": [2, 1], "value": [1, 2.5], "grad": null}}}"#,
        ])
        s.ok("L = sum(W @ v) * w\nbackward L")
        #expect(s.json("show w v W L r") == [
            #"{"show": {"w": {"shape": [1, 1], "value": 0.5, "grad": 19}, "v": {"shape": [2, 1], "value": [1, 2.5], "grad": [2, 3]}, "#
            + #""W": {"shape": [2, 2], "value": [[1, 2], [3, 4]], "grad": [[0.5, 1.25], [0.5, 1.25]]}, "#
            + #""L": {"shape": [1, 1], "value": 9.5, "grad": 1}, "r": {"shape": [1, 3], "value": [[1, 2, 3]], "grad": null}}}"#,
        ])
        // A name given twice is one key.
        #expect(s.json("show w w") == [#"{"show": {"w": {"shape": [1, 1], "value": 0.5, "grad": 19}}}"#])
    }

    @Test("numbers in shortest round-trip form")
    func numbers() {
        var s = Session()
        #expect(s.json("0.1") == [#"{"value": {"shape": [1, 1], "value": 0.1}}"#])
        #expect(s.json("1/3") == [#"{"value": {"shape": [1, 1], "value": 0.3333333333333333}}"#])
        #expect(s.json("-4") == [#"{"value": {"shape": [1, 1], "value": -4}}"#])
        #expect(s.json("1e-20") == [#"{"value": {"shape": [1, 1], "value": 1e-20}}"#])
        #expect(s.json("0.1 + 0.2") == [#"{"value": {"shape": [1, 1], "value": 0.30000000000000004}}"#])
        #expect(s.json("2^60") == [#"{"value": {"shape": [1, 1], "value": 1.152921504606847e18}}"#])
        // Every number reads back as the same Double.
        for x in [0.1, 1.0 / 3, -2.5e-300, 123456789.123, 1e21, Double.leastNonzeroMagnitude] {
            let line = JSONValue.number(x).serialized
            #expect(Double(line) == x, "\(line)")
        }
    }

    @Test("value objects")
    func values() {
        var s = Session()
        #expect(s.json("[1, 2]") == [#"{"value": {"shape": [2, 1], "value": [1, 2]}}"#])
        #expect(s.json("[[1, 2], [3, 4]] @ [1, 1]") == [#"{"value": {"shape": [2, 1], "value": [3, 7]}}"#])
        #expect(s.json("transpose([1, 2])") == [#"{"value": {"shape": [1, 2], "value": [[1, 2]]}}"#])
    }

    @Test("error objects: message with its notes, line, column, code")
    func errors() throws {
        var s = Session()
        s.ok("z = 1")
        let d = try s.failure("\n\n  zz + 1")
        #expect(JSONOutput.error(d).serialized
                == #"{"error": {"message": "unknown name 'zz'; did you mean 'z'?", "line": 3, "column": 3, "code": "unknown-name"}}"#)
        let plain = try s.failure("v = [1, 2] + [1, 2, 3]")
        #expect(JSONOutput.error(plain).serialized
                == #"{"error": {"message": "cannot apply '+' to 2×1 and 3×1: elementwise operands must have the same shape, or one must be 1×1", "line": 1, "column": 5, "code": "shape-mismatch"}}"#)
    }

    @Test("acknowledgements print nothing; other results are objects")
    func acknowledgementsAndOthers() throws {
        var s = Session()
        #expect(s.json("w = 2\nz = w * 3\nbackward z\nset digits 3") == [])
        #expect(s.json("set") == [#"{"settings": {"digits": "3", "notation": "canonical"}}"#])
        #expect(s.json("names") == [
            #"{"names": [{"name": "w", "shape": [1, 1], "leaf": true, "definition": null}, "#
            + #"{"name": "z", "shape": [1, 1], "leaf": false, "definition": "w · 3"}]}"#,
        ])
        #expect(s.json("explain z") == [
            #"{"explain": {"name": "z", "gradient": false, "quantity": "z", "steps": ["w · 3", "2 · 3", "6"], "contributions": [], "note": null, "value": 6}}"#,
        ])
        guard let gc = s.json("gradcheck z").first else {
            Issue.record("no gradcheck line")
            return
        }
        #expect(gc.hasPrefix(#"{"gradcheck": {"name": "z", "eps": 0.0001, "max_relative_error": "#))
        #expect(gc.contains(#""passed": true, "entries": [{"leaf": "w", "index": [1, 1], "backprop": 3, "numeric": "#))
    }

    @Test("strings are escaped")
    func escaping() {
        #expect(JSONValue.string("a \"b\" \\ c\nd\te\u{1}").serialized == #""a \"b\" \\ c\nd\te\u0001""#)
        #expect(JSONValue.string("z̄ · σ'(z) − 1").serialized == "\"z̄ · σ'(z) − 1\"")
        var s = Session()
        let help = s.json("help names")
        #expect(help == [#"{"help": "names lists every bound quantity: its shape, whether a leaf, its definition."}"#])
        let multiline = s.json("help show").first ?? ""
        #expect(multiline.contains(#"reaches it,\nits gradient"#))
        #expect(!multiline.contains("\n"))
    }

    @Test("every JSON line parses with JSONSerialization")
    func parses() throws {
        var s = Session()
        let lines = s.json(CommandTests.lecture + "\nbackward Lreg\nshow\nexplain w.grad\ngradcheck Lreg\nnames\nset\nhelp\nlog(0)\nnope")
        #expect(lines.count == 8)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            #expect(object is [String: Any], "\(line)")
        }
    }
}
