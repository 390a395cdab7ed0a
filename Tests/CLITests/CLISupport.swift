import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The built `bptutor` binary: next to the test bundle (the same build directory,
/// whatever `--scratch-path` was), else `$BPTUTOR_BINARY`, else
/// `<package root>/.build/debug/bptutor`.
enum BPTutorBinary {
    static let path: String? = {
        let fm = FileManager.default
        var candidates: [String] = []
        if let exe = try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            candidates.append((exe as NSString).deletingLastPathComponent + "/bptutor")
        }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append((bundle.bundlePath as NSString).deletingLastPathComponent + "/bptutor")
        }
        if let explicit = ProcessInfo.processInfo.environment["BPTUTOR_BINARY"] {
            candidates.append(explicit)
        }
        let packageRoot = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(packageRoot.appendingPathComponent(".build/debug/bptutor").path)
        return candidates.first { fm.isExecutableFile(atPath: $0) }
    }()

    static func require(sourceLocation: SourceLocation = #_sourceLocation) throws -> String {
        try #require(path, "the bptutor binary was not found next to the test bundle", sourceLocation: sourceLocation)
    }
}

/// What a finished process left behind.
struct ProcessResult {
    var status: Int32
    var stdout: String
    var stderr: String

    var stdoutLines: [String] {
        var lines = stdout.components(separatedBy: "\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }
}

enum ProcessError: Error, CustomStringConvertible {
    case spawnFailed(String, Int32)
    case timedOut([String])

    var description: String {
        switch self {
        case let .spawnFailed(path, code): "cannot start \(path): \(String(cString: strerror(code)))"
        case .timedOut(let arguments): "timed out: \(arguments.joined(separator: " "))"
        }
    }
}

/// Pipes are made close-on-exec right away; no other test's spawn may come in between.
private let spawnLock = NSLock()

/// Writes a script to be run (mode 0755) through a close-on-exec descriptor: a child
/// that another test forks while the file is open must not inherit it, or running
/// the file fails with "Text file busy" (ETXTBSY) until that child has exec'd.
func writeExecutable(_ path: String, _ text: String) throws {
    try writeExecutable(path, bytes: Array(text.utf8))
}

/// `writeExecutable` for any bytes (a copy of a binary).
func writeExecutable(_ path: String, bytes: [UInt8]) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o755)
    guard fd >= 0 else { throw ProcessError.spawnFailed(path, errno) }
    defer { close(fd) }
    var written = 0
    while written < bytes.count {
        let n = bytes[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        guard n > 0 else { throw ProcessError.spawnFailed(path, errno) }
        written += n
    }
    fchmod(fd, 0o755)
}

/// A child that stops reading its input must not kill the test process.
private let ignoreBrokenPipes: Void = {
    signal(SIGPIPE, SIG_IGN)
}()

/// Runs a program to completion, with a deadline (then it is killed).
///
/// posix_spawn rather than Foundation's Process, to control exactly what the child
/// inherits: standard input is `input` through a pipe (or /dev/null when nil),
/// standard output and error are files (nothing can fill up and block); the pipe
/// is close-on-exec (tests run in parallel: another test's pipe leaking into a
/// child would keep it open); default signal dispositions and an empty signal
/// mask (a tmux server started from here lives on and must handle its signals).
func runProcess(_ executable: String, _ arguments: [String], input: String? = nil,
                environment: [String: String] = [:], timeout: TimeInterval = 30) throws -> ProcessResult {
    let fm = FileManager.default
    let scratch = fm.temporaryDirectory.appendingPathComponent("bptutor-cli-\(UUID().uuidString)").path
    try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
    defer { try? fm.removeItem(atPath: scratch) }
    let outPath = scratch + "/stdout", errPath = scratch + "/stderr"

    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    for (k, v) in environment { env[k] = v }

    ignoreBrokenPipes
    var inputFDs: [Int32] = [-1, -1]
    spawnLock.lock()
    var locked = true
    defer { if locked { spawnLock.unlock() } }
    if input != nil {
        guard pipe(&inputFDs) == 0 else { throw ProcessError.spawnFailed("pipe", errno) }
        for fd in inputFDs { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    }
    defer { for fd in inputFDs where fd >= 0 { close(fd) } }

    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if input != nil {
        posix_spawn_file_actions_adddup2(&actions, inputFDs[0], 0)
    } else {
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    }
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)

    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t(), allSignals = sigset_t()
    sigemptyset(&noSignals)
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    let envp = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    var pid: pid_t = 0
    var spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    // A file written moments ago may still be open in a child that another thread
    // forked meanwhile (until that child execs): "Text file busy" passes in a moment.
    var tries = 0
    while spawned == ETXTBSY && tries < 50 {
        usleep(20_000)
        tries += 1
        spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
    }
    spawnLock.unlock()
    locked = false
    guard spawned == 0 else { throw ProcessError.spawnFailed(executable, spawned) }

    // Feed the input without blocking while waiting for the child.
    var pending = Array((input ?? "").utf8)[...]
    if input != nil {
        close(inputFDs[0])
        inputFDs[0] = -1
        _ = fcntl(inputFDs[1], F_SETFL, fcntl(inputFDs[1], F_GETFL) | O_NONBLOCK)
    }
    let deadline = Date().addingTimeInterval(timeout)
    var status: Int32 = 0
    while true {
        if inputFDs[1] >= 0 {
            if !pending.isEmpty {
                let n = pending.withUnsafeBytes { write(inputFDs[1], $0.baseAddress, $0.count) }
                if n > 0 {
                    pending = pending.dropFirst(n)
                } else if n < 0 && errno != EAGAIN && errno != EINTR {
                    pending = []  // the child closed its input (EPIPE)
                }
            }
            if pending.isEmpty {
                close(inputFDs[1])
                inputFDs[1] = -1
            }
        }
        let done = waitpid(pid, &status, WNOHANG)
        if done == pid { break }
        if Date() >= deadline {
            kill(pid, SIGKILL)
            _ = waitpid(pid, &status, 0)
            throw ProcessError.timedOut([executable] + arguments)
        }
        usleep(2_000)
    }
    // Exit status as a shell reports it: the code, or 128 + the signal.
    let code: Int32 = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    let stdout = String(decoding: fm.contents(atPath: outPath) ?? Data(), as: UTF8.self)
    let stderr = String(decoding: fm.contents(atPath: errPath) ?? Data(), as: UTF8.self)
    return ProcessResult(status: code, stdout: stdout, stderr: stderr)
}

/// Runs the built bptutor.
func bptutor(_ arguments: String..., input: String? = nil, environment: [String: String] = [:],
             sourceLocation: SourceLocation = #_sourceLocation) throws -> ProcessResult {
    try runProcess(try BPTutorBinary.require(sourceLocation: sourceLocation), arguments, input: input,
                   environment: environment)
}

/// One line of `--json` output, parsed.
func jsonObject(_ line: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
    let object = try JSONSerialization.jsonObject(with: Data(line.utf8), options: [.fragmentsAllowed])
    return try #require(object as? [String: Any], "not a JSON object: \(line)", sourceLocation: sourceLocation)
}
