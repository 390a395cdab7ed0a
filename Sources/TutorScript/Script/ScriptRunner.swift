import ScriptSyntax

/// Runs a whole source (a file, stdin, a pasted block): parses everything
/// first, so a syntax error anywhere stops the run before anything executes;
/// then executes statement by statement, going on after an error.
public enum ScriptRunner {
    public enum Event: Sendable {
        case output(Output)
        case error(Diagnostic)
    }

    public enum Outcome: Sendable, Equatable {
        /// The source did not parse; nothing ran.
        case syntaxErrors([Diagnostic])
        /// Everything ran; `failures` statements reported an error.
        case completed(failures: Int)
        /// Ctrl-C: the statement running then stopped (keeping what it reached) and no more ran.
        case interrupted

        /// The process exit code the contract gives: 0 ok, 1 a command failed, 2 unparseable
        /// input; 130 (128 + SIGINT) when interrupted, as shells expect.
        public var exitCode: Int32 {
            switch self {
            case .syntaxErrors: 2
            case .completed(let failures): failures == 0 ? 0 : 1
            case .interrupted: 130
            }
        }
    }

    /// Events carry the settings in force when they happened (digits for printing).
    public static func run(_ source: SourceFile, interpreter: inout Interpreter,
                           interrupted: () -> Bool = { false },
                           emit: (Event, Settings) -> Void) -> Outcome {
        let (statements, diagnostics) = Parser.parse(source)
        guard diagnostics.isEmpty else {
            diagnostics.forEach { emit(.error($0), interpreter.settings) }
            return .syntaxErrors(diagnostics)
        }
        var failures = 0
        for statement in statements {
            do {
                for output in try interpreter.execute(statement, in: source) {
                    emit(.output(output), interpreter.settings)
                }
            } catch {
                failures += 1
                emit(.error(error), interpreter.settings)
            }
            if interrupted() { return .interrupted }
        }
        return .completed(failures: failures)
    }

    /// Runs one line typed at the REPL: its own one-line source, errors and all.
    public static func runLine(_ line: String, sourceName: String = "<repl>", interpreter: inout Interpreter,
                               emit: (Event, Settings) -> Void) -> Outcome {
        run(SourceFile(name: sourceName, text: line), interpreter: &interpreter, emit: emit)
    }
}
