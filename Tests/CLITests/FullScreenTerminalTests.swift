import Foundation
import Testing
import TestSupport

/// The full-screen tutor in a real terminal (tmux): the picker, stepping
/// forward and back to the identical first screen, resizing (down to "too
/// small"), a command in the bar, and quitting with q and with Ctrl-C with
/// the terminal settings (stty -g) exactly as they were.
@Suite(.serialized, .enabled(if: TmuxServer.isAvailable, "tmux is not installed"))
struct FullScreenTerminalTests {
    func shellQuote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Seven steps, each setting and saying something, so stepping shows.
    static let lesson = (1...7).map { k in
        "step \"Part \(k)\"\nsay \"This is part \(k) of the lesson.\"\nw\(k) = \(k)\n"
    }.joined().replacingOccurrences(of: "step \"Part 1\"", with: "title \"Seven parts\"\nstep \"Part 1\"")
        + "z = w1 * w2\nask q1 z \"What is z?\"\n"

    /// Starts `arguments` in tmux, with `stty -g` saved before and after and the exit status shown.
    func start(_ tmux: TmuxServer, _ dir: TemporaryDirectory, _ arguments: String, columns: Int = 100, rows: Int = 30) throws {
        let binary = try BPTutorBinary.require()
        let env = "env HOME=\(shellQuote(dir.path)) XDG_DATA_HOME=\(shellQuote(dir.path)) INPUTRC=/dev/null "
            + "LC_ALL=C.UTF-8 TERM=xterm-256color BPTUTOR_LESSONS=\(shellQuote(dir.path))"
        try tmux.start("stty -g > \(shellQuote(dir.path))/before; \(env) \(shellQuote(binary)) \(arguments); "
                       + "echo exited=$?; stty -g > \(shellQuote(dir.path))/after.tmp && mv \(shellQuote(dir.path))/after.tmp "
                       + "\(shellQuote(dir.path))/after; exec sleep 120",
                       columns: columns, rows: rows)
    }

    /// `bptutor open` on the seven-part lesson in tmux, showing its first step.
    func openSevenParts() throws -> (TemporaryDirectory, TmuxServer) {
        let dir = TemporaryDirectory()
        let path = try dir.write("seven.lesson", Self.lesson)
        let tmux = try TmuxServer()
        try start(tmux, dir, "open \(shellQuote(path))")
        #expect(try tmux.waitFor { $0.contains { $0.contains("This is part 1 of the lesson.") } }, "\(tmux.shown)")
        return (dir, tmux)
    }

    func sttyUnchanged(_ dir: TemporaryDirectory) -> Bool {
        guard waitForFile(dir.path + "/after"),
              let before = try? String(contentsOfFile: dir.path + "/before", encoding: .utf8),
              let after = try? String(contentsOfFile: dir.path + "/after", encoding: .utf8) else { return false }
        return before == after && !before.isEmpty
    }

    @Test("bptutor alone on a terminal opens the lesson picker; q leaves it")
    func picker() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        _ = try dir.write("seven.lesson", Self.lesson)
        let tmux = try TmuxServer()
        defer { tmux.kill() }
        try start(tmux, dir, "")
        #expect(try tmux.waitFor { $0.contains { $0.contains("seven") && $0.contains("Seven parts") && $0.contains("not started") } },
                "\(tmux.shown)")
        try tmux.press("q")
        #expect(try tmux.waitFor { $0.contains("exited=0") }, "\(tmux.shown)")
        #expect(sttyUnchanged(dir))
    }

    @Test("six steps forward and six back give the first screen again; resize; a command; q")
    func stepResizeCommandQuit() throws {
        let (dir, tmux) = try openSevenParts()
        defer { tmux.kill(); dir.remove() }
        let first = try tmux.screen()
        for k in 2...7 {
            try tmux.press("n")
            #expect(try tmux.waitFor { $0.contains { $0.contains("This is part \(k) of the lesson.") } }, "step \(k): \(tmux.shown)")
        }
        for k in stride(from: 6, through: 1, by: -1) {
            try tmux.press("p")
            #expect(try tmux.waitFor { $0.contains { $0.contains("This is part \(k) of the lesson.") } }, "back to \(k): \(tmux.shown)")
        }
        #expect(try tmux.waitFor { _ in (try? tmux.screen()) == first }, "the first screen again:\n\(tmux.shown)\n---\n\(first)")

        // Resize: larger re-lays out; below 80×24 a clear message; back again.
        try tmux.run(["resize-window", "-t", tmux.target, "-x", "60", "-y", "20"])
        #expect(try tmux.waitFor { $0.contains { $0.lowercased().contains("too small") } }, "\(tmux.shown)")
        try tmux.run(["resize-window", "-t", tmux.target, "-x", "130", "-y", "40"])
        #expect(try tmux.waitFor { lines in
            lines.contains { $0.contains("This is part 1 of the lesson.") } && (lines.map(\.count).max() ?? 0) > 110
        }, "\(tmux.shown)")

        // A command in the bar: the quantities follow.
        try tmux.press(":")
        try tmux.type("w1 = 41")
        try tmux.press("Enter")
        #expect(try tmux.waitFor { $0.contains { $0.contains("w1") && $0.contains("41") } }, "\(tmux.shown)")

        try tmux.press("q")
        #expect(try tmux.waitFor { $0.contains("exited=0") }, "\(tmux.shown)")
        #expect(sttyUnchanged(dir))
    }

    /// The epochs done in the status line's `training K/N`, if it shows one.
    static func trainingEpoch(_ lines: [String]) -> Int? {
        guard let status = lines.first, let range = status.range(of: "training ") else { return nil }
        return Int(status[range.upperBound...].prefix { $0.isNumber })
    }

    @Test("a typed train runs on ticks: the epoch count moves, Ctrl-C stops it keeping the weights, q exits 0")
    func typedTrainStaysLive() throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let path = try dir.write("live.lesson", "title \"Train live\"\nstep \"A net\"\nsay \"A network on XOR.\"\n"
                                 + "data xor\nnet 2-2-1\n")
        let tmux = try TmuxServer()
        defer { tmux.kill() }
        try start(tmux, dir, "open \(shellQuote(path))")
        #expect(try tmux.waitFor { $0.contains { $0.contains("A network on XOR.") } }, "\(tmux.shown)")
        let w1 = { (lines: [String]) in lines.first { $0.contains("W1 ") } ?? "" }
        let before = w1(try tmux.lines())
        #expect(before.contains("2×2 ["), "\(tmux.shown)")

        try tmux.press(":")
        try tmux.type("train epochs=5000000 eta=0.5")
        try tmux.press("Enter")
        var first = 0
        #expect(try tmux.waitFor { lines in
            first = Self.trainingEpoch(lines) ?? 0
            return first > 0
        }, "\(tmux.shown)")
        #expect(try tmux.waitFor { (Self.trainingEpoch($0) ?? 0) > first }, "the count moves: \(tmux.shown)")

        try tmux.press("C-c")
        var stopped = 0
        #expect(try tmux.waitFor { lines in
            guard let line = lines.first(where: { $0.hasPrefix("trained ") }), Self.trainingEpoch(lines) == nil
            else { return false }
            stopped = Int(line.dropFirst("trained ".count).prefix { $0.isNumber }) ?? 0
            return lines.contains { $0.contains("stopped after \(stopped) of 5000000 epochs; the") }
        }, "\(tmux.shown)")
        #expect(stopped > first, "\(tmux.shown)")
        #expect(w1(try tmux.lines()) != before, "the weights reached are kept: \(tmux.shown)")
        // The run's curve is what `losses` shows (every 50th of 5,000,000 epochs kept).
        try tmux.press(":")
        try tmux.type("losses")
        try tmux.press("Enter")
        #expect(try tmux.waitFor { $0.contains { $0.contains("loss over \(stopped) epochs (every 50th kept)") } },
                "\(tmux.shown)")

        try tmux.press("q")
        #expect(try tmux.waitFor { $0.contains("exited=0") }, "\(tmux.shown)")
        #expect(sttyUnchanged(dir))
    }

    @Test("Ctrl-C leaves the tutor with the terminal as it was")
    func controlC() throws {
        let (dir, tmux) = try openSevenParts()
        defer { tmux.kill(); dir.remove() }
        try tmux.press("n")
        try tmux.press("C-c")
        #expect(try tmux.waitFor { $0.contains { $0.hasPrefix("exited=") } }, "\(tmux.shown)")
        #expect(sttyUnchanged(dir))
        // Progress was saved on the way out.
        let progress = try runProcess(try BPTutorBinary.require(), ["progress", "--json"],
                                      environment: ["XDG_DATA_HOME": dir.path])
        #expect(progress.stdout.contains("\"lesson\": \"seven\""), "\(progress.stdout)")
    }

    @Test("SIGTERM and SIGHUP: progress saved, the terminal as it was, exit 128 + the signal", arguments: [
        (SIGTERM, 143), (SIGHUP, 129),
    ])
    func signals(_ signal: Int32, _ status: Int) throws {
        let (dir, tmux) = try openSevenParts()
        defer { tmux.kill(); dir.remove() }
        try tmux.press("n")
        try tmux.press("n")
        #expect(try tmux.waitFor { $0.contains { $0.contains("This is part 3 of the lesson.") } }, "\(tmux.shown)")
        let binary = try BPTutorBinary.require()
        let found = try runProcess("/usr/bin/pgrep", ["-f", "^\(binary) open \(dir.path)"])
        let pid = try #require(Int32(found.stdout.split(separator: "\n").first ?? ""), "no process: \(found)")
        kill(pid, signal)
        #expect(try tmux.waitFor { $0.contains("exited=\(status)") }, "\(tmux.shown)")
        #expect(sttyUnchanged(dir))
        let progress = try runProcess(binary, ["progress", "--json"], environment: ["XDG_DATA_HOME": dir.path])
        #expect(progress.stdout.contains("\"step\": 3"), "\(progress.stdout)")
    }
}
