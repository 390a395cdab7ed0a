import Foundation
import Testing
import BackpropCore
import ScriptSyntax
@testable import TutorScript

/// Located, helpful diagnostics from the network commands; a failing command
/// leaves the session as it was.
@Suite struct NetworkErrorTests {
    static func expectError(_ s: inout Session, _ line: String, message: String, column: Int,
                            sourceLocation: SourceLocation = #_sourceLocation) throws {
        let d = try s.failure(line, sourceLocation: sourceLocation)
        #expect(d.message == message, sourceLocation: sourceLocation)
        #expect(d.span.start == SourcePosition(line: 1, column: column), "\(d.span)", sourceLocation: sourceLocation)
    }

    @Test("train, step, predict, accuracy, grid before net or data")
    func missingNetOrData() throws {
        var s = Session()
        let noNet = "no network yet: build one with 'net', as in 'net 2-2-1'"
        try Self.expectError(&s, "train epochs=10 eta=0.5", message: noNet, column: 1)
        try Self.expectError(&s, "step eta=0.5", message: noNet, column: 1)
        try Self.expectError(&s, "predict", message: noNet, column: 1)
        try Self.expectError(&s, "predict [0, 1]", message: noNet, column: 1)
        try Self.expectError(&s, "accuracy", message: noNet, column: 1)
        try Self.expectError(&s, "grid", message: noNet, column: 1)
        s.ok("net 2-2-1")
        let noData = "no data yet: 'data xor' or 'data load FILE.csv' first"
        try Self.expectError(&s, "train epochs=10 eta=0.5", message: noData, column: 1)
        try Self.expectError(&s, "  step sample=1 eta=0.5", message: noData, column: 3)
        try Self.expectError(&s, "sample 1", message: noData, column: 8)
        try Self.expectError(&s, "accuracy", message: noData, column: 1)
    }

    @Test("a network whose widths do not match the data")
    func mismatchedWidths() throws {
        var s = Session()
        s.ok("net 3-2-1\ndata xor")
        let d = try s.failure("train epochs=10 eta=0.5")
        #expect(d.message == "the network takes 3 inputs and gives 1 output, but xor has 2 inputs and 1 target")
        #expect(d.span.start == SourcePosition(line: 1, column: 1))
        #expect(try s.failure("step eta=1").message == d.message)
        #expect(try s.failure("accuracy").message == d.message)
        var out = Session()
        out.ok("net 2-2-2\ndata and")
        #expect(try out.failure("train epochs=1 eta=1").message
            == "the network takes 2 inputs and gives 2 outputs, but and has 2 inputs and 1 target")
        // x and t stay zero: data did not fit.
        #expect(try out.current("x").storage == [0, 0])
    }

    @Test("train without epochs or eta; bad mode, epochs, eta, lambda, seed, batch")
    func trainOptions() throws {
        var s = Session()
        s.ok("net 2-2-1\ndata xor")
        try Self.expectError(&s, "train eta=0.5", message: "train needs epochs=N, as in 'train epochs=1000 eta=0.5'",
                             column: 1)
        try Self.expectError(&s, "train epochs=10",
                             message: "train needs eta=E (the step size), as in 'train epochs=1000 eta=0.5'", column: 1)
        try Self.expectError(&s, "train epochs=10 eta=0.5 mode=online", message: "mode is batch, sgd or minibatch",
                             column: 30)
        try Self.expectError(&s, "train epochs=10 eta=0.5 mode=3", message: "mode takes batch, sgd or minibatch",
                             column: 30)
        try Self.expectError(&s, "train epochs=2.5 eta=0.5", message: "epochs is a whole number from 1 up", column: 14)
        try Self.expectError(&s, "train epochs=0 eta=0.5", message: "epochs is a whole number from 1 up", column: 14)
        try Self.expectError(&s, "train epochs=10 eta=0.5 mode=minibatch batch=0",
                             message: "batch is a whole number from 1 up", column: 46)
        let eta = try s.failure("train epochs=10 eta=-1")
        #expect(eta.message.hasPrefix("eta= must be a positive number"), "\(eta.message)")
        #expect(eta.span.start == SourcePosition(line: 1, column: 21))
        let zero = try s.failure("train epochs=10 eta=0")
        #expect(zero.message.hasPrefix("eta= must be a positive number"))
        let lambda = try s.failure("train epochs=10 eta=0.5 lambda=-0.1")
        #expect(lambda.message.hasPrefix("lambda= must be 0 or a positive number"), "\(lambda.message)")
        #expect(lambda.span.start == SourcePosition(line: 1, column: 32))
        let seed = try s.failure("train epochs=10 eta=0.5 mode=sgd seed=-3")
        #expect(seed.message.hasPrefix("seed is a whole number"))
        #expect(seed.span.start == SourcePosition(line: 1, column: 39))
        // A syntax error for an option train does not have.
        let r = s.run("train epochs=10 eta=0.5 epoch=3")
        #expect(r.errors.count == 1)
        #expect(r.errors.first?.notes.contains("did you mean 'epochs'?") == true, "\(r.errors.first?.notes ?? [])")
        // Nothing trained.
        #expect(s.interpreter.session.training == nil)
    }

    @Test("sample out of range, not whole; step sample out of range or without eta")
    func sampleErrors() throws {
        var s = Session()
        s.ok("net 2-2-1\ndata xor")
        try Self.expectError(&s, "sample 5", message: "sample 5 is out of range 1…4", column: 8)
        try Self.expectError(&s, "sample 0", message: "sample 0 is out of range 1…4", column: 8)
        try Self.expectError(&s, "sample 1.5", message: "a sample number is a whole number, as in 'sample 3'", column: 8)
        try Self.expectError(&s, "step sample=7 eta=0.5", message: "sample 7 is out of range 1…4", column: 13)
        try Self.expectError(&s, "step sample=2",
                             message: "step needs eta=E (the step size), as in 'step sample=1 eta=0.5'", column: 1)
        let eta = try s.failure("step eta=-2")
        #expect(eta.message.hasPrefix("eta= must be a positive number"), "\(eta.message)")
        #expect(eta.span.start.column == 10)     // at the value, as train does
        let classes = try s.failure("data load x.csv classes=99999")
        #expect(classes.message == "classes is a whole number from 1 to 10000, as in classes=2")
        // x and t still hold sample 1.
        #expect(try s.current("x").storage == [0, 0])
    }

    @Test("net: bad sizes, activations, losses, located at the option")
    func netErrors() throws {
        var s = Session()
        let act = try s.failure("net 2-2-1 hidden=sigmod")
        #expect(act.message.hasPrefix("unknown activation 'sigmod' in hidden="), "\(act.message)")
        #expect(act.span.start == SourcePosition(line: 1, column: 18))
        let loss = try s.failure("net 2-2-1 loss=xent")
        #expect(loss.message.hasPrefix("loss=xent needs output=softmax"), "\(loss.message)")
        #expect(loss.span.start == SourcePosition(line: 1, column: 16))
        let softmax = try s.failure("net 2-2-1 hidden=softmax")
        #expect(softmax.message.contains("softmax can only be the output layer's activation"), "\(softmax.message)")
        let count = try s.failure("net 2-2-1 act=relu")
        #expect(count.message.contains("act= names 1 activation"), "\(count.message)")
        #expect(count.span.start == SourcePosition(line: 1, column: 15))
        let both = try s.failure("net 2-2-1 act=relu,relu hidden=tanh")
        #expect(both.message == "give either act=F1,…,FL or hidden=/output=, not both")
        let seed = try s.failure("net 2-2-1 seed=1.5")
        #expect(seed.span.start == SourcePosition(line: 1, column: 16))
        #expect(s.interpreter.session.network == nil)
        // Rebinding a network name with another shape: commands say to run net again.
        s.ok("net 2-2-1\ndata xor\nW1 = [[1, 2, 3]]")
        let stale = try s.failure("train epochs=1 eta=1")
        #expect(stale.message.contains("were rebound since 'net'"), "\(stale.message)")
    }

    @Test("a failing command leaves the network, data and weights as they were")
    func failureKeepsSession() throws {
        var s = Session()
        s.ok("net 2-2-1 seed=4\ndata xor")
        let before = try s.weights(depth: 2)
        _ = s.run("train epochs=10 eta=0.5 lambda=-1")
        _ = s.run("step sample=9 eta=1")
        _ = s.run("data load /nonexistent/file.csv")
        let after = try s.weights(depth: 2)
        #expect(before.W == after.W && before.b == after.b)
        #expect(s.interpreter.session.data?.name == "xor")
    }
}
