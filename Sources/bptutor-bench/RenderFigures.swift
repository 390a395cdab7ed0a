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
    if let text = readText("Lessons/02-xor.lesson"),
       case .success(let lesson) = Lesson.parse(SourceFile(name: "02-xor.lesson", text: text), path: "Lessons/02-xor.lesson") {
        for (w, h) in [(120, 40), (250, 70)] {
            let live = RenderBenchmark.liveTrainingTick(lesson: lesson, step: 8, width: w, height: h)
            results.append(("training tick, 02-xor step 9, live plots, \(w)×\(h): update / frame",
                            "\(formatDuration(live.update / 1000)) / \(formatDuration(live.frame / 1000)) (yardstick: frame under 2 ms)"))
        }
    }
    return results
}

func readText(_ path: String) -> String? {
    var lines: [String] = []
    let failure = TextFileLines.forEach(path: path) { (line: UnsafeBufferPointer<UInt8>) in
        lines.append(String(decoding: line, as: UTF8.self))
    }
    return failure == nil ? lines.joined(separator: "\n") : nil
}

/// Key to screen: `n` (run the next step) then a full 120×40 frame, averaged over
/// a lesson's steps; and the first frame: parsing, the validation run, the
/// initial state and the first view (the process start-up is timed separately).
func interactionBenchmarks() -> [(String, String)] {
    var results: [(String, String)] = []
    for id in ["02-xor", "04-two-layer-backprop"] {
        let path = "Lessons/\(id).lesson"
        guard let text = readText(path) else { continue }
        let start = now()
        guard case .success(let lesson) = Lesson.parse(SourceFile(name: path, text: text), path: path) else { continue }
        _ = lesson.runtimeProblems(seeds: [0])
        let first = AppState(session: LessonSession(lesson: lesson, seed: 0), startAt: 0)
        _ = first.view(width: 120, height: 40)
        results.append(("first frame of \(id) (parse, validate, state, view)", formatDuration(now() - start)))

        var state = first
        var worst = 0.0, total = 0.0
        for _ in 1..<lesson.steps.count {
            let t0 = now()
            _ = state.update(.key(.character("n")))
            while state.lesson?.trainingRunning == true { _ = state.update(.tick) }   // a train runs on ticks
            _ = state.view(width: 120, height: 40)
            let dt = now() - t0
            total += dt
            worst = max(worst, dt)
        }
        let steps = Double(max(1, lesson.steps.count - 1))
        results.append(("key to screen, 'n' through \(id), 120×40", "mean \(formatDuration(total / steps)), worst \(formatDuration(worst))"))
    }
    return results
}
