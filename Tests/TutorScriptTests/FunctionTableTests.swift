import Testing
import BackpropCore
import TutorScript

/// The language reads its functions from the engine's function table: every
/// row is a function with the row's name, op and help line, and evaluates
/// to the row's value.
@Suite("language function table")
struct FunctionTableTests {
    @Test("every function row is in the language, with its help", arguments: ElementwiseFunction.allCases)
    func everyRowIsAFunction(_ f: ElementwiseFunction) throws {
        let entry = try #require(Functions.lookup(f.name), "\(f.name) is a function of the language")
        #expect(entry.op == .function(f))
        #expect(entry.summary == f.summary)
        var s = Session()
        // `help step` is the command's topic; the function is in `help functions`.
        if !HelpText.topics.contains(where: { $0.name == f.name }) {
            #expect(s.ok("help \(f.name)") == [.help("\(f.name)(x): \(f.summary)")])
        }
        guard case .help(let all) = s.ok("help functions").first else {
            Issue.record("expected help")
            return
        }
        #expect(all.contains(f.summary), "help functions lists \(f.name)")
        let z = f == .log || f == .sqrt ? 1.5 : -0.75
        let value = try s.scalar("\(f.name)(\(z))")
        #expect(value == f.apply(z))
    }

    @Test("the function list starts with the rows, in table order")
    func rowOrder() {
        #expect(Array(Functions.names.prefix(ElementwiseFunction.allCases.count)) == ElementwiseFunction.allCases.map(\.name))
    }
}
