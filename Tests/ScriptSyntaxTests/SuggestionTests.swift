import Testing
@testable import ScriptSyntax

@Suite struct SuggestionTests {
    @Test(arguments: [
        ("shwo", "show"),
        ("shw", "show"),
        ("Show", "show"),
        ("SHOW", "show"),
        ("bakward", "backward"),
        ("backwrd", "backward"),
        ("bckwrd", "backward"),
        ("explian", "explain"),
        ("gradchek", "gradcheck"),
        ("nmaes", "names"),
        ("rest", "reset"),
        ("hlep", "help"),
    ])
    func closeCommands(_ typo: String, _ expected: String) {
        #expect(Suggestions.closest(to: typo, among: Keywords.commands) == expected)
    }

    @Test(arguments: ["sh", "xyz", "sigmoid", "", "bkwrd"])
    func nothingClose(_ word: String) {
        #expect(Suggestions.closest(to: word, among: Keywords.commands) == nil)
    }

    @Test func shortWordsNeedAShareOfCharacters() {
        // One character: only a case-insensitive match counts.
        #expect(Suggestions.closest(to: "x", among: ["t", "b"]) == nil)
        #expect(Suggestions.closest(to: "l", among: ["t", "L"]) == "L")
        #expect(Suggestions.closest(to: "W3", among: ["b1", "W1", "W2"]) == "W1")
    }

    @Test func distanceLimitDependsOnLength() {
        // Length 4: at most 1.
        #expect(Suggestions.closest(to: "abcd", among: ["abxy"]) == nil)
        #expect(Suggestions.closest(to: "abcd", among: ["abxd"]) == "abxd")
        // Length 5: at most 2.
        #expect(Suggestions.closest(to: "abcde", among: ["abxye"]) == "abxye")
        #expect(Suggestions.closest(to: "abcde", among: ["axyze"]) == nil)
    }

    @Test func exactCaseInsensitiveMatchIsPreferred() {
        #expect(Suggestions.closest(to: "ETA", among: ["eta2", "beta", "eta"]) == "eta")
    }

    @Test func closestWinsThenFirstListed() {
        #expect(Suggestions.closest(to: "epochz", among: ["epoch", "epochs"]) == "epoch")
        #expect(Suggestions.closest(to: "epochx", among: ["epochs", "epochy"]) == "epochs")
        #expect(Suggestions.closest(to: "seeds", among: ["speed", "seed"]) == "seed")
    }

    @Test func damerauLevenshteinDistance() {
        #expect(Suggestions.distance("kitten", "sitting") == 3)
        #expect(Suggestions.distance("abc", "acb") == 1)
        #expect(Suggestions.distance("ca", "abc") == 3)
        #expect(Suggestions.distance("", "abc") == 3)
        #expect(Suggestions.distance("same", "same") == 0)
        #expect(Suggestions.distance("\u{03B7}", "\u{03B7}1") == 1)
    }
}
