import Testing
import Terminal

@Suite struct InputLinesTests {
    @Test func singleLineIsItself() {
        #expect(InputLines.split("a = 1") == ["a = 1"])
    }

    @Test func emptyInputIsOneEmptyLine() {
        #expect(InputLines.split("") == [""])
    }

    @Test func pastedBlockIsSplitIntoLines() {
        #expect(InputLines.split("x = 1\ny = x + 2\nshow y") == ["x = 1", "y = x + 2", "show y"])
    }

    @Test func finalNewlineDoesNotAddAnEmptyLine() {
        #expect(InputLines.split("x = 1\ny = 2\n") == ["x = 1", "y = 2"])
        #expect(InputLines.split("\n") == [""])
    }

    @Test func emptyLinesInsideABlockAreKept() {
        #expect(InputLines.split("a\n\nb") == ["a", "", "b"])
        #expect(InputLines.split("a\n\n") == ["a", ""])
    }

    @Test func crlfAndLoneCarriageReturnEndLines() {
        #expect(InputLines.split("a\r\nb\r\n") == ["a", "b"])
        #expect(InputLines.split("a\rb") == ["a", "b"])
        #expect(InputLines.split("a\r\r\nb") == ["a", "", "b"])
    }

    @Test func unicodeSurvives() {
        #expect(InputLines.split("é = 1\nπ = 3.14") == ["é = 1", "π = 3.14"])
    }
}
