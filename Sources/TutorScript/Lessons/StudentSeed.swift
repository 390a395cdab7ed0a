import TutorStore

/// A student id (any text) as the seed of their variant of a lesson: FNV-1a,
/// so the same id gives the same numbers on every machine.
public enum StudentSeed {
    public static func seed(for id: String) -> UInt64 {
        FNV1a.hash(id.utf8)
    }
}
