#if canImport(Glibc)
import Glibc
#endif
import BackpropCore
import TutorScript

/// Training figures: XOR 2-2-1 (20,000 epochs), the digits 64-32-10 (300 epochs
/// of full batch, then minibatch and sgd), and the process's peak resident memory.
func trainingBenchmarks() -> [(String, String)] {
    var results: [(String, String)] = []
    let xor = TrainingBenchmarks.xor()
    results.append((xor.name, "\(formatDuration(xor.seconds)) (final loss \(short(xor.result.loss)))"))
    guard let digits = loadDigits() else {
        results.append(("digits", "Lessons/data/digits.csv not found (run from the package folder)"))
        return results
    }
    for (mode, epochs, eta) in [(TrainingMode.batch, 300, 0.1), (.minibatch, 30, 0.01), (.sgd, 30, 0.001)] {
        let t = TrainingBenchmarks.digits(digits, epochs: epochs, eta: eta, mode: mode)
        let accuracy = t.result.accuracy.map { " \(short($0 * 100)) %" } ?? ""
        results.append((t.name + ", η = \(eta)", "\(formatDuration(t.seconds)) (loss \(short(t.result.loss)),\(accuracy))"))
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    results.append(("peak resident memory of this process", "\(usage.ru_maxrss / 1024) MB"))
    return results
}

private func short(_ x: Double) -> String { NumberFormat(digits: 4).format(x) }

/// Streams the digits file into the engine's CSV reader (as `data load` does).
private func loadDigits() -> Dataset? {
    guard var reader = try? CSVDataReader(name: "digits", targets: .classes(10)) else { return nil }
    do throws(DataError) {
        let failure = try TextFileLines.forEach(path: "Lessons/data/digits.csv") { (line: UnsafeBufferPointer<UInt8>) throws(DataError) in
            try reader.consume(utf8: line)
        }
        guard failure == nil else { return nil }
        return try reader.finish()
    } catch {
        return nil
    }
}

/// One run of a yardstick comparison (`--train xor|digits-sigmoid|digits-relu`):
/// the same computation as Benchmarks/xor.c or Benchmarks/digits_numpy.py, printed
/// as "seconds final-loss" so scripts/bench can take medians over processes.
func comparisonRun(_ name: String) -> String? {
    let timing: TrainingBenchmarks.Timing
    switch name {
    case "xor":
        timing = TrainingBenchmarks.xor(epochs: 200_000, eta: 0.5)
    case "digits-sigmoid", "digits-relu":
        guard let digits = loadDigits() else { return nil }
        var scaled = Dataset(name: "digits / 16", inputWidth: digits.inputWidth, targetWidth: digits.targetWidth,
                             inputs: digits.inputs.map { $0 / 16 }, targets: digits.targets)
        scaled.classes = 10
        let sigmoid = name == "digits-sigmoid"
        timing = TrainingBenchmarks.digits(scaled, activation: sigmoid ? .sigmoid : .relu, epochs: 300,
                                           eta: sigmoid ? 2 : 0.5)
    default:
        return nil
    }
    return "\(timing.seconds) \(short(timing.result.loss))"
}
