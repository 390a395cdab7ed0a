import Glibc
import TermCore

/// What the full-screen loop needs from an app: Elm-style update and view.
/// Terminal knows nothing else about the app: it reports `TerminalEvent`s and
/// carries out the `TerminalRequest`s the app returns. Anything else an app does
/// (files, loading) it does itself, inside `handle`.
public protocol FullScreenApp {
    /// Handles one event; returns what the terminal layer should do.
    mutating func handle(_ event: TerminalEvent) -> [TerminalRequest]
    /// The whole screen for this size. `unicode` false: use ASCII only;
    /// `color` false: colours will be ignored, so never rely on them.
    func view(width: Int, height: Int, unicode: Bool, color: Bool) -> ScreenBuffer
    /// Tab completion in the command bar: candidates for `word` (see
    /// `LineEditor.Completer`). Asked of the app as it was when the bar opened.
    func completions(for word: String, lineBefore: String) -> [String]
}

extension FullScreenApp {
    /// No completion.
    public func completions(for word: String, lineBefore: String) -> [String] { [] }
}

/// Why the loop ended.
public enum FullScreenExit: Sendable, Equatable {
    /// The app returned `TerminalRequest.quit`.
    case quit
    /// SIGHUP: the terminal went away (or `kill -HUP`). Save and exit (status 129).
    case hangUp
    /// SIGTERM (`kill`, a shutdown), or Ctrl-C three times without the app
    /// quitting (the user insists). Save and exit with status 128 + the signal
    /// (143 / 130), as other tools do.
    case terminated(signal: Int32)
}

/// Settings of a full-screen run.
public struct FullScreenOptions {
    /// Milliseconds between `.tick` messages while ticks are on.
    public var tickInterval: Int
    /// The command bar's history (the REPL's file, which the executable passes); nil:
    /// entered commands are not remembered.
    public var history: (any LineHistory)?

    public init(tickInterval: Int = 50, history: (any LineHistory)? = nil) {
        self.tickInterval = max(10, tickInterval)
        self.history = history
    }
}

extension FullScreen {
    /// Runs `app` full screen until it quits. Every event (keys, ticks, resizes,
    /// Ctrl-C as `.interrupt`, command-bar events) goes to
    /// `app.handle`, and the requests it returns (command bar, ticks, quit) are
    /// carried out. After each batch of events the view is rendered at the
    /// current size and drawn.
    ///
    /// The screen is not stopped on return (call `stop()`, or let the caller show
    /// a second app on the same screen).
    ///
    /// - Ctrl-Z suspends the program (terminal restored; `fg` brings it back).
    /// - Keys while the command bar is open go to readline, except Page Up/Down
    ///   and F-keys, which still reach the app (to scroll while typing).
    public func run<App: FullScreenApp>(_ app: inout App, options: FullScreenOptions = FullScreenOptions()) -> FullScreenExit {
        let bar = CommandBar(history: options.history, completer: nil)
        defer { bar.close() }
        var ticking = false
        var nextTick = Clock.milliseconds() + options.tickInterval
        var interruptsUnanswered = 0
        var (width, height) = size
        var pending: [TerminalEvent] = [.resize(width: width, height: height)]

        while true {
            // Give every pending event to the app, carrying out its requests.
            var quit = false
            while !pending.isEmpty && !quit {
                let event = pending.removeFirst()
                for request in app.handle(event) {
                    switch request {
                    case .quit:
                        quit = true
                    case .openCommandBar(let prompt):
                        // The bar is modal: completion asks the app as it is now.
                        bar.completer = { [snapshot = app] word, before in
                            snapshot.completions(for: word, lineBefore: before)
                        }
                        pending += bar.open(prompt: prompt)
                    case .closeCommandBar:
                        bar.close()
                    case .startTicks:
                        if !ticking { nextTick = Clock.milliseconds() + options.tickInterval }
                        ticking = true
                    case .stopTicks:
                        ticking = false
                    }
                }
            }
            if quit { return .quit }
            let view = app.view(width: width, height: height, unicode: unicode, color: colors)
            draw(view)

            // Wait for the next thing to happen.
            while pending.isEmpty {
                let signals = TerminalGuard.take()
                if signals.hangUps > 0 { return .hangUp }
                if signals.terminations > 0 { return .terminated(signal: SIGTERM) }
                if signals.interrupts > 0 {
                    interruptsUnanswered += signals.interrupts
                    pending.append(.interrupt)
                }
                if interruptsUnanswered >= 3 { return .terminated(signal: SIGINT) }
                if !pending.isEmpty { break }

                let now = Clock.milliseconds()
                if ticking && now >= nextTick {
                    nextTick = max(nextTick + options.tickInterval, now + 1)
                    pending.append(.tick)
                    break
                }
                let timeout = ticking ? max(0, nextTick - now) : 250
                guard let event = readEvent(timeout: Int32(clamping: timeout)) else { continue }
                switch event {
                case .resize:
                    (width, height) = size
                    pending.append(.resize(width: width, height: height))
                case .key(.control("c")):
                    interruptsUnanswered += 1
                    pending.append(.interrupt)
                    if interruptsUnanswered >= 3 { return .terminated(signal: SIGINT) }
                case .key(.control("z")):
                    suspend()
                    (width, height) = size
                    pending.append(.resize(width: width, height: height))
                case .key(let key) where bar.isOpen && !CommandBar.passesThrough(key):
                    interruptsUnanswered = 0
                    pending += bar.feed(.key(key))
                case .alt(let character) where bar.isOpen:
                    pending += bar.feed(.alt(character))
                case .key(let key):
                    interruptsUnanswered = 0
                    pending.append(.key(key))
                case .alt:
                    // The app binds no Alt keys: Alt-q must not act as q (and quit).
                    break
                }
            }
        }
    }
}

extension CommandBar {
    /// Keys that reach the app even while the bar is open.
    static func passesThrough(_ key: Key) -> Bool {
        switch key {
        case .pageUp, .pageDown, .function: true
        default: false
        }
    }
}

/// A monotonic clock in milliseconds.
enum Clock {
    static func milliseconds() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int(now.tv_sec) * 1000 + Int(now.tv_nsec) / 1_000_000
    }
}
