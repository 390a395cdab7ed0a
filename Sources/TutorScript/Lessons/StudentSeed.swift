import TutorStore

/// A student id (any text) as the seed of their variant of a lesson: FNV-1a of the
/// id as matched (see `normalized`), so the same student gets the same numbers on
/// every machine, whether their id was typed `S1`, `s1` or ` s1 `.
public enum StudentSeed {
    public static func seed(for id: String) -> UInt64 {
        FNV1a.hash((normalized(id) ?? "").utf8)
    }

    /// The id as it is matched: white space around it trimmed and letters folded to
    /// lower case; nil when nothing is left (an empty id names no student).
    public static func normalized(_ id: String) -> String? {
        let trimmed = id.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed()
        return trimmed.isEmpty ? nil : String(trimmed).lowercased()
    }
}
