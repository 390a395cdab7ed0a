#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Monotonic time in seconds.
func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) * 1e-9
}

/// Runs `body` repeatedly for about `seconds` (after a warm-up) and returns
/// the median of per-batch mean times, in seconds per call.
func measure(seconds: Double = 0.5, _ body: () -> Void) -> Double {
    body()
    var calls = 1
    var start = now()
    body()
    var elapsed = now() - start
    while elapsed < 0.02 {
        calls *= 2
        start = now()
        for _ in 0..<calls { body() }
        elapsed = now() - start
    }
    var samples: [Double] = []
    let deadline = now() + seconds
    repeat {
        start = now()
        for _ in 0..<calls { body() }
        samples.append((now() - start) / Double(calls))
    } while now() < deadline
    samples.sort()
    return samples[samples.count / 2]
}

func formatDuration(_ seconds: Double) -> String {
    if seconds < 1e-6 { return "\(rounded(seconds * 1e9)) ns" }
    if seconds < 1e-3 { return "\(rounded(seconds * 1e6)) µs" }
    if seconds < 1 { return "\(rounded(seconds * 1e3)) ms" }
    return "\(rounded(seconds)) s"
}

private func rounded(_ x: Double) -> String {
    let r = (x * 100).rounded() / 100
    return r == r.rounded() ? String(Int(r)) : String(r)
}
