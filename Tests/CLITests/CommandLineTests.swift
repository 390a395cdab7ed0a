import Foundation
import Testing
import TestSupport

/// The program's own options: help, version, usage errors, the bare command.
@Suite struct CommandLineTests {
    @Test("--help lists the subcommands; exit 0")
    func help() throws {
        let r = try bptutor("--help")
        #expect(r.status == 0)
        #expect(r.stdout.contains("USAGE: bptutor <subcommand>"))
        #expect(r.stdout.contains("repl"))
        #expect(r.stdout.contains("eval"))
        #expect(r.stderr == "")
        #expect(try bptutor("-h").stdout == r.stdout)
    }

    @Test("--version")
    func version() throws {
        let r = try bptutor("--version")
        #expect(r.status == 0)
        #expect(r.stdout.range(of: #"^bptutor \d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(r.stdout)")
    }

    /// The subcommands the root help lists.
    static func subcommands() throws -> [String] {
        let help = try bptutor("--help").stdout
        guard let section = help.components(separatedBy: "SUBCOMMANDS:").last else { return [] }
        return section.components(separatedBy: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let word = line.split(separator: " ").first,
                  word.allSatisfy({ $0.isLowercase || $0 == "-" }) else { return nil }
            return String(word)
        }
    }

    @Test("every subcommand has --help")
    func subcommandHelp() throws {
        let names = try Self.subcommands()
        #expect(names.contains("eval"))
        #expect(names.contains("repl"))
        for name in names {
            let r = try runProcess(try BPTutorBinary.require(), [name, "--help"])
            #expect(r.status == 0, "\(name) --help")
            #expect(r.stdout.contains("USAGE: bptutor \(name)"), "\(name) --help: \(r.stdout)")
            let viaHelp = try runProcess(try BPTutorBinary.require(), ["help", name])
            #expect(viaHelp.status == 0)
            #expect(viaHelp.stdout == r.stdout, "bptutor help \(name)")
        }
    }

    @Test("bad usage exits 2 with a message on stderr", arguments: [
        ["eval", "--bogus"],
        ["eval", "a.bp", "b.bp"],
        ["nosuchcommand"],
        ["--bogus"],
        ["repl", "one", "two"],
        ["check", "only-a-lesson"],
    ])
    func badUsage(_ arguments: [String]) throws {
        let r = try runProcess(try BPTutorBinary.require(), arguments)
        #expect(r.status == 2, "\(arguments)")
        #expect(r.stdout == "")
        #expect(r.stderr.hasPrefix("Error: "), "\(r.stderr)")
        #expect(r.stderr.contains("Usage: bptutor"))
    }

    @Test("bptutor with no arguments and no terminal prints the lesson list, exit 0")
    func bareCommand() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("b-second.lesson", "title \"Second\"\nstep \"One\"\nw = 1\nstep \"Two\"\nw = 2\n")
        _ = try dir.write("a-first.lesson", "title \"First lesson\"\nw = 1\n")
        let r = try bptutor(environment: ["BPTUTOR_LESSONS": dir.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdoutLines == ["a-first   First lesson  1 step", "b-second  Second        2 steps"])
        let piped = try bptutor(input: "w = 1\nshow w\n", environment: ["BPTUTOR_LESSONS": dir.path])
        #expect(piped.stdout == r.stdout)
    }
}
