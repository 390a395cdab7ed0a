import Testing
@testable import ScriptSyntax

/// The network, data and training commands' own small grammars.
@Suite struct NetworkCommandTests {
    static let forms: [(String, String)] = [
        ("net 2-2-1", "<net 2-2-1>"),
        ("net 2-2-1 hidden=sigmoid output=sigmoid loss=squared", "<net 2-2-1 hidden=sigmoid output=sigmoid loss=squared>"),
        ("net 64-32-16-10 act=relu,relu,softmax seed=7", "<net 64-32-16-10 act=relu,relu,softmax seed=7>"),
        ("data", "<data>"),
        ("data xor", "<data xor>"),
        ("data xor features=product", "<data xor features=product>"),
        ("data load digits.csv classes=10", "<data load digits.csv classes=10>"),
        ("data load data/two targets.csv", "<data load data/two>"),
        ("data load \"my data.csv\" targets=2", "<data load my data.csv targets=2>"),
        ("train epochs=1000 eta=0.5", "<train epochs=1000 eta=0.5>"),
        ("train epochs=10 eta=0.1 mode=minibatch batch=8 seed=3 lambda=0.01",
         "<train epochs=10 eta=0.1 mode=minibatch batch=8 seed=3 lambda=0.01>"),
        ("step", "<step>"),
        ("step sample=2 eta=0.5", "<step sample=2 eta=0.5>"),
        ("perceptron", "<perceptron>"),
        ("perceptron epochs=20", "<perceptron epochs=20>"),
        ("perceptron step", "<perceptron step>"),
        ("perceptron reset", "<perceptron reset>"),
        ("predict", "<predict>"),
        ("predict [0, 1]", "<predict [0, 1]>"),
        ("accuracy", "<accuracy>"),
        ("sample 3", "<sample 3>"),
        ("notation", "<notation>"),
        ("notation grosse", "<notation grosse>"),
        ("grid size=24", "<grid size=24>"),
        ("losses", "<losses>"),
    ]

    @Test(arguments: forms)
    func parses(_ form: (String, String)) throws {
        if form.0 == "data load data/two targets.csv" {
            // A path with a space must be quoted: the rest is read as options.
            #expect(try onlyDiagnostic(form.0).message.hasPrefix("expected '=' after 'targets'"))
            return
        }
        #expect(rendered(try statement(form.0)) == form.1)
    }

    /// `step(z)` is still the function; `step` alone is the command.
    @Test func stepIsBothFunctionAndCommand() throws {
        #expect(rendered(try statement("step(0.5)")).hasPrefix("step("))
        #expect(rendered(try statement("y = step(z)")) == "y = step(z)")
        #expect(rendered(try statement("step eta=1")) == "<step eta=1>")
    }

    @Test func errors() throws {
        let badSizes = try onlyDiagnostic("net 2-x-1")
        #expect(badSizes.message == "layer sizes are whole numbers joined by '-', as in 2-3-1; '2-x-1' is not")
        #expect(badSizes.span.start.column == 5)
        #expect(try onlyDiagnostic("net 3").message == "a network needs at least an input and an output layer, as in 2-1")
        let unknown = try onlyDiagnostic("train epochs=10 eta=1 epoch=3")
        #expect(unknown.message == "unknown option 'epoch'")
        #expect(unknown.notes.first == "did you mean 'epochs'?")
        #expect(try onlyDiagnostic("sample").message == "sample takes a sample number, as in 'sample 3'")
        #expect(try onlyDiagnostic("net = 3").message == "'net' is a command and cannot be used as a name")
    }
}
