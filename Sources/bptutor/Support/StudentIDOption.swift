import ArgumentParser
import TutorScript

/// `--seed ID`, read the one way every command reads it: surrounding white space
/// trimmed and case folded (`S1 ` and `s1` are one student, with one variant and one
/// saved progress); an empty id is an error, not "no seed".
enum StudentIDOption {
    static func transform(_ raw: String) throws -> String {
        guard let id = StudentSeed.normalized(raw) else {
            throw ValidationError("--seed needs a student id (any text, such as s1042); this one is empty")
        }
        return id
    }
}
