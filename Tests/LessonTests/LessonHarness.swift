#if canImport(Glibc)
import Glibc
#endif
import BackpropCore
import ScriptSyntax
import Testing
@testable import TutorScript

/// Loads and runs a shipped lesson headless, for tests that compare its
/// quantities and exercises with independent computations.
struct LessonHarness {
    let lesson: Lesson
    let result: LessonRunner.Result

    /// `Lessons/ID.lesson` of this package, run with the variant of `student` (nil: the default numbers).
    init(_ id: String, student: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = Self.lessonsDirectory + "/" + id + ".lesson"
        let text = try #require(Self.read(path), "cannot read \(path)", sourceLocation: sourceLocation)
        switch Lesson.parse(SourceFile(name: path, text: text), path: path) {
        case .success(let lesson):
            self.lesson = lesson
        case .failure(let error):
            let rendered = error.diagnostics.map { DiagnosticRenderer.render($0, in: error.source) }.joined()
            Issue.record("lesson \(id) does not parse:\n\(rendered)", sourceLocation: sourceLocation)
            throw HarnessError.broken
        }
        var errors: [String] = []
        let lesson = self.lesson
        result = LessonRunner.run(lesson, seed: lesson.variantSeed(for: student)) { event in
            if case .error(let d) = event { errors.append(DiagnosticRenderer.render(d, in: lesson.source)) }
        }
        #expect(errors.isEmpty, "lesson \(id) reported errors:\n\(errors.joined())", sourceLocation: sourceLocation)
    }

    enum HarnessError: Error { case broken }

    /// The value of a bound quantity at the end of the lesson.
    func value(_ name: String) throws -> Tensor {
        let id = try #require(result.interpreter.graph.bindings[name], "no quantity \(name)")
        return result.interpreter.graph.value(of: id)
    }

    func gradient(_ name: String) throws -> Tensor? {
        let id = try #require(result.interpreter.graph.bindings[name], "no quantity \(name)")
        return result.interpreter.graph.gradient(of: id)
    }

    /// The exercise with this id (its expected value is what the lesson computed at the ask).
    func exercise(_ id: String) throws -> Exercise {
        try #require(result.exercises.first { $0.id == id }, "no exercise \(id)")
    }

    static var lessonsDirectory: String {
        // Tests/LessonTests/LessonHarness.swift → package root → Lessons
        var path = #filePath
        for _ in 0..<3 { path = String(path[..<path.lastIndex(of: "/")!]) }
        return path + "/Lessons"
    }

    static func read(_ path: String) -> String? {
        guard let file = fopen(path, "r") else { return nil }
        defer { fclose(file) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = fread(&buffer, 1, buffer.count, file)
            if n <= 0 { break }
            bytes += buffer[0..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// |a − b| ≤ 1e-9 · max(1, |b|) entry by entry.
func expectClose(_ a: Tensor?, _ b: Tensor, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let a else {
        Issue.record("nil instead of \(b.storage)", sourceLocation: sourceLocation)
        return
    }
    #expect(a.shape == b.shape, comment, sourceLocation: sourceLocation)
    guard a.shape == b.shape else { return }
    for k in 0..<a.count {
        #expect(abs(a.storage[k] - b.storage[k]) <= 1e-9 * max(1, abs(b.storage[k])),
                "entry \(k): \(a.storage[k]) vs \(b.storage[k]) \(comment?.description ?? "")",
                sourceLocation: sourceLocation)
    }
}

func expectClose(_ a: Tensor?, _ b: Double, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    expectClose(a, Tensor(scalar: b), comment, sourceLocation: sourceLocation)
}
