import Testing
import BackpropCore
import ScriptSyntax
@testable import TutorScript

/// Run-time errors carry a stable code; engine errors are mapped to codes in TutorScript;
/// the messages that used to mislead now say what is wrong.
@Suite struct ErrorCodeTests {
    @Test("a misspelt command read as a name suggests the command")
    func didYouMeanCommand() throws {
        var s = Session()
        let shwo = try s.failure("shwo")
        #expect(shwo.message == "unknown name 'shwo'")
        #expect(shwo.notes == ["did you mean 'show'?"])
        #expect(shwo.code == .unknownName)
        #expect(try s.failure("hlep").notes == ["did you mean 'help'?"])
        // A bound name that is closer still wins.
        s.ok("shew = 1")
        #expect(try s.failure("shwe").notes == ["did you mean 'shew'?"])
        // Nothing close: the old advice.
        var fresh = Session()
        #expect(try fresh.failure("zzz").notes == ["nothing is defined yet: define it first, e.g. 'zzz = 0.5'"])
    }

    @Test("run-time errors carry their kind")
    func codes() throws {
        var s = Session()
        s.ok("v = [1, 2]\nw = 0.5")
        #expect(try s.failure("v + [1, 2, 3]").code == .shapeMismatch)
        #expect(try s.failure("backward v").code == .notScalar)
        #expect(try s.failure("w.grad").code == .noGradient)
        #expect(try s.failure("explain w.grad").code == .noGradient)
        #expect(try s.failure("sigmod(w)").code == .unknownFunction)
        #expect(try s.failure("v[3]").code == .badIndex)
        #expect(try s.failure("help nothing").code == .unknownTopic)
        #expect(try s.failure("set digits 40").code == .invalidSetting)
        #expect(try s.failure("set colour 1").code == .unknownSetting)
        #expect(try s.failure("notation nope").code == .unknownNotation)
        #expect(try s.failure("train epochs=1 eta=1").code == .noNetwork)
        #expect(try s.failure("data nope").code == .unknownDataset)
        #expect(try s.failure("sigmoid(digits=w)").code == .syntax)
        s.ok("net 2-2-1\ndata xor")
        #expect(try s.failure("train eta=0.5").code == .missingOption)
        #expect(try s.failure("train epochs=0 eta=0.5").code == .invalidOption)
        #expect(try s.failure("net 2-2-1 hidden=nope").code == .invalidNetwork)
        #expect(try s.failure("losses").code == .noTraining)
        #expect(try s.failure("gradcheck L eps=2").code == .invalidOption)
        #expect(try s.failure("gradcheck L step=0.1").code == .unknownOption)
        #expect(try s.failure("data load no-such-file.csv").code == .cannotReadFile)
    }

    @Test("the engine's errors map to codes")
    func engineCodes() {
        #expect(GraphError.matmulShapeMismatch(Shape(rows: 1, columns: 1), Shape(rows: 2, columns: 1)).code
                == .shapeMismatch)
        #expect(TrainingError.badOption(.eta, -1).code == .invalidOption)
        #expect(TrainingError.emptyData.code == .noData)
        #expect(ExplainError.noBackward(name: "w").code == .noGradient)
        #expect(NetworkSpecError.unknownLoss("x").code == .invalidNetwork)
        #expect(PerceptronError.empty.code == .noData)
    }

    @Test("a lesson's absolute data path is told that absolute paths are not allowed")
    func absoluteDataPath() throws {
        var hooks = InterpreterHooks()
        hooks.baseDirectory = "/tmp"
        hooks.confineDataToBaseDirectory = true
        var s = Session(interpreter: Interpreter(hooks: hooks))
        let absolute = try s.failure("data load /home/me/lesson/ring.csv")
        #expect(absolute.code == .pathNotAllowed)
        #expect(absolute.message.contains("absolute paths are not allowed"), "\(absolute.message)")
        #expect(!absolute.message.contains(".."))
        let up = try s.failure("data load ../ring.csv")
        #expect(up.code == .pathNotAllowed)
        #expect(up.message == "a lesson reads data files from its own folder: give a relative path without '..'")
    }

    @Test("a lesson file's and an answers file's own problems carry their kind")
    func lessonAndAnswerCodes() throws {
        let lessonText = """
            title "A"
            title "B"
            step " "
            w = 2
            ask q1 w "w?" tol=3
            ask q2 w "w again?" hint=w
            ask q1 w "once more?"
            """
        guard case .failure(let broken) = Lesson.parse(SourceFile(name: "t.lesson", text: lessonText), path: "t.lesson")
        else { Issue.record("the lesson should not parse"); return }
        #expect(broken.diagnostics.map(\.code) == [.lessonFormat, .lessonFormat, .invalidOption, .invalidOption,
                                                   .lessonFormat])
        #expect(broken.diagnostics.last?.message == "the exercise id 'q1' is already used on line 5")

        let answers = "q1 = 1\nq3 = 2\nq1 = 2\nq2 = w\nshow w\n"
        let bad = AnswerSheet.parse(SourceFile(name: "a.txt", text: answers), exerciseIDs: ["q1", "q2"])
        #expect(bad.problems.map(\.code) == [.unknownExercise, .answersFormat, .answersFormat, .answersFormat])
        #expect(bad.problems[0].message == "no exercise 'q3' in this lesson")
        #expect(bad.problems[0].notes == ["did you mean 'q1'?", "the exercises are: q1, q2"])
    }
}
