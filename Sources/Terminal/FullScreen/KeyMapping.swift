import CNcurses
import TermCore

/// What one read from the keyboard means. Pure, so it is tested without a terminal.
enum InputEvent: Equatable {
    case key(Key)
    /// Escape immediately followed by a character: Alt (Meta) plus that character.
    case alt(Character)
    case resize
}

/// ncurses' `wget_wch` results → `Key`, and `Key` → the bytes GNU readline expects.
enum KeyMapping {
    /// A character `wget_wch` returned with `OK` (not a function-key code).
    static func key(character value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 8, 127: return .backspace
        case 27: return .escape
        case 0: return .control("@")
        case 1...26: return .control(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        case 28...31: return nil  // Ctrl-\ ] ^ _: no meaning here
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// A function-key code `wget_wch` returned with `KEY_CODE_YES`.
    static func event(keyCode code: Int32) -> InputEvent? {
        switch code {
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_HOME, KEY_A1: return .key(.home)
        case KEY_END, KEY_C1: return .key(.end)
        case KEY_PPAGE, KEY_A3: return .key(.pageUp)
        case KEY_NPAGE, KEY_C3: return .key(.pageDown)
        case KEY_BTAB: return .key(.backTab)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_ENTER: return .key(.enter)
        case KEY_RESIZE: return .resize
        case (KEY_F0 + 1)...(KEY_F0 + 24): return .key(.function(Int(code - KEY_F0)))
        default: return nil
        }
    }

    /// The bytes that make GNU readline (emacs keymap, its built-in bindings) do
    /// what this key means; nil for keys it has no use for.
    static func readlineBytes(for key: Key) -> [UInt8]? {
        switch key {
        case .character(let c): return Array(String(c).utf8)
        case .enter: return [13]
        case .tab: return [9]
        case .backspace: return [127]
        case .delete: return Array("\u{1B}[3~".utf8)
        case .up: return Array("\u{1B}[A".utf8)
        case .down: return Array("\u{1B}[B".utf8)
        case .right: return Array("\u{1B}[C".utf8)
        case .left: return Array("\u{1B}[D".utf8)
        case .home: return Array("\u{1B}[H".utf8)
        case .end: return Array("\u{1B}[F".utf8)
        case .control(let c):
            guard let ascii = c.asciiValue else { return nil }
            switch ascii {
            case UInt8(ascii: "a")...UInt8(ascii: "z"): return [ascii - 0x60]
            case UInt8(ascii: "@"): return [0]
            default: return nil
            }
        case .escape, .backTab, .pageUp, .pageDown, .function: return nil
        }
    }

    /// Alt-x for readline: Escape then the character (`M-b` backward-word, ...).
    static func readlineBytes(alt character: Character) -> [UInt8] {
        [27] + Array(String(character).utf8)
    }
}

/// Display columns of readline's byte offsets.
enum DisplayColumns {
    /// The display column of byte `offset` in the UTF-8 `bytes`: the width of the
    /// characters before it. An offset inside a character counts that character
    /// as before it; one past the end counts everything.
    static func column(ofByteOffset offset: Int, in bytes: [UInt8]) -> Int {
        let end = min(max(offset, 0), bytes.count)
        var column = 0
        var consumed = 0
        for character in String(decoding: bytes, as: UTF8.self) {
            guard consumed < end else { break }
            consumed += String(character).utf8.count
            column += width(of: character)
        }
        return column
    }

    /// Columns `character` takes on the screen (0 for combining marks), as the
    /// app's screen buffer draws it: a tab is one blank.
    static func width(of character: Character) -> Int {
        character == "\t" ? 1 : DisplayWidth.of(character)
    }
}
