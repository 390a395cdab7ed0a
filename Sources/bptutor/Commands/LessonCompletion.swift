import ArgumentParser
import TutorScript

/// Shell completion of a LESSON argument (`bptutor open ⇥`): the ids of the lessons in the
/// lessons folder (see `LessonCatalog.directory`), the same ids `bptutor lessons` lists.
/// The generated bash, zsh and fish scripts call back into `bptutor` for these.
enum LessonCompletion {
    /// Every lesson id, sorted.
    static func ids(in directory: String = LessonCatalog.directory()) -> [String] {
        LessonCatalog.lessonPaths(in: directory).compactMap { path in
            path.split(separator: "/").last.map { String($0.dropLast(".lesson".count)) }
        }
    }

    /// The ids that start with the word being completed.
    static func candidates(prefix: String, in directory: String = LessonCatalog.directory()) -> [String] {
        ids(in: directory).filter { $0.hasPrefix(prefix) }
    }

    /// For `@Argument(completion:)`.
    static let kind = CompletionKind.custom { _, _, prefix in candidates(prefix: prefix) }
}
