#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ScriptSyntax
import TutorStore

/// Where the shipped lessons are, and how a LESSON argument (an id or a path)
/// becomes a lesson file.
public enum LessonCatalog {
    /// The lessons folder, the first of:
    /// 1. `../share/bptutor/lessons` from the executable's folder (an installed
    ///    bptutor: `PREFIX/bin/bptutor` finds `PREFIX/share/bptutor/lessons`);
    /// 2. `$BPTUTOR_LESSONS`;
    /// 3. `Lessons/` beside the package the executable was built in (walking up from it);
    /// 4. `./Lessons`.
    public static func directory() -> String {
        let executable = executablePath()
        if let executable, let bin = parent(of: executable), let prefix = parent(of: bin),
           isDirectory(prefix + "/share/bptutor/lessons") {
            return prefix + "/share/bptutor/lessons"
        }
        if let env = getenv("BPTUTOR_LESSONS"), env.pointee != 0 { return String(cString: env) }
        var dir = executable ?? ""
        while let up = parent(of: dir) {
            dir = up
            if isDirectory(dir + "/Lessons") { return dir + "/Lessons" }
        }
        return "Lessons"
    }

    /// The running executable, links resolved (`/proc/self/exe`).
    static func executablePath() -> String? {
        var buffer = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard n > 0 else { return nil }
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The folder holding `path` (`/a/b` for `/a/b/c`), nil at the root.
    static func parent(of path: String) -> String? {
        guard let slash = path.lastIndex(of: "/"), slash > path.startIndex else { return nil }
        return String(path[..<slash])
    }

    /// The `.lesson` files of the folder, sorted by name.
    public static func lessonPaths(in directory: String) -> [String] {
        FileSystem.entries(of: directory).filter { $0.hasSuffix(".lesson") }.sorted().map { directory + "/" + $0 }
    }

    public enum Resolution {
        case path(String)
        case notFound(message: String)
    }

    /// A path (anything with '/' or ending in .lesson) is used as it is; an id is
    /// looked up in the lessons folder, with a suggestion when misspelt.
    public static func resolve(_ argument: String, in directory: String = directory()) -> Resolution {
        if argument.contains("/") || argument.hasSuffix(".lesson") {
            return access(argument, R_OK) == 0 ? .path(argument)
                : .notFound(message: "cannot read the lesson file '\(argument)'")
        }
        let paths = lessonPaths(in: directory)
        let ids = paths.map { String($0.split(separator: "/").last!.dropLast(".lesson".count)) }
        if let i = ids.firstIndex(of: argument) { return .path(paths[i]) }
        var message = "no lesson '\(argument)' in \(directory)"
        if let guess = Suggestions.closest(to: argument, among: ids) {
            message += "; did you mean '\(guess)'?"
        } else if !ids.isEmpty {
            message += " (try 'bptutor lessons')"
        }
        return .notFound(message: message)
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }
}
