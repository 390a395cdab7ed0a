#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall time of `bptutor eval` on an empty script, spawned `runs` times
/// (the binary next to this one). Returns the median, or nil if it cannot run.
func startupTime(runs: Int = 30) -> Double? {
    let me = CommandLine.arguments[0]
    let dir = me.contains("/") ? String(me[..<me.lastIndex(of: "/")!]) : "."
    let binary = dir + "/bptutor"
    let empty = "/tmp/bptutor-bench-empty.bp"
    if let f = fopen(empty, "w") { fclose(f) }
    guard access(binary, X_OK) == 0 else { return nil }
    var times: [Double] = []
    for _ in 0..<runs {
        let start = now()
        var pid: pid_t = 0
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup(binary), strdup("eval"), strdup(empty), nil]
        defer { argv.forEach { free($0) } }
        guard posix_spawn(&pid, binary, &actions, nil, argv, environ) == 0 else { return nil }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        posix_spawn_file_actions_destroy(&actions)
        times.append(now() - start)
    }
    times.sort()
    return times[times.count / 2]
}
