// bptutor-bench: the figures quoted in notes. Run with `scripts/bench`
// (a release build). Times are medians on this machine.

print("bptutor benchmarks (release build)")
if let startup = startupTime() {
    print("  start-up, 'bptutor eval' on an empty script: \(formatDuration(startup))")
} else {
    print("  start-up: the bptutor binary was not found next to bptutor-bench (build it first)")
}
for (label, figure) in graphBenchmarks() {
    print("  \(label): \(figure)")
}
