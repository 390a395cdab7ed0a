import Foundation
import Testing

/// The files in `Tests/Fixtures` (see its README), shared by several test targets
/// so that each fixture lesson and script is written once.
public enum SharedFixture {
    public static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The text of `Tests/Fixtures/NAME`; a missing file fails the test that asked for it.
    public static func text(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let url = folder.appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing test fixture \(url.path)", sourceLocation: sourceLocation)
            return ""
        }
        return text
    }
}
