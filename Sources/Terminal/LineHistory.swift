/// What line editing needs of a command history: the REPL's readline and the
/// screen's command bar read it on start and add each entered line. The terminal
/// does not know where it is kept; the executable passes the user's history file
/// (TutorStore's `HistoryStore`), tests pass one in memory.
public protocol LineHistory: AnyObject {
    /// At most this many entries are kept.
    var capacity: Int { get }
    /// The entries, oldest first, as last loaded or recorded.
    var entries: [String] { get }
    /// Reads the stored entries (oldest first) and returns them.
    @discardableResult func load() -> [String]
    /// Adds one entered line; returns false when it was skipped (blank, a repeat).
    @discardableResult func record(_ line: String) -> Bool
}
