import Foundation
import Testing
import TestSupport

/// `bptutor lint`: per ask, located, what would make grading unfair for some students.
@Suite struct LintCommandTests {
    static let lesson = """
        title "Lint fixture"
        step "One"
        w = random(0.2, 0.9, digits=2)
        y = w * 3.7
        show y
        step "Two"
        ask q1 y "What is y?"
        ask q2 w * 0.001 "What is w/1000?"
        ask q3 w * 3 "What is 3w?"

        """

    @Test("findings are located per ask, with how many variants meet them; exit 1")
    func findings() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("fixture.lesson", Self.lesson)
        let r = try bptutor("lint", path, "--students", "20")
        #expect(r.status == 1)
        let lines = r.stdoutLines
        #expect(lines.count == 3, "\(r.stdout)")
        #expect(lines[0].hasPrefix("\(path):7:5: q1: an earlier step already shows the answer ("), "\(lines[0])")
        #expect(lines[1].hasPrefix("\(path):8:5: q2: an entry is so small that the 1e-4 floor widens the tolerance "
                                   + "(21 of 21 variants, e.g. (default), s1, s2)"), "\(lines[1])")
        #expect(lines[2] == "lint: 1 lesson, the default numbers and 20 student ids: 2 findings")

        let json = try bptutor("lint", path, "--students", "5", "--json")
        #expect(json.status == 1)
        let objects = try json.stdoutLines.map { try jsonObject($0) }
        #expect(objects.compactMap { ($0["lint"] as? [String: Any])?["problem"] as? String } == ["shown-earlier", "tiny-answer"])
        #expect((objects.last?["summary"] as? [String: Any])?["findings"] as? Int == 2)
    }

    @Test("the shipped lessons lint clean; a broken lesson exits 2")
    func shippedLessons() throws {
        let r = try bptutor("lint", "03-logistic-least-squares", "07-chain-rule", "--students", "50")
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout == "lint: 2 lessons, the default numbers and 50 student ids: no findings\n")
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let broken = try dir.write("broken.lesson", "title \"B\"\nz = (\n")
        #expect(try bptutor("lint", broken).status == 2)
    }
}
