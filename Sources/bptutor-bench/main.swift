// bptutor-bench: the figures quoted in notes. Run with `scripts/bench`
// (a release build) from the package folder. Times are medians (graph,
// start-up, render means) or single runs (training) on this machine; other
// load on the machine shows in them. `--only graph|training|render|startup|grading`
// runs one group (e.g. under a profiler); `--train xor|digits-sigmoid|digits-relu`
// runs one yardstick computation and prints "seconds loss" (scripts/bench).
#if canImport(Glibc)
import Glibc
#endif
import BackpropCore

let only = CommandLine.arguments.firstIndex(of: "--only").flatMap {
    $0 + 1 < CommandLine.arguments.count ? CommandLine.arguments[$0 + 1] : nil
}
func wanted(_ group: String) -> Bool { only == nil || only == group }

if let train = CommandLine.arguments.firstIndex(of: "--train"), train + 1 < CommandLine.arguments.count {
    guard let line = comparisonRun(CommandLine.arguments[train + 1]) else {
        print("usage: bptutor-bench --train xor|digits-sigmoid|digits-relu (from the package folder)")
        exit(2)
    }
    print(line)
    exit(0)
}

print("bptutor benchmarks (release build)")
if wanted("startup") {
    if let startup = startupTime() {
        print("  start-up, 'bptutor eval' on an empty script: \(formatDuration(startup))")
    } else {
        print("  start-up: the bptutor binary was not found next to bptutor-bench (build it first)")
    }
}
let groups: [(String, () -> [(String, String)])] = [
    ("graph", graphBenchmarks), ("training", trainingBenchmarks), ("render", { renderBenchmarks() + interactionBenchmarks() }),
    ("grading", { gradingBenchmarks() }),
]
for (name, run) in groups where wanted(name) {
    for (label, figure) in run() {
        print("  \(label): \(figure)")
    }
}
