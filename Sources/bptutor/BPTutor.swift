import ArgumentParser

@main
struct BPTutor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bptutor",
        abstract: "A terminal tutor for backpropagation: step through the lectures' worked examples.",
        discussion: """
        Type a computation graph and watch every value and error signal:
          z = w*x + b;  y = sigmoid(z);  L = 0.5*(y - t)^2;  backward L;  explain z.grad
        Run 'bptutor repl' for the interactive REPL, 'bptutor eval FILE' for scripts.
        """,
        version: BPTutorVersion.string,
        subcommands: [LessonsCommand.self, OpenCommand.self, RunCommand.self, CheckCommand.self, GradeCommand.self, LintCommand.self, ReplCommand.self, EvalCommand.self, ProgressCommand.self])

    /// ArgumentParser's own `main`, except that bad usage exits 2 as the contract
    /// says (ArgumentParser uses 64, EX_USAGE).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            guard exitCode(for: error) == .validationFailure else { exit(withError: error) }
            Console().error(fullMessage(for: error) + "\n")
            exit(withError: ExitCode(2))
        }
    }

    func run() throws {
        // On a terminal: the lesson picker, full screen. Otherwise: the lesson list.
        if TerminalCheck.isInteractive {
            try FullScreenTutor.run(initial: .picker, seed: nil, present: false)
        } else {
            let console = Console()
            defer { console.flush() }
            try LessonList.print(console: console, json: false)
        }
    }
}

enum BPTutorVersion {
    static let string = "bptutor 0.1.0"
}
