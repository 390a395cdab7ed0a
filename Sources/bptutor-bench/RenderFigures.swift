#if canImport(Glibc)
import Glibc
#endif
import ScriptSyntax
import TutorScript
import TutorUI

/// Render figures: a full frame of lesson screens at 80×24, 120×40 and
/// 250×70 (the busiest: XOR's last step, with the decision-region plot).
func renderBenchmarks() -> [(String, String)] {
    var results: [(String, String)] = []
    for (id, step) in [("02-xor", 8), ("04-two-layer-backprop", 3), ("01-perceptron", 7)] {
        let path = "Lessons/\(id).lesson"
        guard let text = readText(path) else {
            results.append(("render \(id)", "\(path) not found (run from the package folder)"))
            continue
        }
        for (w, h) in [(80, 24), (120, 40), (250, 70)] {
            if let ms = RenderBenchmark.busiestFrame(source: text, path: path, step: step, width: w, height: h) {
                results.append(("full frame, \(id) step \(step + 1), \(w)×\(h)", formatDuration(ms / 1000)))
            }
        }
    }
    return results
}

private func readText(_ path: String) -> String? {
    var lines: [String] = []
    let failure = TextFileLines.forEach(path: path) { (line: UnsafeBufferPointer<UInt8>) in
        lines.append(String(decoding: line, as: UTF8.self))
    }
    return failure == nil ? lines.joined(separator: "\n") : nil
}
