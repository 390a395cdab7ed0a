import Terminal
import TutorStore

/// As in the executable: the tests drive line editing with a real history file.
extension HistoryStore: LineHistory {}
