import TermCore
import Terminal
import TutorUI

/// The full-screen tutor as the terminal loop sees it. Terminal events become
/// TutorUI messages. Of the effects `update` returns, the terminal's own go back
/// to the loop; the others (open a lesson, save progress) are run by `perform`,
/// whose results come back to `update` as messages (bubbletea's Cmd → Msg).
/// The state changes only inside `update`.
struct TutorApp: FullScreenApp {
    private(set) var state: AppState
    /// Runs an effect the terminal does not know, on the state that asked for it;
    /// returns the messages its result gives.
    let perform: (Effect, AppState) -> [Message]

    mutating func handle(_ event: TerminalEvent) -> [TerminalRequest] {
        var requests: [TerminalRequest] = []
        var messages = [Message(event)]
        while !messages.isEmpty, !requests.contains(.quit) {
            for effect in state.update(messages.removeFirst()) {
                if let request = TerminalRequest(effect) {
                    requests.append(request)
                } else {
                    messages += perform(effect, state)
                }
            }
        }
        return requests
    }

    func view(width: Int, height: Int, unicode: Bool, color: Bool) -> ScreenBuffer {
        state.view(width: width, height: height, options: ViewOptions(unicode: unicode, color: color))
    }

    func completions(for word: String, lineBefore: String) -> [String] {
        state.lesson?.session.interpreter.completions(for: word, lineBefore: lineBefore, extra: ["reveal", "skip"]) ?? []
    }
}

extension Message {
    /// A terminal event as the app's message.
    init(_ event: TerminalEvent) {
        switch event {
        case .key(let key): self = .key(key)
        case let .resize(width, height): self = .resize(width: width, height: height)
        case .tick: self = .tick
        case .commandEntered(let line): self = .commandEntered(line)
        case .commandCancelled: self = .commandCancelled
        case let .commandLineChanged(text, cursor): self = .commandLineChanged(text: text, cursor: cursor)
        case .interrupt: self = .interrupt
        }
    }
}

extension TerminalRequest {
    /// The terminal's part of an effect; nil for the effects the app runs itself.
    init?(_ effect: Effect) {
        switch effect {
        case .openCommandBar(let prompt): self = .openCommandBar(prompt: prompt)
        case .closeCommandBar: self = .closeCommandBar
        case .startTicks: self = .startTicks
        case .stopTicks: self = .stopTicks
        case .quit: self = .quit
        case .saveProgress, .openLesson: return nil
        }
    }
}
