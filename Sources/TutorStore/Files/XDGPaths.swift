import TermCore
import Glibc

/// XDG Base Directory locations (https://specifications.freedesktop.org/basedir-spec/).
public enum XDGPaths {
    /// The name of bptutor's own subdirectory.
    public static let applicationName = "bptutor"

    /// `$XDG_DATA_HOME`, or `$HOME/.local/share` when it is unset, empty or relative
    /// (the spec says relative paths must be ignored). Nil when no home can be found.
    public static var dataHome: String? {
        resolveDataHome(xdgDataHome: Environment.value("XDG_DATA_HOME"), home: homeDirectory)
    }

    /// bptutor's data directory, `<dataHome>/bptutor`. Not created here.
    public static var applicationDataDirectory: String? {
        dataHome.map { join($0, applicationName) }
    }

    /// The REPL history file, `<dataHome>/bptutor/history`. Not created here.
    public static var historyFile: String? {
        applicationDataDirectory.map { join($0, "history") }
    }

    /// The rule itself, free of the environment so it can be tested.
    public static func resolveDataHome(xdgDataHome: String?, home: String?) -> String? {
        if let xdg = xdgDataHome, xdg.hasPrefix("/") {
            return trimmingTrailingSlashes(xdg)
        }
        guard let home, home.hasPrefix("/") else { return nil }
        return join(trimmingTrailingSlashes(home), ".local/share")
    }

    /// `$HOME`, else the home directory in the password database.
    static var homeDirectory: String? {
        if let home = Environment.value("HOME") { return home }
        guard let entry = getpwuid(getuid()), let dir = entry.pointee.pw_dir else { return nil }
        let path = String(cString: dir)
        return path.isEmpty ? nil : path
    }

    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    static func trimmingTrailingSlashes(_ path: String) -> String {
        var path = path
        while path.count > 1, path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
