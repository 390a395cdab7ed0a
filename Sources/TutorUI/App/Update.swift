import BackpropCore
import ScriptSyntax
import TutorScript
import TermCore

extension AppState {
    /// Applies one message; returns what the terminal layer should do. What the
    /// screen shows is prepared here too, so `view` only draws.
    public mutating func update(_ m: Message) -> [Effect] {
        let wasTraining = lesson?.trainingRunning == true
        var effects = apply(m)
        prepareDisplay(after: m, wasTraining: wasTraining)
        followTraining(&effects)
        return effects
    }

    /// Ticks run while a training run does, whatever started or ended it (a key, a typed
    /// line, a step whose `train` runs, the last slice): the effects start or stop them.
    private mutating func followTraining(_ effects: inout [Effect]) {
        guard !effects.contains(.quit) else { return }
        let running = lesson?.trainingRunning == true
        if running, !ticking, !effects.contains(.startTicks) { effects.append(.startTicks) }
        if !running, ticking, !effects.contains(.stopTicks) { effects.append(.stopTicks) }
        if effects.contains(.startTicks) { ticking = true }
        if effects.contains(.stopTicks) { ticking = false }
    }

    private mutating func apply(_ m: Message) -> [Effect] {
        switch m {
        case let .resize(width, height):
            self.width = width
            self.height = height
            return []
        case .tick:
            return tick()
        case .interrupt:
            // Ctrl-C while typing drops the line (as in the REPL), it does not quit.
            if commandBar.isOpen {
                commandBar = CommandBarState()
                return [.closeCommandBar]
            }
            if lesson?.trainingRunning == true {
                lesson?.interruptTraining()
                return []
            }
            return screen == .lesson ? [.saveProgress, .quit] : [.quit]
        case let .commandLineChanged(text, cursor):
            commandBar.text = text
            commandBar.cursor = cursor
            return []
        case .commandCancelled:
            commandBar = CommandBarState()
            return [.closeCommandBar]
        case .commandEntered(let line):
            commandBar = CommandBarState()
            lesson?.run(line)
            return [.closeCommandBar]
        case .key(let key):
            return press(key)
        case let .lessonLoaded(session, startAt):
            open(session, startAt: startAt)
            return []
        }
    }

    private mutating func tick() -> [Effect] {
        guard var state = lesson, state.trainingRunning else { return [.stopTicks] }
        let more = state.trainSlice()
        lesson = state
        return more ? [] : [.stopTicks]
    }

    private mutating func press(_ key: Key) -> [Effect] {
        if commandBar.isOpen { return [] }
        if blanked {
            blanked = false
            return []
        }
        if showingHelp {
            // Any key closes it, as it says.
            showingHelp = false
            return []
        }
        if key == .character("?") || key == .function(1) {
            showingHelp = true
            return []
        }
        switch screen {
        case .picker: return pickerKey(key)
        case .lesson: return lessonKey(key)
        }
    }

    private mutating func pickerKey(_ key: Key) -> [Effect] {
        let n = picker.entries.count
        switch key {
        case .up, .character("k"), .backTab:
            if n > 0 { picker.selected = (picker.selected + n - 1) % n }
        case .down, .character("j"), .tab:
            if n > 0 { picker.selected = (picker.selected + 1) % n }
        case .home: picker.selected = 0
        case .end: picker.selected = max(0, n - 1)
        case .enter, .right, .character(" "), .character("n"):
            if n > 0 { return [.openLesson(path: picker.entries[picker.selected].path)] }
        case .character("q"), .escape, .control("c"):
            return [.quit]
        case .character("m"), .function(5):
            presentation.toggle()
        default: break
        }
        return []
    }

    private mutating func lessonKey(_ key: Key) -> [Effect] {
        guard var state = lesson else { return [] }
        defer { lesson = state }
        switch key {
        case .character("n"), .right, .character(" "), .enter:
            if presentation, state.revealed < state.changedNames.count {
                state.revealed += 1
                state.selected = state.changedNames[state.revealed - 1]
                state.pane = .formula
            } else if let e = state.session.pending {
                state.session.skip()
                state.message = StatusMessage("skipped \(e.id) (step back with p to try it again)")
                state.absorb(state.session.resume())
            } else if state.session.waitsForTraining {
                state.finishStepTraining()
            } else if state.session.step + 1 < state.session.stepCount {
                state.next()
            } else {
                state.message = StatusMessage("the last step: q saves and quits, p goes back")
            }
        case .character("p"), .left:
            if state.session.step >= 1 { state.back() }
        case .home:
            state.goTo(step: 0)
        case .end:
            state.goTo(step: state.session.stepCount - 1)
        case .up, .backTab, .character("k"):
            state.moveSelection(-1, presentation: presentation)
        case .down, .tab, .character("j"):
            state.moveSelection(1, presentation: presentation)
        case .character("e"):
            if let name = state.selected, let q = state.quantities.first(where: { $0.name == name }) {
                let now = state.explainsGradient(q)
                state.explainGradient = q.gradient == nil ? false : (state.pane == .formula ? !now : now)
            }
            state.pane = .formula
            state.paneScroll = 0
        case .pageDown:
            state.paneScroll += 5
        case .pageUp:
            state.paneScroll = max(0, state.paneScroll - 5)
        case .character("r"):
            state.message = state.toggleTraining()
        case .character("+"), .character("="):
            state.message = state.changePace(faster: true)
        case .character("-"), .character("_"):
            state.message = state.changePace(faster: false)
        case .character("."):
            state.message = state.trainOneEpoch()
        case .character("]"):
            state.message = state.walkPass(1, presentation: presentation)
        case .character("["):
            state.message = state.walkPass(-1, presentation: presentation)
        case .character("0"):
            state.message = state.rewindTraining()
        case .character(":"):
            commandBar = CommandBarState()
            commandBar.isOpen = true
            commandBar.prompt = state.session.pending.map { "\($0.id)? " } ?? "bptutor> "
            return [.openCommandBar(prompt: commandBar.prompt)]
        case .character("b"):
            blanked = true
        case .character("m"), .function(5):
            presentation.toggle()
            state.revealed = presentation ? 0 : state.revealed
        case .character("q"), .control("c"):
            state.pauseTraining()
            return [.saveProgress, .quit]
        case .escape:
            state.message = nil
            state.pane = .formula
        default:
            break
        }
        return []
    }
}

extension LessonState {
    mutating func moveSelection(_ delta: Int, presentation: Bool) {
        let names = visibleQuantities(presentation: presentation).map(\.name)
        guard !names.isEmpty else { return }
        let i = selected.flatMap { names.firstIndex(of: $0) } ?? (delta > 0 ? -1 : names.count)
        selected = names[(i + delta + names.count) % names.count]
        explainGradient = nil
        pane = .formula
        paneScroll = 0
    }

    /// A line from the command bar: an answer to the pending question, or a command.
    mutating func run(_ raw: String) {
        let line = raw.trimmingWhitespace
        guard !line.isEmpty else { return }
        // The line sees the weights a running run reached; the run goes on after it unless
        // the line left it behind (an assignment, another train, …). A typed `train` starts
        // a run the ticks advance.
        let wasRunning = trainingRunning
        pauseTraining()
        defer {
            // A step waiting for a run the line left behind goes on.
            if session.waitsForTraining, trainingInProgress == nil { absorb(session.resumeAfterTraining()) }
            let run = trainingInProgress
            trainingRunning = run.map { wasRunning || $0.steps == 0 } ?? false
            if let run, run.steps == 0 {
                message = Self.started(run)
                if case .output(let title, let lines) = pane, lines == ["(done)"] {
                    pane = .output(title: title, lines: [Self.started(run).text])
                }
            }
        }
        if let reply = session.reply(to: line) {
            show(reply)
            return
        }
        var out: [String] = []
        var outputs: [Output] = []
        var failed = false
        var interpreter = session.interpreter
        interpreter.hooks.trainsInSlices = true
        defer { session.interpreter.hooks.trainsInSlices = false }
        _ = ScriptRunner.runLine(line, interpreter: &interpreter) { event, settings in
            switch event {
            case .output(let o):
                if let s = TextOutput(settings: settings, interactive: true).render(o) {
                    out += s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
                    if out.last == "" { out.removeLast() }
                }
                outputs.append(o)
            case .error(let d):
                failed = true
                out += DiagnosticRenderer.render(d, in: SourceFile(name: "<command>", text: line))
                    .split(separator: "\n").map(String.init)
            }
        }
        session.interpreter = interpreter
        outputs.forEach { note($0) }
        message = failed ? StatusMessage(out.first ?? "error", kind: .bad) : nil
        pane = .output(title: "Output: " + line, lines: out.isEmpty ? ["(done)"] : out)
        paneScroll = 0
        if let name = selected, !quantities.contains(where: { $0.name == name }) { selected = changedNames.last }
        if selected == nil { selected = changedNames.last }
    }

    /// The status line after a reply to the pending question, then the rest of the step.
    private mutating func show(_ reply: LessonSession.Reply) {
        let settings = session.interpreter.settings
        switch reply {
        case .revealed(let shown):
            let value = TextOutput(settings: settings, interactive: false).labelled(shown.id, shown.expected)
            message = StatusMessage("revealed: " + value.joined(separator: " "))
        case .skipped(let e):
            message = StatusMessage("skipped \(e.id)")
        case let .answered(e, result) where result.correct:
            message = StatusMessage("✓ right: \(e.id) = " + Self.inline(result.expected, settings), kind: .good)
        case .answered(_, let result):
            message = StatusMessage("✗ not quite" + (result.hint.map { ": " + $0 } ?? ""), kind: .bad)
        }
        guard reply.continues else { return }
        absorb(session.resume())
        if case .answered = reply, let last = changedNames.last { selected = last }
    }

    static func inline(_ t: Tensor, _ settings: Settings) -> String {
        TextOutput(settings: settings, interactive: false).block(t).joined(separator: "  ")
    }
}
