/// A key press, as the terminal layer decodes it.
public enum Key: Sendable, Equatable {
    case character(Character)
    case enter, tab, backTab, escape, backspace, delete
    case up, down, left, right, home, end, pageUp, pageDown
    case function(Int)
    /// Ctrl plus a letter ("c" for Ctrl-C).
    case control(Character)
}
