import CNcurses
import Testing
import TermCore
import TutorUI
@testable import Terminal

/// The parts of the full-screen backend that need no terminal.
@Suite struct KeyMappingTests {
    @Test func charactersFromWgetWch() {
        #expect(KeyMapping.key(character: 9) == .tab)
        #expect(KeyMapping.key(character: 13) == .enter)
        #expect(KeyMapping.key(character: 10) == .enter)
        #expect(KeyMapping.key(character: 127) == .backspace)
        #expect(KeyMapping.key(character: 8) == .backspace)
        #expect(KeyMapping.key(character: 27) == .escape)
        #expect(KeyMapping.key(character: 1) == .control("a"))
        #expect(KeyMapping.key(character: 3) == .control("c"))
        #expect(KeyMapping.key(character: 26) == .control("z"))
        #expect(KeyMapping.key(character: 0) == .control("@"))
        #expect(KeyMapping.key(character: 28) == nil)
        #expect(KeyMapping.key(character: 0x61) == .character("a"))
        #expect(KeyMapping.key(character: 0xE9) == .character("é"))
        #expect(KeyMapping.key(character: 0x6F22) == .character("漢"))
        #expect(KeyMapping.key(character: 0xD800) == nil)  // a lone surrogate is no character
    }

    @Test func functionKeyCodes() {
        #expect(KeyMapping.event(keyCode: KEY_UP) == .key(.up))
        #expect(KeyMapping.event(keyCode: KEY_DOWN) == .key(.down))
        #expect(KeyMapping.event(keyCode: KEY_LEFT) == .key(.left))
        #expect(KeyMapping.event(keyCode: KEY_RIGHT) == .key(.right))
        #expect(KeyMapping.event(keyCode: KEY_HOME) == .key(.home))
        #expect(KeyMapping.event(keyCode: KEY_END) == .key(.end))
        #expect(KeyMapping.event(keyCode: KEY_PPAGE) == .key(.pageUp))
        #expect(KeyMapping.event(keyCode: KEY_NPAGE) == .key(.pageDown))
        #expect(KeyMapping.event(keyCode: KEY_BTAB) == .key(.backTab))
        #expect(KeyMapping.event(keyCode: KEY_BACKSPACE) == .key(.backspace))
        #expect(KeyMapping.event(keyCode: KEY_DC) == .key(.delete))
        #expect(KeyMapping.event(keyCode: KEY_ENTER) == .key(.enter))
        #expect(KeyMapping.event(keyCode: KEY_RESIZE) == .resize)
        #expect(KeyMapping.event(keyCode: KEY_F0 + 1) == .key(.function(1)))
        #expect(KeyMapping.event(keyCode: KEY_F0 + 12) == .key(.function(12)))
        #expect(KeyMapping.event(keyCode: KEY_MOUSE) == nil)
    }

    @Test func readlineEncoding() {
        #expect(KeyMapping.readlineBytes(for: .up) == [27, 91, 65])
        #expect(KeyMapping.readlineBytes(for: .down) == Array("\u{1B}[B".utf8))
        #expect(KeyMapping.readlineBytes(for: .right) == Array("\u{1B}[C".utf8))
        #expect(KeyMapping.readlineBytes(for: .left) == Array("\u{1B}[D".utf8))
        #expect(KeyMapping.readlineBytes(for: .home) == Array("\u{1B}[H".utf8))
        #expect(KeyMapping.readlineBytes(for: .end) == Array("\u{1B}[F".utf8))
        #expect(KeyMapping.readlineBytes(for: .delete) == Array("\u{1B}[3~".utf8))
        #expect(KeyMapping.readlineBytes(for: .enter) == [13])
        #expect(KeyMapping.readlineBytes(for: .backspace) == [127])
        #expect(KeyMapping.readlineBytes(for: .tab) == [9])
        #expect(KeyMapping.readlineBytes(for: .control("a")) == [1])
        #expect(KeyMapping.readlineBytes(for: .control("r")) == [18])
        #expect(KeyMapping.readlineBytes(for: .character("é")) == [0xC3, 0xA9])
        #expect(KeyMapping.readlineBytes(for: .escape) == nil)
        #expect(KeyMapping.readlineBytes(for: .pageUp) == nil)
        #expect(KeyMapping.readlineBytes(for: .function(1)) == nil)
        #expect(KeyMapping.readlineBytes(alt: "b") == [27, 98])
    }

    @Test func keysThatPassTheOpenCommandBar() {
        #expect(CommandBar.passesThrough(.pageUp))
        #expect(CommandBar.passesThrough(.function(2)))
        #expect(!CommandBar.passesThrough(.up))
        #expect(!CommandBar.passesThrough(.character("q")))
    }
}

@Suite struct DisplayColumnsTests {
    @Test func byteOffsetsBecomeColumns() {
        let ascii = Array("show w".utf8)
        #expect(DisplayColumns.column(ofByteOffset: 0, in: ascii) == 0)
        #expect(DisplayColumns.column(ofByteOffset: 4, in: ascii) == 4)
        #expect(DisplayColumns.column(ofByteOffset: 6, in: ascii) == 6)
        #expect(DisplayColumns.column(ofByteOffset: 99, in: ascii) == 6)

        let mixed = Array("é漢x".utf8)  // 2 + 3 + 1 bytes; 1 + 2 + 1 columns
        #expect(DisplayColumns.column(ofByteOffset: 2, in: mixed) == 1)
        #expect(DisplayColumns.column(ofByteOffset: 5, in: mixed) == 3)
        #expect(DisplayColumns.column(ofByteOffset: 6, in: mixed) == 4)
        // Inside a character: that character counts as before the cursor.
        #expect(DisplayColumns.column(ofByteOffset: 3, in: mixed) == 3)

        let combining = Array("e\u{301}σ".utf8)  // e + combining acute (one Character, width 1), σ
        #expect(DisplayColumns.column(ofByteOffset: 3, in: combining) == 1)
        #expect(DisplayColumns.column(ofByteOffset: 5, in: combining) == 2)
    }
}

@Suite struct CellDiffTests {
    func buffer(_ lines: [String], width: Int = 6) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: lines.count)
        for (y, line) in lines.enumerated() { buffer.write(line, x: 0, y: y) }
        return buffer
    }

    @Test func firstFrameAndResizeDrawEverything() {
        let next = buffer(["ab", "cd"], width: 3)
        #expect(CellDiff.runs(from: nil, to: next) == [.init(y: 0, x: 0, count: 3), .init(y: 1, x: 0, count: 3)])
        let other = buffer(["ab"], width: 3)
        #expect(CellDiff.runs(from: other, to: next).count == 2)
    }

    @Test func onlyChangedCells() {
        let old = buffer(["hello", "world"])
        #expect(CellDiff.runs(from: old, to: old).isEmpty)
        let new = buffer(["hallo", "world!"])
        #expect(CellDiff.runs(from: old, to: new) == [.init(y: 0, x: 1, count: 1), .init(y: 1, x: 5, count: 1)])
        var styled = old
        styled[0, 1] = Cell("w", style: .bold)
        #expect(CellDiff.runs(from: old, to: styled) == [.init(y: 1, x: 0, count: 1)])
        var colored = old
        colored[4, 0] = Cell("o", foreground: .red)
        #expect(CellDiff.runs(from: old, to: colored) == [.init(y: 0, x: 4, count: 1)])
    }

    @Test func wideCharactersAreDrawnWhole() {
        let old = buffer(["a漢b"])
        // Narrow → wide at the same column: the run covers both columns.
        let new = buffer(["a字b"])
        #expect(CellDiff.runs(from: old, to: new) == [.init(y: 0, x: 1, count: 2)])
        // Only the continuation cell differs (a wide character replaced a narrow
        // pair "xy" → "漢"): the run starts at the wide character, not at its
        // second column.
        let pair = buffer(["a漢y"])
        let narrow = buffer(["axyy"])
        #expect(CellDiff.runs(from: narrow, to: pair) == [.init(y: 0, x: 1, count: 2)])
        var onlySecond = pair
        onlySecond[2, 0] = .continuation
        var before = pair
        before[2, 0] = Cell("z")
        #expect(CellDiff.runs(from: before, to: onlySecond) == [.init(y: 0, x: 1, count: 2)])
        // Wide → narrow: the old continuation column is drawn again.
        #expect(CellDiff.runs(from: pair, to: narrow) == [.init(y: 0, x: 1, count: 2)])
    }
}
