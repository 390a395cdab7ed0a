import Foundation
import Testing
import TestSupport

/// A tmux server of our own (a private socket), killed when done.
final class TmuxServer {
    static let executable: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }
        ?? (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }

    static let isAvailable: Bool = {
        if executable == nil {
            print("ReplTerminalTests: skipped: tmux is not installed (not in /usr/bin, /usr/local/bin or PATH)")
            return false
        }
        return true
    }()

    let tmux: String
    let socket = "bptutor-test-\(getpid())-\(UUID().uuidString.prefix(8))"
    let target = "repl"

    init() throws {
        tmux = try #require(Self.executable)
    }

    @discardableResult
    func run(_ arguments: [String]) throws -> ProcessResult {
        try runProcess(tmux, ["-L", socket, "-f", "/dev/null"] + arguments, timeout: 10)
    }

    /// Starts `command` (a shell command line) in a detached session of a fixed size.
    func start(_ command: String, columns: Int = 100, rows: Int = 30) throws {
        let r = try run(["new-session", "-d", "-s", target, "-x", "\(columns)", "-y", "\(rows)", command])
        try #require(r.status == 0, "tmux new-session failed: \(r.stderr)")
    }

    /// Types text literally.
    func type(_ text: String) throws {
        try run(["send-keys", "-t", target, "-l", text])
    }

    /// Presses keys by name (Enter, Tab, C-c).
    func press(_ keys: String...) throws {
        try run(["send-keys", "-t", target] + keys)
    }

    /// The visible screen, trailing spaces removed.
    func screen() throws -> String {
        let r = try run(["capture-pane", "-p", "-t", target])
        return r.stdout.components(separatedBy: "\n")
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }
            .joined(separator: "\n")
    }

    /// The screen for a failure message.
    var shown: String { (try? screen()) ?? "<no screen>" }

    func lines() throws -> [String] {
        try screen().components(separatedBy: "\n").filter { !$0.isEmpty }
    }

    /// Polls the screen until `condition` holds or `timeout` passes; returns whether it held.
    func waitFor(timeout: TimeInterval = 10, _ condition: ([String]) -> Bool) throws -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if condition(try lines()) { return true }
            usleep(20_000)
        } while Date() < deadline
        return condition(try lines())
    }

    func kill() {
        _ = try? run(["kill-server"])
        // The server leaves its socket behind.
        let directory = ProcessInfo.processInfo.environment["TMUX_TMPDIR"] ?? "/tmp"
        try? FileManager.default.removeItem(atPath: "\(directory)/tmux-\(getuid())/\(socket)")
    }

    deinit { kill() }
}

/// Polls for a file until it exists (bounded).
func waitForFile(_ path: String, timeout: TimeInterval = 10) -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if FileManager.default.fileExists(atPath: path) { return true }
        usleep(20_000)
    }
    return FileManager.default.fileExists(atPath: path)
}

/// The REPL on a real terminal (a tmux pane): prompt, results, completion,
/// history, Ctrl-C, quit, and the terminal settings left as they were.
@Suite(.serialized, .enabled(if: TmuxServer.isAvailable, "tmux is not installed"))
struct ReplTerminalTests {
    func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    @Test("a REPL session in tmux")
    func session() throws {
        let binary = try BPTutorBinary.require()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let home = dir.path + "/home", data = dir.path + "/data"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        // Ctrl-C reaches the whole foreground process group, the shell too: a trap (not
        // an ignore, which bptutor would inherit) keeps it alive to record the exit.
        let script = try dir.write("run.sh", """
            trap ':' INT
            D=\(shellQuote(dir.path))
            stty -g > "$D/stty-before"
            env HOME=\(shellQuote(home)) XDG_DATA_HOME=\(shellQuote(data)) INPUTRC=/dev/null \
                LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color \(shellQuote(binary)) repl
            echo "$?" > "$D/status.tmp"
            stty -g > "$D/stty-after"
            mv "$D/status.tmp" "$D/status"
            exec sleep 120
            """)
        let tmux = try TmuxServer()
        defer { tmux.kill() }
        try tmux.start("sh \(shellQuote(script))")

        func expectScreen(_ what: String, timeout: TimeInterval = 10, _ condition: ([String]) -> Bool,
                          sourceLocation: SourceLocation = #_sourceLocation) throws {
            let ok = try tmux.waitFor(timeout: timeout, condition)
            let screen = try tmux.screen()
            try #require(ok, "\(what); the screen:\n\(screen)", sourceLocation: sourceLocation)
        }
        func count(_ line: String, in lines: [String]) -> Int { lines.filter { $0 == line }.count }

        // The banner and the prompt.
        try expectScreen("a prompt") { $0.last == "bptutor>" }
        #expect(try tmux.lines().first?.hasPrefix("bptutor ") == true)

        // Commands and results; on a terminal, assignments are acknowledged.
        for line in ["w = 0.5", "x = 2", "z = w*x"] {
            try tmux.type(line)
            try tmux.press("Enter")
        }
        try tmux.type("show z")
        try tmux.press("Enter")
        try expectScreen("show z") { $0.contains("z = 1") && $0.last == "bptutor>" }
        #expect(try tmux.lines().contains("w = 0.50000"), "the acknowledgement of w = 0.5")

        // Tab completes a bound name.
        try tmux.type("alpha_rate = 3")
        try tmux.press("Enter")
        try expectScreen("alpha_rate assigned") { count("alpha_rate = 3", in: $0) == 1 && $0.last == "bptutor>" }
        try tmux.type("show alp")
        try tmux.press("Tab")
        try expectScreen("completion of alp") { $0.last?.hasPrefix("bptutor> show alpha_rate") == true }
        try tmux.press("Enter")
        try expectScreen("show alpha_rate") { count("alpha_rate = 3", in: $0) == 2 && $0.last == "bptutor>" }

        // Tab completes a function.
        try tmux.type("y = sigm")
        try tmux.press("Tab")
        try expectScreen("completion of sigm") { $0.last?.hasPrefix("bptutor> y = sigmoid") == true }
        // Functions may complete with their parenthesis (`sigmoid(`).
        try tmux.type(try tmux.lines().last?.hasSuffix("sigmoid(") == true ? "0)" : "(0)")
        try tmux.press("Enter")
        try expectScreen("y = sigmoid(0)") { $0.contains("y = 0.50000") && $0.last == "bptutor>" }

        // Completion follows the command: after 'train', its options from the schema.
        try tmux.type("train ep")
        try tmux.press("Tab")
        try expectScreen("completion of train ep") { $0.last?.hasPrefix("bptutor> train epochs=") == true }
        try tmux.press("C-c")
        try expectScreen("a fresh prompt after the completed option") { $0.last == "bptutor>" }

        // An error: located, with the line and a caret.
        try tmux.type("zz")
        try tmux.press("Enter")
        try expectScreen("an error") { lines in
            lines.contains { $0.hasPrefix("<repl>:") && $0.hasSuffix("error: unknown name 'zz'") } && lines.last == "bptutor>"
        }

        // Ctrl-C on a half-typed line: a fresh prompt, the line dropped.
        try tmux.type("w = 12")
        try expectScreen("the half-typed line") { $0.last == "bptutor> w = 12" }
        try tmux.press("C-c")
        try expectScreen("a fresh prompt after Ctrl-C") { $0.last == "bptutor>" }
        try tmux.type("show w")
        try tmux.press("Enter")
        try expectScreen("w unchanged") { count("w = 0.50000", in: $0) == 2 && $0.last == "bptutor>" }
        #expect(try !tmux.lines().contains("w = 12.000"))

        // quit exits (status 0) and the terminal is as it was.
        try tmux.type("quit")
        try tmux.press("Enter")
        try #require(waitForFile(dir.path + "/status"), "the REPL did not exit after quit:\n\(tmux.shown)")
        let status = try String(contentsOfFile: dir.path + "/status", encoding: .utf8)
        #expect(status == "0\n")
        let before = try String(contentsOfFile: dir.path + "/stty-before", encoding: .utf8)
        let after = try String(contentsOfFile: dir.path + "/stty-after", encoding: .utf8)
        #expect(!before.isEmpty)
        #expect(before == after, "stty -g before and after differ")

        // History, persisted in $XDG_DATA_HOME/bptutor/history.
        let history = try String(contentsOfFile: data + "/bptutor/history", encoding: .utf8)
            .components(separatedBy: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }  // a completion leaves a space: `show alpha_rate `
        for line in ["w = 0.5", "show z", "alpha_rate = 3", "show alpha_rate", "zz", "show w"] {
            #expect(history.contains(line), "history has '\(line)': \(history)")
        }
        #expect(history.contains { $0.hasPrefix("y = sigmoid") })
        #expect(!history.contains("w = 12"), "an interrupted line is not history")
        #expect(!FileManager.default.fileExists(atPath: home + "/.local/share/bptutor/history"))
    }

    @Test("history from an earlier session is recalled with Up")
    func historyRecall() throws {
        let binary = try BPTutorBinary.require()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let data = dir.path + "/data"
        try FileManager.default.createDirectory(atPath: data + "/bptutor", withIntermediateDirectories: true)
        _ = try dir.write("data/bptutor/history", "w = 41\nshow w\n")
        let tmux = try TmuxServer()
        defer { tmux.kill() }
        try tmux.start("env HOME=\(shellQuote(dir.path)) XDG_DATA_HOME=\(shellQuote(data)) INPUTRC=/dev/null "
                       + "LC_ALL=C.UTF-8 TERM=xterm-256color \(shellQuote(binary)) repl; echo exited=$?; exec sleep 120")
        #expect(try tmux.waitFor { $0.last == "bptutor>" })
        try tmux.press("Up")
        try tmux.press("Up")
        #expect(try tmux.waitFor { $0.last == "bptutor> w = 41" }, "\(tmux.shown)")
        try tmux.press("Enter")
        try tmux.press("Up")
        try tmux.press("Up")
        #expect(try tmux.waitFor { $0.last == "bptutor> show w" }, "\(tmux.shown)")
        try tmux.press("Enter")
        #expect(try tmux.waitFor { $0.contains("w = 41") && $0.last == "bptutor>" }, "\(tmux.shown)")
        try tmux.press("C-d")
        #expect(try tmux.waitFor { $0.contains("exited=0") }, "Ctrl-D on an empty line leaves: \(tmux.shown)")
    }
}
