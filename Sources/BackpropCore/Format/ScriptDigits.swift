/// Integers as superscript (W⁽²⁾, x²) and subscript (W₁) digits, as the lectures write them.
public enum ScriptDigits {
    public static func superscript(_ n: Int) -> String {
        String(String(n).map { superscripts[$0] ?? $0 })
    }

    public static func `subscript`(_ n: Int) -> String {
        String(String(n).map { subscripts[$0] ?? $0 })
    }

    private static let superscripts: [Character: Character] = [
        "0": "⁰", "1": "¹", "2": "²", "3": "³", "4": "⁴", "5": "⁵", "6": "⁶", "7": "⁷", "8": "⁸", "9": "⁹", "-": "⁻",
    ]
    private static let subscripts: [Character: Character] = [
        "0": "₀", "1": "₁", "2": "₂", "3": "₃", "4": "₄", "5": "₅", "6": "₆", "7": "₇", "8": "₈", "9": "₉", "-": "₋",
    ]
}
