import Foundation
import Testing

/// The re-cut of commands into units kept every output byte for byte: these transcripts (in
/// Tests/Golden, outside any target) were recorded from the program before it, then the
/// intended changes checked in (JSON errors gained `"code"`, a bare `shwo` gained "did you
/// mean 'show'?"). `commands.bp` runs every command with its options; `errors.bp` every
/// option error and most run-time errors.
@Suite struct GoldenOutputTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Golden")

    static func file(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    @Test("eval text and JSON output, stderr and exit code match the recorded transcripts",
          arguments: ["commands", "errors"])
    func transcript(_ name: String) throws {
        let script = try Self.file(name + ".bp")
        let text = try bptutor("eval", "-", input: script)
        #expect(text.stdout + "exit \(text.status)\n" == (try Self.file(name + ".stdout.txt")))
        #expect(text.stderr == (try Self.file(name + ".stderr.txt")))
        let json = try bptutor("eval", "--json", "-", input: script)
        #expect(json.stdout + "exit \(json.status)\n" == (try Self.file(name + ".json.txt")))
    }
}
