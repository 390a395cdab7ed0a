import Testing
import Terminal

@Suite struct CompletionRulesTests {
    @Test func keepsOnlyCandidatesStartingWithTheWordSortedAndUnique() {
        let matches = LineEditor.completionMatches(for: "s", from: ["show", "sigmoid(", "tanh(", "show", "", "sum("])
        #expect(matches == ["show", "sigmoid(", "sum("])
    }

    @Test func emptyWordMatchesEverything() {
        #expect(LineEditor.completionMatches(for: "", from: ["b", "a"]) == ["a", "b"])
    }

    @Test func noSpaceAfterOpeningBracketOrDot() {
        #expect(LineEditor.completionKeepsCursorAttached("sigmoid("))
        #expect(LineEditor.completionKeepsCursorAttached("W1["))
        #expect(LineEditor.completionKeepsCursorAttached("W1."))
        #expect(!LineEditor.completionKeepsCursorAttached("show"))
        #expect(!LineEditor.completionKeepsCursorAttached("W1.grad"))
    }

    @Test func wordBreaksSuitTheLanguage() {
        for character in " \t\n()[],=+-*/@^" {
            #expect(LineEditor.wordBreakCharacters.contains(character))
        }
        #expect(!LineEditor.wordBreakCharacters.contains("."))
        #expect(!LineEditor.wordBreakCharacters.contains("_"))
    }
}
