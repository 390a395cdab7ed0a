import Foundation
import Testing
import ScriptSyntax
@testable import TutorScript

/// Tab completion read from the commands' schemas (the one function the REPL, the lesson
/// mode and the screen's command bar call).
@Suite struct CompletionTests {
    func session() -> Session {
        var s = Session()
        s.ok("alpha = 1\nbeta = alpha * 2")
        return s
    }

    @Test("a line's first word: commands, bound names, functions with '(', and the front end's words")
    func firstWord() {
        let s = session()
        #expect(s.interpreter.completions(for: "s", lineBefore: "").contains("show"))
        #expect(s.interpreter.completions(for: "sigm", lineBefore: "") == ["sigmoid("])
        #expect(s.interpreter.completions(for: "al", lineBefore: "") == ["alpha"])
        #expect(s.interpreter.completions(for: "q", lineBefore: "", extra: ["quit"]) == ["quit"])
        // An assignment's right side is not a command line: the same words.
        #expect(s.interpreter.completions(for: "be", lineBefore: "z = ") == ["beta"])
    }

    @Test("show ⇥ offers bound names, not commands or functions")
    func showOffersNames() {
        let s = session()
        #expect(s.interpreter.completions(for: "", lineBefore: "show ") == ["alpha", "beta"])
        #expect(s.interpreter.completions(for: "", lineBefore: "show alpha ") == ["alpha", "beta"])
        #expect(s.interpreter.completions(for: "s", lineBefore: "show ").isEmpty)
        #expect(s.interpreter.completions(for: "b", lineBefore: "explain ") == ["beta"])
        #expect(s.interpreter.completions(for: "beta.", lineBefore: "explain ") == ["beta.grad"])
        #expect(s.interpreter.completions(for: "al", lineBefore: "show beta.grad ") == ["alpha"])
        #expect(s.interpreter.completions(for: "", lineBefore: "explain beta ").isEmpty)
        #expect(s.interpreter.completions(for: "", lineBefore: "backward beta ").isEmpty)
        #expect(s.interpreter.completions(for: "", lineBefore: "gradcheck beta ") == ["eps="])
    }

    @Test("train e⇥ offers epochs= and eta=; options already given are not offered again")
    func trainOptions() {
        let s = session()
        #expect(s.interpreter.completions(for: "e", lineBefore: "train ") == ["epochs=", "eta="])
        #expect(s.interpreter.completions(for: "e", lineBefore: "train epochs=100 ") == ["eta="])
        #expect(s.interpreter.completions(for: "", lineBefore: "train ")
                == TrainSyntax.schema.options.map { $0.name + "=" }.sorted())
        // After key= (readline breaks words at '='): the option's values.
        #expect(s.interpreter.completions(for: "", lineBefore: "train mode=") == ["batch", "minibatch", "sgd"])
        #expect(s.interpreter.completions(for: "s", lineBefore: "train epochs=5 mode=") == ["sgd"])
        #expect(s.interpreter.completions(for: "", lineBefore: "train eta=").isEmpty)
    }

    @Test("every command's options complete from its schema")
    func everyCommandsOptions() {
        let s = session()
        let argumentsFirst: [String: String] = ["gradcheck": "beta ", "net": "2-2-1 ", "data": "load f.csv ",
                                                "ask": "q1 ", "plot": "sigmoid(s) for s in -4..4 "]
        for schema in CommandTable.all where !schema.options.isEmpty {
            let line = schema.keyword + " " + (argumentsFirst[schema.keyword] ?? "")
            let offered = s.interpreter.completions(for: "", lineBefore: line)
            if schema.keyword == "ask" { continue }  // after the id comes an expression, then text
            for option in schema.options {
                #expect(offered.contains(option.name + "="), "\(line)⇥ should offer \(option.name)=: \(offered)")
            }
        }
        #expect(s.interpreter.completions(for: "h", lineBefore: "net 2-2-1 ") == ["hidden="])
        #expect(s.interpreter.completions(for: "re", lineBefore: "net 2-2-1 hidden=") == ["relu"])
        #expect(s.interpreter.completions(for: "x", lineBefore: "net 2-2-1 loss=") == ["xent"])
        #expect(s.interpreter.completions(for: "", lineBefore: "perceptron ") == ["epochs=", "reset", "step"])
        #expect(s.interpreter.completions(for: "", lineBefore: "grid ") == ["size="])
        #expect(s.interpreter.completions(for: "sigm", lineBefore: "plot ") == ["sigmoid("])
        #expect(s.interpreter.completions(for: "f", lineBefore: "plot sigmoid(z) ") == ["for"])
        #expect(s.interpreter.completions(for: "", lineBefore: "plot sigmoid(z) for z in ").isEmpty)
        #expect(s.interpreter.completions(for: "p", lineBefore: "plot sigmoid(z) for z in -4..4 ") == ["points="])
    }

    @Test("data ⇥ offers the built-in sets, load, and the CSV files; a built-in set then takes features=")
    func dataSets() throws {
        let s = session()
        #expect(s.interpreter.completions(for: "n", lineBefore: "data ") == ["nand", "nor"])
        let dir = try Self.folderWithData()
        defer { try? FileManager.default.removeItem(at: dir) }
        var hooks = InterpreterHooks()
        hooks.baseDirectory = dir.path
        let interpreter = Interpreter(hooks: hooks)
        #expect(interpreter.completions(for: "", lineBefore: "data ")
                == ["and", "data/", "load", "nand", "nor", "or", "ring.csv", "xor"])
        #expect(interpreter.completions(for: "r", lineBefore: "data ") == ["ring.csv"])
        #expect(interpreter.completions(for: "data/", lineBefore: "data ") == ["data/xor.csv"])
        // A file named without `load` takes the file options, as after `data load`.
        #expect(interpreter.completions(for: "", lineBefore: "data ring.csv ")
                == ["classes=", "features=", "targets="])
        #expect(s.interpreter.completions(for: "", lineBefore: "data xor ") == ["features="])
        #expect(s.interpreter.completions(for: "", lineBefore: "data xor features=") == ["product"])
    }

    @Test("data load ⇥ offers the CSV files and folders beside the script")
    func dataFiles() throws {
        let dir = try Self.folderWithData()
        defer { try? FileManager.default.removeItem(at: dir) }
        var hooks = InterpreterHooks()
        hooks.baseDirectory = dir.path
        let interpreter = Interpreter(hooks: hooks)
        #expect(interpreter.completions(for: "", lineBefore: "data load ") == ["data/", "ring.csv"])
        #expect(interpreter.completions(for: "r", lineBefore: "data load ") == ["ring.csv"])
        #expect(interpreter.completions(for: "data/", lineBefore: "data load ") == ["data/xor.csv"])
        #expect(interpreter.completions(for: "", lineBefore: "data load ring.csv ")
                == ["classes=", "features=", "targets="])
    }

    /// A temporary folder with ring.csv, notes.txt, .hidden.csv and data/xor.csv.
    static func folderWithData() throws -> URL {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("bptutor-completion-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("data"), withIntermediateDirectories: true)
        for file in ["ring.csv", "notes.txt", ".hidden.csv", "data/xor.csv"] {
            try "1,0\n".write(to: dir.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        return dir
    }

    @Test("notation ⇥ and set notation ⇥ offer the notations; help ⇥ the topics; set ⇥ the settings")
    func notationsTopicsSettings() {
        let s = session()
        let notations = Notation.allCases.map(\.rawValue).sorted()
        #expect(s.interpreter.completions(for: "", lineBefore: "notation ") == notations)
        #expect(s.interpreter.completions(for: "g", lineBefore: "notation ") == ["grosse"])
        #expect(s.interpreter.completions(for: "", lineBefore: "set notation ") == notations)
        #expect(s.interpreter.completions(for: "", lineBefore: "set ") == ["digits", "notation"])
        #expect(s.interpreter.completions(for: "tr", lineBefore: "help ") == ["train", "transpose"])
        #expect(s.interpreter.completions(for: "sigm", lineBefore: "help ") == ["sigmoid"])
        #expect(s.interpreter.completions(for: "", lineBefore: "say ").isEmpty)
        #expect(s.interpreter.completions(for: "sigm", lineBefore: "predict ") == ["sigmoid("])
    }
}
