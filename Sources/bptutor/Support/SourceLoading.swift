import ScriptSyntax
import Terminal
import TutorStore

/// Reads a script: a file, or standard input for "-" or no path.
enum SourceLoading {
    enum Failure: Error {
        case unreadable(path: String, reason: String)
        case notUTF8(path: String)
    }

    static func load(path: String?) throws(Failure) -> SourceFile {
        let (name, file) = path == nil || path == "-" ? ("<stdin>", "/dev/stdin") : (path!, path!)
        if file != "/dev/stdin", FileSystem.isDirectory(file) {
            throw .unreadable(path: name, reason: "it is a directory")
        }
        guard let bytes = FileSystem.readAll(file) else {
            throw .unreadable(path: name, reason: "no such file, or not readable")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .notUTF8(path: name)
        }
        return SourceFile(name: name, text: text)
    }

    static func message(_ failure: Failure) -> String {
        switch failure {
        case let .unreadable(path, reason): "bptutor: error: cannot read '\(path)': \(reason)\n"
        case .notUTF8(let path): "bptutor: error: '\(path)' is not UTF-8 text\n"
        }
    }
}
