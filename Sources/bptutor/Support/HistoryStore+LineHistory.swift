import Terminal
import TutorStore

/// The user's history file is what the REPL and the command bar read and add to.
extension HistoryStore: LineHistory {}
