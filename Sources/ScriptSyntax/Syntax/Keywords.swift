/// The reserved words of the language.
public enum Keywords {
    /// Every command word, in the order of `CommandTable.all`. A command word cannot be
    /// assigned to or used as a name (`show = 3` is an error); followed by `(` it is a call.
    /// To add a command, add its schema to `CommandTable.all` (Commands/CommandTable.swift).
    public static let commands: [String] = CommandTable.all.map(\.keyword)

    public static func isCommand(_ word: String) -> Bool {
        CommandTable.command(named: word) != nil
    }
}
