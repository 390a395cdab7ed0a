import Testing
import Terminal

/// A line source that replays a script and records the prompts it was shown.
final class ScriptedSource: LineSource {
    var script: [LineInput]
    var prompts: [String] = []

    init(_ script: [LineInput]) { self.script = script }

    func read(prompt: String) -> LineInput {
        prompts.append(prompt)
        return script.isEmpty ? .endOfInput : script.removeFirst()
    }
}

/// A toy interpreter: a chunk with more `[` than `]` is incomplete, `quit` quits.
func bracketInterpreter(_ log: Log) -> (ReplChunk) -> ReplStatus {
    { chunk in
        log.chunks.append(chunk)
        let opens = chunk.text.filter { $0 == "[" }.count
        let closes = chunk.text.filter { $0 == "]" }.count
        if opens > closes { return .needMore }
        return chunk.text == "quit" ? .quit : .done
    }
}

final class Log {
    var chunks: [ReplChunk] = []
    var texts: [String] { chunks.map(\.text) }
}

@Suite struct ReplDriverTests {
    @Test func runsEachLineUntilEndOfInput() {
        let source = ScriptedSource([.line("a = 1"), .line("show a")])
        let log = Log()
        let end = ReplDriver(source: source).run(bracketInterpreter(log))
        #expect(end == .endOfInput(incomplete: nil))
        #expect(log.texts == ["a = 1", "show a"])
        #expect(source.prompts == ["bptutor> ", "bptutor> ", "bptutor> "])
    }

    @Test func pastedBlockRunsLineByLine() {
        let source = ScriptedSource([.line("x = 1\ny = 2\r\nshow x y\n")])
        let log = Log()
        _ = ReplDriver(source: source).run(bracketInterpreter(log))
        #expect(log.texts == ["x = 1", "y = 2", "show x y"])
        #expect(log.chunks.map(\.firstLine) == [1, 2, 3])
    }

    @Test func needMoreReadsWithTheContinuationPrompt() {
        let source = ScriptedSource([.line("W = [[1, 2],"), .line("     [3, 4]]"), .line("show W")])
        let log = Log()
        _ = ReplDriver(source: source).run(bracketInterpreter(log))
        #expect(log.texts == ["W = [[1, 2],", "W = [[1, 2],\n     [3, 4]]", "show W"])
        #expect(source.prompts == ["bptutor> ", "    ...> ", "bptutor> ", "bptutor> "])
        #expect(log.chunks.map(\.firstLine) == [1, 1, 3])
    }

    @Test func continuationInsideAPaste() {
        let source = ScriptedSource([.line("v = [1,\n2]\nshow v")])
        let log = Log()
        _ = ReplDriver(source: source).run(bracketInterpreter(log))
        #expect(log.texts == ["v = [1,", "v = [1,\n2]", "show v"])
    }

    @Test func promptsLineUp() {
        #expect(ReplPrompts.standard.primary.count == ReplPrompts.standard.continuation.count)
    }

    @Test func quitStopsImmediatelyEvenMidPaste() {
        let source = ScriptedSource([.line("a = 1\nquit\nnever = 1"), .line("never = 2")])
        let log = Log()
        let end = ReplDriver(source: source).run(bracketInterpreter(log))
        #expect(end == .quit)
        #expect(log.texts == ["a = 1", "quit"])
        #expect(source.script == [.line("never = 2")])
    }

    @Test func blankLinesBetweenCommandsAreSkipped() {
        let source = ScriptedSource([.line(""), .line("   "), .line("a = 1\n\n\nb = 2")])
        let log = Log()
        _ = ReplDriver(source: source).run(bracketInterpreter(log))
        #expect(log.texts == ["a = 1", "b = 2"])
        #expect(log.chunks.map(\.firstLine) == [3, 6])
    }

    @Test func blankLinesInsideAnUnfinishedCommandArePassedOn() {
        let source = ScriptedSource([.line("s = [1,"), .line(""), .line("2]")])
        let log = Log()
        _ = ReplDriver(source: source).run(bracketInterpreter(log))
        #expect(log.texts == ["s = [1,", "s = [1,\n", "s = [1,\n\n2]"])
    }

    @Test func interruptDropsTheUnfinishedCommand() {
        let source = ScriptedSource([.line("m = [1,"), .interrupted, .line("n = 2")])
        let log = Log()
        _ = ReplDriver(source: source).run(bracketInterpreter(log))
        #expect(log.texts == ["m = [1,", "n = 2"])
        #expect(source.prompts == ["bptutor> ", "    ...> ", "bptutor> ", "bptutor> "])
    }

    @Test func endOfInputReportsAnUnfinishedCommand() {
        let source = ScriptedSource([.line("ok = 1"), .line("m = [1,"), .line("2,")])
        let log = Log()
        let end = ReplDriver(source: source).run(bracketInterpreter(log))
        #expect(end == .endOfInput(incomplete: ReplChunk(text: "m = [1,\n2,", firstLine: 2)))
    }

    @Test func customPrompts() {
        let source = ScriptedSource([.line("[")])
        let driver = ReplDriver(source: source, prompts: ReplPrompts(primary: "> ", continuation: ". "))
        _ = driver.run(bracketInterpreter(Log()))
        #expect(source.prompts == ["> ", ". "])
        #expect(driver.linesRead == 1)
    }

    @Test func plainReaderDrivesTheRepl() {
        let pipe = Pipe()
        pipe.write("a = [1,\r\n2]\n\nquit\nignored\n")
        pipe.closeWriteEnd()
        defer { pipe.closeReadEnd() }
        let log = Log()
        let end = ReplDriver(source: PlainLineReader(fileDescriptor: pipe.readEnd)).run(bracketInterpreter(log))
        #expect(end == .quit)
        #expect(log.texts == ["a = [1,", "a = [1,\n2]", "quit"])
    }
}
