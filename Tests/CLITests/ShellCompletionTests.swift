import Foundation
import Testing
import TestSupport

/// The bash, zsh and fish scripts from `--generate-completion-script` complete lesson ids
/// for `open`, `run`, `check` and `repl`, by calling back into bptutor.
@Suite struct ShellCompletionTests {
    /// A lessons folder with two lessons.
    static func lessons() throws -> TemporaryDirectory {
        let dir = TemporaryDirectory()
        _ = try dir.write("01-first.lesson", "title \"First\"\n")
        _ = try dir.write("02-second.lesson", "title \"Second\"\n")
        _ = try dir.write("notes.txt", "not a lesson\n")
        return dir
    }

    @Test("the custom completion returns the catalog's lesson ids for each lesson argument")
    func customCompletion() throws {
        let dir = try Self.lessons()
        defer { dir.remove() }
        let binary = try BPTutorBinary.require()
        for command in ["open", "run", "check", "repl"] {
            let all = try bptutor("---completion", command, "--", "positional@0", "2", "0", binary, command, "",
                                  environment: ["BPTUTOR_LESSONS": dir.path])
            #expect(all.status == 0, "\(command): \(all.stderr)")
            #expect(all.stdoutLines == ["01-first", "02-second"], "\(command)")
            let some = try bptutor("---completion", command, "--", "positional@0", "2", "2", binary, command, "02",
                                   environment: ["BPTUTOR_LESSONS": dir.path])
            #expect(some.stdoutLines == ["02-second"], "\(command)")
        }
    }

    @Test("the generated scripts call the custom completion of open, run and check")
    func scriptsReferenceIt() throws {
        for shell in ["bash", "zsh", "fish"] {
            let script = try bptutor("--generate-completion-script", shell)
            #expect(script.status == 0)
            for command in ["open", "run", "check"] {
                #expect(script.stdout.contains("---completion \(command) -- positional@0"), "\(shell) \(command)")
            }
        }
    }

    @Test("bash: sourcing the script and completing 'bptutor run 0' offers the lesson ids")
    func bashCompletes() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else { return }
        let dir = try Self.lessons()
        defer { dir.remove() }
        let binary = try BPTutorBinary.require()
        let script = try bptutor("--generate-completion-script", "bash")
        let scriptPath = try dir.write("bptutor.bash", script.stdout)
        for (line, expected) in [("run 0", ["01-first", "02-second"]), ("open 02", ["02-second"]),
                                 ("check 01", ["01-first"])] {
            let words = [binary] + line.split(separator: " ").map(String.init)
            let program = """
                source \(scriptPath)
                COMP_WORDS=(\(words.map { "'\($0)'" }.joined(separator: " ")))
                COMP_CWORD=\(words.count - 1)
                COMP_LINE='\(words.joined(separator: " "))'
                COMP_POINT=${#COMP_LINE}
                _bptutor
                printf '%s\\n' "${COMPREPLY[@]}"
                """
            let r = try runProcess("/bin/bash", ["-c", program], environment: ["BPTUTOR_LESSONS": dir.path])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(r.stdoutLines.sorted() == expected, "bptutor \(line)⇥: \(r.stdoutLines) \(r.stderr)")
        }
    }
}
