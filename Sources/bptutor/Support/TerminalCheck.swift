import Terminal

enum TerminalCheck {
    /// Standard input and output are a capable terminal.
    static var isInteractive: Bool { TerminalInfo.current().isInteractive }
}
