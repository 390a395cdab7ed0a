import Foundation
import Glibc
import Testing
import TermCore
import TutorStore
import TutorUI
@testable import Terminal

/// A tiny full-screen app for the terminal tests. It is run by the test binary
/// itself, re-invoked inside tmux with `BPTUTOR_FULLSCREEN_FIXTURE=<log file>`
/// (see `TmuxSession`); in a normal test run `fullScreenFixture` does nothing.
///
/// Screen: line 0 "fixture WxH", line 1 the last key, line 2 ticks, line 3 a
/// wide character and colours, the bottom line the command bar when open.
/// Keys: q quits, x traps (a deliberate crash), : opens the command bar,
/// t starts ticks, Ctrl-C (`.interrupt`) quits after logging.
struct FixtureApp: FullScreenApp {
    var width = 0
    var height = 0
    var lastKey = "none"
    var ticks = 0
    var bar: (text: String, cursor: Int)?
    var entered: [String] = []
    let log: Int32

    mutating func handle(_ event: TerminalEvent) -> [TerminalRequest] {
        record("\(event)")
        switch event {
        case .resize(let w, let h):
            width = w
            height = h
        case .key(.character("q")):
            return [.quit]
        case .key(.character("x")):
            let crash: [Int] = []
            record("crashing")
            _ = crash[crash.count + 1]  // a Swift trap: SIGILL after "Fatal error: Index out of range"
        case .key(.character(":")):
            return [.openCommandBar(prompt: ": ")]
        case .key(.character("t")):
            return [.startTicks]
        case .key(let key):
            lastKey = "\(key)"
        case .tick:
            ticks += 1
            if ticks >= 5 { return [.stopTicks] }
        case .commandLineChanged(let text, let cursor):
            bar = (text, cursor)
        case .commandEntered(let line):
            entered.append(line)
            bar = nil
        case .commandCancelled:
            bar = nil
        case .interrupt:
            return [.quit]
        }
        return []
    }

    func view(width: Int, height: Int, unicode: Bool, color: Bool) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        buffer.write("fixture \(width)x\(height)", x: 0, y: 0, style: .bold)
        buffer.write("key: \(lastKey)", x: 0, y: 1)
        buffer.write("ticks: \(ticks)", x: 0, y: 2)
        var x = buffer.write("wide: 漢字 ", x: 0, y: 3)
        x += buffer.write("red", x: x, y: 3, foreground: .red)
        x += buffer.write(" inverse", x: x, y: 3, style: .reverse)
        buffer.write("entered: \(entered.joined(separator: "|"))", x: 0, y: 4)
        buffer.write("unicode=\(unicode) color=\(color)", x: 0, y: 5)
        if let bar, height > 0 {
            buffer.write(": " + bar.text, x: 0, y: height - 1)
            buffer.cursor = (2 + bar.cursor, height - 1)
        }
        return buffer
    }

    func completions(for word: String, lineBefore: String) -> [String] {
        ["sigmoid(", "show", "step"].filter { $0.hasPrefix(word) }
    }

    func record(_ line: String) { appendLine(line, to: log) }
}

func appendLine(_ line: String, to descriptor: Int32) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
}

/// The entry point the tmux tests start: runs `FixtureApp` full screen, then
/// exits the process with the way the loop ended. In a normal run it is skipped
/// (shown as such), not passed.
@Test(.enabled(if: getenv("BPTUTOR_FULLSCREEN_FIXTURE") != nil, "only inside the tmux tests"))
func fullScreenFixture() {
    guard let logPath = getenv("BPTUTOR_FULLSCREEN_FIXTURE").map({ String(cString: $0) }) else { return }
    let log = open(logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    var app = FixtureApp(log: log)
    app.record("pid \(getpid())")
    guard let screen = FullScreen.start() else {
        app.record("no full screen")
        exit(3)
    }
    let history = getenv("BPTUTOR_FIXTURE_HISTORY").map { HistoryStore(path: String(cString: $0)) }
    history?.load()
    let result = screen.run(&app, options: FullScreenOptions(history: history))
    screen.stop()
    app.record("exit \(result)")
    print("fixture ended: \(result)")
    switch result {
    case .quit: exit(0)
    case .hangUp: exit(129)
    case .terminated(let signal): exit(128 + signal)
    }
}
