import CNcurses
import Glibc

/// The character encoding readline and ncurses will use.
///
/// Both libraries decode multi-byte input and measure display widths with the C
/// library's LC_CTYPE locale, which is "C" (ASCII) until the program sets it. In
/// "C", readline shows "é" as "\303\251" and ncurses draws box and braille
/// characters as garbage. `configure()` adopts the user's locale and, when that is
/// not UTF-8 (for example LANG unset, as in many containers), falls back to
/// `C.UTF-8`, which every glibc since 2.35 has built in.
///
/// Only LC_CTYPE is changed: LC_NUMERIC stays "C", so C-level number formatting
/// and parsing keep using a decimal point whatever the user's language.
public struct TerminalLocale: Sendable, Equatable {
    /// The codeset in effect after `configure()` ("UTF-8", "ANSI_X3.4-1968", ...).
    public let codeset: String
    /// The user's locale was not UTF-8 and `C.UTF-8` was adopted instead.
    public let usedFallback: Bool

    /// The codeset is UTF-8, so wide characters work.
    public var isUTF8: Bool { TerminalLocale.isUTF8(codeset) }

    /// Sets LC_CTYPE from the environment, falling back to `C.UTF-8`. Call it before
    /// the first line is read with readline or the screen is started. Idempotent.
    @discardableResult
    public static func configure() -> TerminalLocale {
        _ = setlocale(LC_CTYPE, "")
        let userCodeset = currentCodeset
        if isUTF8(userCodeset) {
            return TerminalLocale(codeset: userCodeset, usedFallback: false)
        }
        if setlocale(LC_CTYPE, "C.UTF-8") != nil {
            return TerminalLocale(codeset: currentCodeset, usedFallback: true)
        }
        return TerminalLocale(codeset: userCodeset, usedFallback: false)
    }

    /// The codeset of the current LC_CTYPE locale, without changing anything.
    public static var currentCodeset: String {
        guard let name = bpnc_codeset() else { return "" }
        return String(cString: name)
    }

    /// "UTF-8", "utf8", "UTF8", ... in any case.
    public static func isUTF8(_ codeset: String) -> Bool {
        let letters = codeset.lowercased().filter { $0 != "-" && $0 != "_" }
        return letters == "utf8"
    }

    /// The version of the linked ncurses library ("ncurses 6.4.20221231").
    public static var ncursesVersion: String {
        guard let version = curses_version() else { return "" }
        return String(cString: version)
    }
}
