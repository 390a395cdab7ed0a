// bptutor-bench: the figures quoted in notes. Run with `scripts/bench`
// (a release build). Times are medians (graph, start-up) or single runs
// (training) on this machine; other load on the machine shows in them.
#if canImport(Glibc)
import Glibc
#endif
import BackpropCore

print("bptutor benchmarks (release build)")
if let startup = startupTime() {
    print("  start-up, 'bptutor eval' on an empty script: \(formatDuration(startup))")
} else {
    print("  start-up: the bptutor binary was not found next to bptutor-bench (build it first)")
}
for (label, figure) in graphBenchmarks() {
    print("  \(label): \(figure)")
}
for (label, figure) in trainingBenchmarks() {
    print("  \(label): \(figure)")
}
