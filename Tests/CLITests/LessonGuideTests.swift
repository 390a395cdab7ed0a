import Foundation
import Testing
import TestSupport

/// The instructor's guide holds: the complete example of Lessons/README.md runs, and
/// its answers file scores what the guide says (all 4).
@Suite struct LessonGuideTests {
    static let guide = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Lessons/README.md")

    /// The fenced blocks after the heading `title`, in order.
    static func blocks(after title: String) throws -> [String] {
        let text = try String(contentsOf: guide, encoding: .utf8)
        let section = try #require(text.components(separatedBy: "## " + title).dropFirst().first)
        let parts = section.components(separatedBy: "```")
        return stride(from: 1, to: parts.count, by: 2).map { String(parts[$0].drop(while: { $0 != "\n" }).dropFirst()) }
    }

    @Test("the complete example's answers file scores 4 of 4")
    func completeExample() throws {
        let blocks = try Self.blocks(after: "A complete example")
        try #require(blocks.count >= 2)
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let lesson = try dir.write("example.lesson", blocks[0])
        let answers = try dir.write("answers.txt", blocks[1])
        let run = try bptutor("run", lesson)
        #expect(run.status == 0, "\(run.stderr)")
        let check = try bptutor("check", lesson, answers)
        #expect(check.status == 0, "\(check.stdout)")
        #expect(check.stdout.hasPrefix("check example: 4 of 4 correct"), "\(check.stdout)")
    }
}
