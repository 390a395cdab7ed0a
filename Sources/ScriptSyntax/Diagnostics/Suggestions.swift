/// "Did you mean ...?": the closest word among candidates, by Damerau–Levenshtein distance.
public enum Suggestions {
    /// The candidate closest to `word`, ignoring case, or nil when nothing is close.
    ///
    /// A candidate equal to `word` ignoring case wins outright. Otherwise a candidate is close
    /// when its distance is at most 1 (at most 2 when `word` has 5 or more characters) and
    /// smaller than the length of `word` (so `x` does not suggest `t`). Ties go to the
    /// candidate listed first.
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let target = Array(word.lowercased())
        guard !target.isEmpty else { return nil }
        if let exact = candidates.first(where: { $0.lowercased() == word.lowercased() }) {
            return exact
        }
        let limit = min(target.count >= 5 ? 2 : 1, target.count - 1)
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let d = distance(target, Array(candidate.lowercased()))
            if d <= limit, d < (best?.distance ?? Int.max) {
                best = (candidate, d)
            }
        }
        return best?.candidate
    }

    /// The note "did you mean 'X'?" for the closest candidate (written as `format` gives it,
    /// e.g. `help X`), or nil when nothing is close: the one wording of every suggestion.
    public static func note(for word: String, among candidates: [String],
                            format: (String) -> String = { $0 }) -> String? {
        closest(to: word, among: candidates).map { didYouMean(format($0)) }
    }

    /// "did you mean 'X'?"
    public static func didYouMean(_ suggestion: String) -> String {
        "did you mean '\(suggestion)'?"
    }

    /// The optimal-string-alignment Damerau–Levenshtein distance: insertions, deletions,
    /// substitutions and transpositions of adjacent characters each cost 1.
    public static func distance(_ a: String, _ b: String) -> Int {
        distance(Array(a), Array(b))
    }

    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Three rows of the dynamic-programming table: i-2, i-1, i.
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var row = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var d = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d = min(d, beforePrevious[j - 2] + 1)
                }
                row[j] = d
            }
            (beforePrevious, previous, row) = (previous, row, beforePrevious)
        }
        return previous[b.count]
    }
}
