import ArgumentParser
import ScriptSyntax
import TutorScript

/// Finds, reads and validates a lesson for a subcommand; on failure prints why
/// (located diagnostics for a broken lesson) and exits 2, before anything runs.
enum LessonLoading {
    /// With `seed`, the lesson is also run once silently (default numbers and that
    /// variant) so that a runtime error fails it before anything is shown. With `json`
    /// a broken lesson's diagnostics are JSON error objects on stdout (see `report`).
    static func load(_ argument: String, console: Console, validatingWith seed: String?? = .none,
                     json: Bool = false) throws -> Lesson {
        let path: String
        switch LessonCatalog.resolve(argument) {
        case .path(let p): path = p
        case .notFound(let message):
            console.error("bptutor: error: \(message)\n")
            throw ExitCode(2)
        }
        let source: SourceFile
        do {
            source = try SourceLoading.load(path: path)
        } catch {
            console.error(SourceLoading.message(error))
            throw ExitCode(2)
        }
        switch Lesson.parse(source, path: path) {
        case .success(let lesson):
            if case .some(let student) = seed {
                let seeds = Array(Set([0, lesson.variantSeed(for: student)]))
                let problems = lesson.runtimeProblems(seeds: seeds)
                if !problems.isEmpty {
                    report(LessonError(source: lesson.source, diagnostics: problems), console: console, json: json)
                    throw ExitCode(2)
                }
            }
            return lesson
        case .failure(let error):
            report(error, console: console, json: json)
            throw ExitCode(2)
        }
    }

    /// Each diagnostic located in its file: rendered on stderr, or with `json` one
    /// `{"error": {…, "code": …, "file": …}}` line on stdout, as `eval --json` reports errors.
    static func report(_ error: LessonError, console: Console, json: Bool = false) {
        for d in error.diagnostics {
            if json {
                console.line(JSONOutput.error(d, file: error.source.name).serialized)
            } else {
                console.error(DiagnosticRenderer.render(d, in: error.source, color: console.colorDiagnostics))
            }
        }
    }

}
