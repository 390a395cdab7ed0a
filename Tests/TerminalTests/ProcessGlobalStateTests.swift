import Foundation
import Glibc
import Testing
import Terminal
import TutorStore
import TestSupport

/// Tests that change process-wide state (environment variables, GNU readline's
/// globals, the terminal it is attached to) run one at a time, in this suite only.
@Suite(.serialized) struct ProcessGlobalStateTests {
    /// Sets environment variables for the duration of `body`, then restores them.
    static func withEnvironment(_ values: [String: String?], _ body: () throws -> Void) rethrows {
        var saved: [String: String?] = [:]
        for (name, value) in values {
            saved[name] = getenv(name).map { String(cString: $0) }
            if let value { setenv(name, value, 1) } else { unsetenv(name) }
        }
        defer {
            for (name, value) in saved {
                if let value { setenv(name, value, 1) } else { unsetenv(name) }
            }
        }
        try body()
    }

    @Suite struct XDGPathsTests {
        @Test func pureRule() {
            #expect(XDGPaths.resolveDataHome(xdgDataHome: "/data", home: "/home/u") == "/data")
            #expect(XDGPaths.resolveDataHome(xdgDataHome: "/data/", home: "/home/u") == "/data")
            #expect(XDGPaths.resolveDataHome(xdgDataHome: nil, home: "/home/u") == "/home/u/.local/share")
            #expect(XDGPaths.resolveDataHome(xdgDataHome: "relative/dir", home: "/home/u") == "/home/u/.local/share")
            #expect(XDGPaths.resolveDataHome(xdgDataHome: nil, home: "/") == "/.local/share")
            #expect(XDGPaths.resolveDataHome(xdgDataHome: nil, home: nil) == nil)
            #expect(XDGPaths.resolveDataHome(xdgDataHome: "rel", home: "also-rel") == nil)
        }

        @Test func xdgDataHomeFromTheEnvironment() {
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            ProcessGlobalStateTests.withEnvironment(["XDG_DATA_HOME": dir.path, "HOME": "/nonexistent-home"]) {
                #expect(XDGPaths.dataHome == dir.path)
                #expect(XDGPaths.applicationDataDirectory == dir.path + "/bptutor")
                #expect(XDGPaths.historyFile == dir.path + "/bptutor/history")
                // The standard history writes there, creating the directory.
                let history = HistoryStore.standard()
                #expect(history.path == dir.path + "/bptutor/history")
                history.record("w = 0.5")
                #expect(readFile(dir.path + "/bptutor/history") == "w = 0.5\n")
                #expect(FileSystem.isDirectory(dir.path + "/bptutor"))
            }
        }

        @Test func fallsBackToHomeWhenUnsetEmptyOrRelative() {
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            for xdg: String? in [nil, "", "not/absolute"] {
                ProcessGlobalStateTests.withEnvironment(["XDG_DATA_HOME": xdg, "HOME": dir.path]) {
                    #expect(XDGPaths.dataHome == dir.path + "/.local/share")
                    #expect(XDGPaths.historyFile == dir.path + "/.local/share/bptutor/history")
                }
            }
        }

        @Test func terminalInfoReadsTermAndNoColor() {
            ProcessGlobalStateTests.withEnvironment(["TERM": "dumb", "NO_COLOR": "1"]) {
                let info = TerminalInfo.current()
                #expect(info.term == "dumb")
                #expect(info.isDumb)
                #expect(info.noColor)
            }
            ProcessGlobalStateTests.withEnvironment(["TERM": "xterm", "NO_COLOR": ""]) {
                let info = TerminalInfo.current()
                #expect(info.term == "xterm")
                #expect(!info.noColor)  // NO_COLOR must be non-empty
            }
        }
    }

    /// GNU readline driven through a pseudo-terminal: keys are queued on the
    /// leader side before each read, the editor reads them from the follower.
    @Suite struct LineEditorTests {
        /// Runs `body` with an editor on a fresh pseudo-terminal and a history file
        /// in a temporary directory, with readline isolated from the user's inputrc.
        func withEditor(
            completer: LineEditor.Completer? = nil,
            history existing: String? = nil,
            _ body: (LineEditor, PseudoTerminal, String) throws -> Void
        ) throws {
            let dir = TemporaryDirectory()
            defer { dir.remove() }
            let path = dir.file("bptutor/history")
            if let existing {
                FileSystem.makeDirectories(dir.file("bptutor"))
                writeFile(path, existing)
            }
            let terminal = try #require(PseudoTerminal())
            try ProcessGlobalStateTests.withEnvironment(["TERM": "xterm", "INPUTRC": "/dev/null"]) {
                let editor = LineEditor(
                    history: HistoryStore(path: path, capacity: 100), completer: completer,
                    input: terminal.follower, output: terminal.follower)
                try body(editor, terminal, path)
            }
        }

        @Test func readsATypedLineAndRecordsIt() throws {
            try withEditor { editor, terminal, path in
                terminal.type("a = 1\r")
                #expect(editor.read(prompt: "bptutor> ") == .line("a = 1"))
                #expect(terminal.drain().contains("bptutor> "))
                terminal.type("show a\r")
                #expect(editor.readLine(prompt: "bptutor> ") == "show a")
                #expect(readFile(path) == "a = 1\nshow a\n")
            }
        }

        @Test func editingKeysWork() throws {
            try withEditor { editor, terminal, _ in
                // Type, move left twice, delete a character, insert one, accept.
                terminal.type("w = 0.75\u{1B}[D\u{1B}[D\u{7F}9\r")
                #expect(editor.read(prompt: "> ") == .line("w = 0975"))
                terminal.type("é = 1\u{01}\u{04}x\r")  // Ctrl-A, Ctrl-D deletes "é"
                #expect(editor.read(prompt: "> ") == .line("x = 1"))
            }
        }

        @Test func controlDOnAnEmptyLineIsEndOfInput() throws {
            try withEditor { editor, terminal, _ in
                terminal.type("\u{04}")
                #expect(editor.read(prompt: "> ") == .endOfInput)
                terminal.type("\u{04}")
                #expect(editor.readLine(prompt: "> ") == nil)
            }
        }

        @Test func terminalClosedIsEndOfInput() throws {
            try withEditor { editor, terminal, _ in
                terminal.type("half a li")
                terminal.hangUp()
                let result = editor.read(prompt: "> ")
                #expect(result == .endOfInput || result == .line("half a li"))
                #expect(editor.read(prompt: "> ") == .endOfInput)
            }
        }

        @Test func historyIsLoadedAndRecalledWithUp() throws {
            try withEditor(history: "old = 1\nolder = 2\n") { editor, terminal, path in
                terminal.type("\u{1B}[A\r")
                #expect(editor.read(prompt: "> ") == .line("older = 2"))
                #expect(readFile(path) == "old = 1\nolder = 2\n")  // a repeat is not stored
                terminal.type("\u{1B}[A\u{1B}[A\r")
                #expect(editor.read(prompt: "> ") == .line("old = 1"))
                #expect(readFile(path) == "old = 1\nolder = 2\nold = 1\n")
                #expect(editor.history.entries == ["old = 1", "older = 2", "old = 1"])
            }
        }

        @Test func tabCompletesThroughTheSwiftCompleter() throws {
            let calls = CompletionCalls()
            let completer: LineEditor.Completer = { word, before in
                calls.list.append((word, before))
                return ["sigmoid(", "show", "softmax(", "W1.grad"]
            }
            try withEditor(completer: completer) { editor, terminal, _ in
                terminal.type("y = sig\t1)\r")
                #expect(editor.read(prompt: "> ") == .line("y = sigmoid(1)"))
                #expect(calls.list.last?.0 == "sig")
                #expect(calls.list.last?.1 == "y = ")

                terminal.type("sh\tW1.g\t\r")
                #expect(editor.read(prompt: "> ") == .line("show W1.grad "))

                terminal.type("s\t\t\u{15}\r")  // ambiguous: common prefix only, then a listing
                #expect(editor.read(prompt: "> ") == .line(""))
                let screen = terminal.drain()
                #expect(screen.contains("sigmoid("))
                #expect(screen.contains("softmax("))

                terminal.type("zz\t\r")  // nothing matches, no file names either
                #expect(editor.read(prompt: "> ") == .line("zz"))
            }
        }

        @Test func bracketedPasteComesBackAsOneStringWithNewlines() throws {
            try withEditor { editor, terminal, path in
                terminal.type("\u{1B}[200~p = 1\rq = [2,\r3]\u{1B}[201~\r")
                #expect(editor.read(prompt: "> ") == .line("p = 1\nq = [2,\n3]"))
                #expect(InputLines.split("p = 1\nq = [2,\n3]") == ["p = 1", "q = [2,", "3]"])
                // Each line is its own history entry.
                #expect(readFile(path) == "p = 1\nq = [2,\n3]\n")
            }
        }

        @Test func replDriverOverReadline() throws {
            try withEditor { editor, terminal, _ in
                terminal.type("v = [1,\r2]\rquit\r")
                let log = Log()
                let end = ReplDriver(source: editor).run(bracketInterpreter(log))
                #expect(end == .quit)
                #expect(log.texts == ["v = [1,", "v = [1,\n2]", "quit"])
                // readline does not echo keys that were typed ahead of it, so
                // only the prompts are on the screen.
                let screen = terminal.drain()
                #expect(screen.components(separatedBy: "bptutor> ").count == 3)
                #expect(screen.components(separatedBy: "    ...> ").count == 2)
            }
        }
    }
}

final class CompletionCalls {
    var list: [(String, String)] = []
}
