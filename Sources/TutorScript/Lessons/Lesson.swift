import ScriptSyntax

/// A lesson file, parsed and checked before anything runs: its title, its
/// steps (split at `step "LABEL"`), and its exercises.
public struct Lesson: Sendable {
    public struct Step: Sendable, Equatable {
        public var label: String
        /// The statements of this step (indices into `statements`).
        public var statements: Range<Int>
    }

    /// The file name without `.lesson` (what `bptutor lessons` lists).
    public var id: String
    public var path: String
    public var source: SourceFile
    public var statements: [Statement]
    public var title: String
    public var steps: [Step]
    /// The `ask` ids, in order.
    public var exerciseIDs: [String]

    /// The folder the lesson's data files are read from.
    public var directory: String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return path[..<slash].isEmpty ? "/" : String(path[..<slash])
    }

    /// Parses and validates a lesson. All problems are reported together.
    public static func parse(_ source: SourceFile, path: String) -> Result<Lesson, LessonError> {
        let (statements, syntax) = Parser.parse(source)
        var problems = syntax
        var title: String?
        var steps: [Step] = []
        var stepStart = 0
        var label: String?
        var ids: [String] = []
        var idLines: [String: Int] = [:]
        for (i, statement) in statements.enumerated() {
            guard case let .command(keyword, command) = statement.kind else { continue }
            switch command {
            case .title(let text):
                if title != nil {
                    problems.append(Diagnostic(LessonMessage.secondTitle, at: keyword.span))
                }
                title = text
            case .lessonStep(let text):
                if text.allSatisfy(\.isWhitespace) {
                    problems.append(Diagnostic(LessonMessage.stepNeedsLabel, at: statement.span))
                }
                // Statements before the first step form an "Introduction" step when they do
                // more than set the title; otherwise they open the first step.
                let preambleIsOnlyTitle = label == nil && statements[stepStart..<i].allSatisfy {
                    if case .command(_, .title) = $0.kind { true } else { false }
                }
                if label != nil || (i > stepStart && !preambleIsOnlyTitle) {
                    steps.append(Step(label: label ?? "Introduction", statements: stepStart..<i))
                    stepStart = i
                }
                label = text
            case .ask(let id, _, _, let options):
                // The options as the schema declares them, checked before anything runs.
                do throws(Diagnostic) { try AskSyntax.schema.validate(options) } catch { problems.append(error) }
                if let first = idLines[id.name] {
                    problems.append(Diagnostic(LessonMessage.exerciseIdUsed(id.name, line: first), at: id.span))
                }
                idLines[id.name] = id.span.start.line
                ids.append(id.name)
            default:
                break
            }
        }
        if stepStart < statements.count || steps.isEmpty {
            steps.append(Step(label: label ?? "Introduction", statements: stepStart..<statements.count))
        }
        guard problems.isEmpty else { return .failure(LessonError(source: source, diagnostics: problems)) }
        let id = String((path.split(separator: "/").last ?? Substring(path)).replacing(".lesson", with: ""))
        return .success(Lesson(id: id, path: path, source: source, statements: statements,
                               title: title ?? id, steps: steps, exerciseIDs: ids))
    }
}

/// Why a lesson (or an answers file) cannot be used: located diagnostics.
public struct LessonError: Error, Sendable {
    public var source: SourceFile
    public var diagnostics: [Diagnostic]

    public init(source: SourceFile, diagnostics: [Diagnostic]) {
        self.source = source
        self.diagnostics = diagnostics
    }
}

extension Lesson {
    /// Runs the lesson once, silently, with the default numbers and, when given,
    /// a student's: every error a run would meet (an unknown name, a shape
    /// mismatch, a missing data file), so a broken lesson fails before anything
    /// is shown. Empty when the lesson runs cleanly.
    public func runtimeProblems(seeds: [UInt64] = [0]) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for seed in seeds {
            _ = LessonRunner.run(self, seed: seed) { event in
                if case .error(let d) = event, !problems.contains(d) { problems.append(d) }
            }
        }
        return problems
    }
}
