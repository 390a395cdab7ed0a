import TermCore
#if canImport(Glibc)
import Glibc
#endif
import BackpropCore
import ScriptSyntax

/// What the network commands' text shares: compact vectors, tables, sparklines, percentages.
/// (Each command's own lines are in its file in Commands/.)
extension TextOutput {
    /// A vector on one line; past 10 entries, its first 6 and last 2 and how many there are.
    func compactVector(_ v: [Double]) -> String {
        let f = settings.numberFormat
        guard v.count > 10 else { return "[" + v.map(f.format).joined(separator: ", ") + "]" }
        return "[" + (v.prefix(6).map(f.format) + ["…"] + v.suffix(2).map(f.format)).joined(separator: ", ")
            + "] (\(v.count) entries)"
    }

    /// A tensor on one line, abbreviated past 12 entries.
    func compactTensor(_ t: Tensor) -> String {
        t.count <= 12 ? MatrixText.inline(t, numbers: settings.numberFormat) : "⟨\(t.shape)⟩ " + compactVector(t.storage)
    }

    func percent(_ a: Double) -> String {
        NumberFormat(digits: 4).format(a * 100) + " %"
    }

    /// Rows of cells, each column left-aligned, indented by two spaces.
    func table(_ rows: [[String]]) -> [String] {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { j in rows.map { j < $0.count ? DisplayWidth.of($0[j]) : 0 }.max() ?? 0 }
        return rows.map { row in
            ("  " + row.enumerated().map { j, cell in DisplayWidth.pad(cell, to: widths[j]) }.joined(separator: "  "))
                .trailingSpacesRemoved
        }
    }

    /// A row of block characters tracing `values` (resampled to `width` columns), on a
    /// log scale when the values are positive and span more than two decades (losses).
    static func sparkline(_ values: [Double], width: Int) -> String {
        var values = values
        if let lo = values.min(), lo > 0, let hi = values.max(), hi / lo > 100 {
            values = values.map { log10($0) }
        }
        let finite = values.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max(), !values.isEmpty else { return "" }
        let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
        let n = min(width, values.count)
        return String((0..<n).map { k -> Character in
            let v = values[k * (values.count - 1) / max(1, n - 1)]
            guard v.isFinite else { return "!" }
            let level = hi > lo ? Int(((v - lo) / (hi - lo) * 7).rounded()) : 0
            return blocks[max(0, min(7, level))]
        })
    }
}
