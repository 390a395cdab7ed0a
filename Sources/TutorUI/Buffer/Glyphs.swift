/// The characters a screen is drawn with: Unicode box drawing, or ASCII when
/// the locale cannot show it. Text from the engine (z̄, σ, −, ·) is folded to
/// ASCII spellings in ASCII mode so nothing unreadable reaches the terminal.
public struct Glyphs: Sendable, Equatable {
    public let unicode: Bool

    public init(unicode: Bool) { self.unicode = unicode }

    var horizontal: String { unicode ? "─" : "-" }
    var vertical: String { unicode ? "│" : "|" }
    var topLeft: String { unicode ? "┌" : "+" }
    var topRight: String { unicode ? "┐" : "+" }
    var bottomLeft: String { unicode ? "└" : "+" }
    var bottomRight: String { unicode ? "┘" : "+" }
    var changed: String { "*" }
    var selected: String { ">" }
    var ellipsis: String { unicode ? "…" : "~" }
    var arrow: String { unicode ? "▶" : ">" }

    /// `text` as this mode can draw it.
    func fold(_ text: String) -> String {
        unicode ? text : Self.ascii(text)
    }

    /// An ASCII spelling of `text`: z̄ → dz (the error signal), σ → sig, − → -, and so on.
    static func ascii(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 < 128 }) { return text }
        var out = ""
        for ch in text {
            if ch.isASCII { out.append(ch); continue }
            let scalars = ch.unicodeScalars
            if scalars.count > 1, scalars.contains(where: { $0.value == 0x304 }) {
                // A barred letter: the error signal of that quantity.
                out += "d" + ascii(String(String.UnicodeScalarView(scalars.filter { $0.value != 0x304 })))
                continue
            }
            if let s = table[ch] { out += s; continue }
            if let first = scalars.first, first.isASCII { out.append(Character(first)); continue }
            out += "?"
        }
        return out
    }

    private static let table: [Character: String] = [
        "−": "-", "–": "-", "—": "-", "·": "*", "×": "x", "÷": "/", "≤": "<=", "≥": ">=", "≠": "!=", "≈": "~",
        "→": "->", "←": "<-", "⇒": "=>", "↑": "^", "↓": "v", "…": "...", "‖": "||", "∂": "d", "∑": "sum", "Σ": "sum",
        "σ": "sig", "η": "eta", "γ": "gamma", "δ": "delta", "λ": "lambda", "ε": "eps", "θ": "theta", "α": "alpha",
        "β": "beta", "μ": "mu", "π": "pi", "Δ": "D", "∇": "grad", "√": "sqrt", "∞": "inf", "∈": "in", "ᵀ": "^T",
        "²": "^2", "³": "^3", "⁰": "0", "¹": "1", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8", "⁹": "9",
        "⁽": "(", "⁾": ")", "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7",
        "₈": "8", "₉": "9", "ₗ": "l", "ᵢ": "i", "ⱼ": "j", "─": "-", "━": "-", "═": "=", "│": "|", "┃": "|",
        "┌": "+", "┐": "+", "└": "+", "┘": "+", "├": "+", "┤": "+", "┬": "+", "┴": "+", "┼": "+",
        "░": ".", "▒": ":", "▓": "#", "█": "#", "▁": "_", "▂": "_", "▃": "-", "▄": "-", "▅": "=", "▆": "=",
        "▇": "#", "▶": ">", "◀": "<", "●": "o", "○": "o", "✓": "ok", "✗": "X", "“": "\"", "”": "\"", "‘": "'",
        "’": "'", "′": "'", "ŷ": "y^", "̂": "^", "ā": "da", "ē": "de", "ī": "di", "ō": "do", "ū": "du",
        "ȳ": "dy", "Ā": "dA", "Ē": "dE", "Ī": "dI", "Ō": "dO", "Ū": "dU", "Ȳ": "dY", "ℒ": "L", "⊙": "(*)",
        "ₖ": "k", "ℓ": "l", "⁻": "-", "⁺": "+", "ᶻ": "z", "ŵ": "w^", "⋅": "*", "∘": "o",
    ]
}
