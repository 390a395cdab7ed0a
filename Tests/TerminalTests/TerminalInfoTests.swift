import Testing
import Terminal

@Suite struct TerminalInfoTests {
    func info(stdin: Bool = true, stdout: Bool = true, term: String? = "xterm-256color", noColor: Bool = false) -> TerminalInfo {
        TerminalInfo(stdinIsTerminal: stdin, stdoutIsTerminal: stdout, term: term, noColor: noColor)
    }

    @Test func capableTerminalIsInteractive() {
        #expect(info().isInteractive)
        #expect(info().allowsColor)
        #expect(ReplInputMode.choose(for: info()) == .lineEditor)
    }

    @Test func dumbOrMissingTermIsNotInteractive() {
        #expect(info(term: "dumb").isDumb)
        #expect(info(term: nil).isDumb)
        #expect(!info(term: "dumb").isInteractive)
        #expect(ReplInputMode.choose(for: info(term: "dumb")) == .plainInteractive(.standardOutput))
    }

    @Test func pipedInputIsAScript() {
        #expect(ReplInputMode.choose(for: info(stdin: false)) == .plainScript)
        #expect(ReplInputMode.choose(for: info(stdin: false, stdout: false)) == .plainScript)
    }

    @Test func redirectedOutputPromptsOnStandardError() {
        #expect(ReplInputMode.choose(for: info(stdout: false)) == .plainInteractive(.standardError))
        #expect(!info(stdout: false).allowsColor)
    }

    @Test func noColorIsHonoured() {
        #expect(!info(noColor: true).allowsColor)
        #expect(info(noColor: true).isInteractive)
    }

    @Test func localeCodesetNames() {
        #expect(TerminalLocale.isUTF8("UTF-8"))
        #expect(TerminalLocale.isUTF8("utf8"))
        #expect(!TerminalLocale.isUTF8("ANSI_X3.4-1968"))
        #expect(!TerminalLocale.isUTF8(""))
    }

    @Test func ncursesIsLinked() {
        #expect(TerminalLocale.ncursesVersion.hasPrefix("ncurses "))
    }
}
