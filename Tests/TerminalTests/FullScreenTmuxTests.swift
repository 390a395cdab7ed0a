import Foundation
import Glibc
import Testing
import TestSupport

/// A tmux server of its own, running the test binary's `fullScreenFixture` in a
/// pane of a given size, with the shell around it recording `stty -g` before
/// and after and the exit status.
final class TmuxSession {
    static let tmuxPath: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/bin/tmux"].first { (path: String) in access(path, X_OK) == 0 }
    static var available: Bool { tmuxPath != nil }

    let directory = TemporaryDirectory()
    var log: String { directory.file("log") }

    var historyFile: String { directory.file("history") }

    init(width: Int = 80, height: Int = 24, history: Bool = false) {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        // `swift test` sets NO_COLOR; the fixture should see a colour terminal.
        var exports = "unset NO_COLOR; export BPTUTOR_FULLSCREEN_FIXTURE='\(log)' SWIFT_BACKTRACE=enable=no; "
        if history { exports += "export BPTUTOR_FIXTURE_HISTORY='\(historyFile)'; " }
        let script = """
            \(exports)
            printf 'BEFORE-MARKER\\n'
            stty -g > '\(directory.file("before"))'
            '\(executable)' --testing-library swift-testing --filter fullScreenFixture
            echo "status=$?" > '\(directory.file("status"))'
            stty -g > '\(directory.file("after.tmp"))' && mv '\(directory.file("after.tmp"))' '\(directory.file("after"))'
            printf 'AFTER-MARKER\\n'
            sleep 600
            """
        writeFile(directory.file("run.sh"), script)
        // The server is forked by this first client and keeps its standard
        // output: never a pipe we wait on.
        tmux(["-f", "/dev/null", "new-session", "-d", "-s", "main", "-x", "\(width)", "-y", "\(height)",
              "sh '\(directory.file("run.sh"))'"], captureOutput: false)
    }

    deinit {
        tmux(["kill-server"])
        directory.remove()
    }

    /// Runs the tmux client with `arguments`; returns its standard output.
    ///
    /// Not Foundation's `Process`: its `waitUntilExit` hung here inside a test
    /// task. posix_spawn also gives the client (and so the tmux server and the
    /// fixture) a clean signal mask and default dispositions; the test runner's
    /// worker threads block SIGINT, SIGTERM and SIGHUP.
    @discardableResult
    func tmux(_ arguments: [String], captureOutput: Bool = true) -> String {
        let outputPath = directory.file("tmux-output")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // The server is forked by the first client and keeps its standard output:
        // never anything we wait on.
        posix_spawn_file_actions_addopen(&actions, 1, captureOutput ? outputPath : "/dev/null",
                                         O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        // A socket inside the temporary directory: removed with it.
        let argv = [TmuxSession.tmuxPath!, "-S", directory.file("tmux.sock")] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["TERM"] = "xterm-256color"
        environment.removeValue(forKey: "TMUX")
        let envp = environment.map { "\($0.key)=\($0.value)" }
        var cArgs = argv.map { strdup($0) } + [nil]
        var cEnv = envp.map { strdup($0) } + [nil]
        defer {
            cArgs.forEach { free($0) }
            cEnv.forEach { free($0) }
        }
        var pid: pid_t = 0
        guard posix_spawn(&pid, argv[0], &actions, &attributes, &cArgs, &cEnv) == 0 else { return "" }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        return captureOutput ? (readFile(outputPath) ?? "") : ""
    }

    /// The pane's visible text.
    func screen() -> String { tmux(["capture-pane", "-p", "-t", "main"]) }
    /// The pane's text including what scrolled off the top.
    func screenWithHistory() -> String { tmux(["capture-pane", "-p", "-S", "-", "-t", "main"]) }

    /// Keys in tmux's `send-keys` notation ("a", "Up", "C-c", "F5", "Escape").
    func send(_ keys: String...) { tmux(["send-keys", "-t", "main"] + keys) }
    /// Literal text.
    func type(_ text: String) { tmux(["send-keys", "-t", "main", "-l", text]) }

    func resize(width: Int, height: Int) {
        tmux(["resize-window", "-t", "main", "-x", "\(width)", "-y", "\(height)"])
    }

    var alternateScreenOn: Bool {
        tmux(["display-message", "-p", "-t", "main", "#{alternate_on}"]).hasPrefix("1")
    }

    var logText: String { readFile(log) ?? "" }
    var status: String? { readFile(directory.file("status"))?.trimmingCharacters(in: .whitespacesAndNewlines) }
    var sttyBefore: String? { readFile(directory.file("before")) }
    var sttyAfter: String? { readFile(directory.file("after")) }

    /// The fixture's process id, once it has started.
    var pid: Int32? {
        for line in logText.split(separator: "\n") where line.hasPrefix("pid ") {
            return Int32(line.dropFirst(4))
        }
        return nil
    }

    /// Polls until `condition` holds (true) or `seconds` pass (false).
    @discardableResult
    func wait(seconds: Double = 20, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if condition() { return true }
            usleep(50_000)
        }
        return condition()
    }

    func waitForScreen(_ text: String, seconds: Double = 20) -> Bool {
        wait(seconds: seconds) { screen().contains(text) }
    }

    /// Waits for the fixture to end; returns its exit status line.
    func waitForExit(seconds: Double = 30) -> String? {
        wait(seconds: seconds) { status != nil && sttyAfter != nil }
        return status
    }

    /// The terminal is exactly as before: same `stty -g`, normal screen, the
    /// shell's lines visible again.
    func expectRestored(sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(sttyBefore != nil, sourceLocation: sourceLocation)
        #expect(sttyBefore == sttyAfter, sourceLocation: sourceLocation)
        #expect(waitForScreen("AFTER-MARKER"), sourceLocation: sourceLocation)
        #expect(!alternateScreenOn, sourceLocation: sourceLocation)
        let text = screenWithHistory()
        #expect(text.contains("BEFORE-MARKER"), "\(text)", sourceLocation: sourceLocation)
        #expect(!text.contains("fixture 80x24"), "\(text)", sourceLocation: sourceLocation)
    }
}

@Suite(.serialized, .enabled(if: TmuxSession.available, "tmux is not installed"))
struct FullScreenTmuxTests {
    @Test func drawsKeysResizeTicksAndQuits() {
        let tmux = TmuxSession()
        #expect(tmux.waitForScreen("fixture 80x24"))
        #expect(tmux.alternateScreenOn)
        let first = tmux.screen()
        #expect(first.contains("wide: 漢字 red inverse"), "\(first)")
        #expect(first.contains("unicode=true color=true"), "\(first)")

        tmux.type("a")
        #expect(tmux.waitForScreen("key: character(\"a\")"))
        tmux.send("Up")
        #expect(tmux.waitForScreen("key: up"))
        tmux.send("F5")
        #expect(tmux.waitForScreen("key: function(5)"))
        tmux.send("Escape")
        #expect(tmux.waitForScreen("key: escape"))
        tmux.send("BTab")
        #expect(tmux.waitForScreen("key: backTab"))
        tmux.send("C-a")
        #expect(tmux.waitForScreen("key: control(\"a\")"))
        tmux.type("é")
        #expect(tmux.waitForScreen("key: character(\"é\")"))
        tmux.send("NPage")
        #expect(tmux.waitForScreen("key: pageDown"))

        tmux.resize(width: 100, height: 30)
        #expect(tmux.waitForScreen("fixture 100x30"))
        tmux.type("t")
        #expect(tmux.waitForScreen("ticks: 5"))

        tmux.type("q")
        #expect(tmux.waitForExit() == "status=0")
        tmux.expectRestored()
    }

    @Test func ctrlCIsAnInterruptMessage() {
        let tmux = TmuxSession()
        #expect(tmux.waitForScreen("fixture 80x24"))
        tmux.send("C-c")
        #expect(tmux.waitForExit() == "status=0")
        #expect(tmux.logText.contains("\ninterrupt\n"))
        tmux.expectRestored()
    }

    @Test("SIGTERM ends the loop at once: exit 128 + 15, the terminal restored")
    func sigtermEndsTheLoop() {
        let tmux = TmuxSession()
        #expect(tmux.waitForScreen("fixture 80x24"))
        guard let pid = tmux.pid else {
            Issue.record("no pid in the log: \(tmux.logText)")
            return
        }
        kill(pid, SIGTERM)
        #expect(tmux.waitForExit() == "status=143")
        #expect(tmux.logText.contains("exit terminated(signal: 15)"), "\(tmux.logText)")
        #expect(!tmux.logText.contains("\ninterrupt\n"))
        tmux.expectRestored()
    }

    @Test func sighupEndsTheLoop() {
        let tmux = TmuxSession()
        #expect(tmux.waitForScreen("fixture 80x24"))
        guard let pid = tmux.pid else {
            Issue.record("no pid in the log: \(tmux.logText)")
            return
        }
        kill(pid, SIGHUP)
        #expect(tmux.waitForExit() == "status=129")
        #expect(tmux.logText.contains("exit hangUp"))
        tmux.expectRestored()
    }

    @Test func aSwiftTrapRestoresTheTerminalAndShowsItsMessage() {
        let tmux = TmuxSession()
        #expect(tmux.waitForScreen("fixture 80x24"))
        tmux.type("x")
        // SIGILL: 128 + 4.
        #expect(tmux.waitForExit() == "status=132")
        tmux.expectRestored()
        let text = tmux.screenWithHistory()
        #expect(text.contains("Fatal error"), "\(text)")
        #expect(text.contains("Index out of range"), "\(text)")
    }

    @Test func commandBarEditsCompletesAndRemembers() {
        let tmux = TmuxSession(history: true)
        writeFile(tmux.historyFile, "w = 1\n")
        #expect(tmux.waitForScreen("fixture 80x24"))
        tmux.type(":")
        #expect(tmux.wait { tmux.logText.contains("commandLineChanged(text: \"\", cursor: 0)") })
        tmux.type("sh")
        tmux.send("Tab")  // unique completion: "show "
        #expect(tmux.waitForScreen(": show"))
        tmux.type("é漢")
        tmux.send("Left")
        // "show é漢", cursor before 漢: column 6 (é is one column).
        #expect(tmux.wait { tmux.logText.contains("commandLineChanged(text: \"show é漢\", cursor: 6)") })
        tmux.send("Home")
        tmux.send("Delete")
        #expect(tmux.wait { tmux.logText.contains("commandLineChanged(text: \"how é漢\", cursor: 0)") }, "\(tmux.logText)")
        tmux.send("End")
        tmux.send("BSpace")
        tmux.send("Enter")
        #expect(tmux.waitForScreen("entered: how é"))
        #expect(readFile(tmux.historyFile) == "w = 1\nhow é\n")

        // Up recalls history; Escape cancels; keys go to the app again.
        tmux.type(":")
        tmux.send("Up")
        #expect(tmux.waitForScreen(": how é"))
        tmux.send("Up")
        #expect(tmux.waitForScreen(": w = 1"))
        tmux.send("Escape")
        #expect(tmux.wait { tmux.logText.contains("commandCancelled") })
        tmux.type("a")
        #expect(tmux.waitForScreen("key: character(\"a\")"))
        // Ctrl-G cancels too, and Alt-b (backward-word) reaches readline.
        tmux.type(":")
        tmux.type("one two")
        tmux.send("M-b")
        #expect(tmux.wait { tmux.logText.contains("commandLineChanged(text: \"one two\", cursor: 4)") })
        tmux.send("C-g")
        #expect(tmux.wait { tmux.logText.split(separator: "\n").filter { $0 == "commandCancelled" }.count == 2 })
        tmux.type("q")
        #expect(tmux.waitForExit() == "status=0")
        tmux.expectRestored()
    }
}
