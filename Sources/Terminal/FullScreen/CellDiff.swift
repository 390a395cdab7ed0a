import TermCore


/// Which cells of a frame to draw, given the frame already on the screen. Pure.
enum CellDiff {
    /// A run of cells to draw on one row, left to right from `x`.
    struct Run: Equatable {
        var y: Int
        var x: Int
        /// Columns covered (continuation cells included).
        var count: Int
    }

    /// The runs of `next` that differ from `previous`. Everything when there is no
    /// previous frame or its size differs. A changed cell inside a wide
    /// character redraws the whole character; continuation cells are never the
    /// start of a run.
    static func runs(from previous: ScreenBuffer?, to next: ScreenBuffer) -> [Run] {
        let width = next.width
        guard width > 0, next.height > 0 else { return [] }
        let full = previous == nil || previous!.width != width || previous!.height != next.height
        var runs: [Run] = []
        for y in 0..<next.height {
            var changed = [Bool](repeating: full, count: width)
            if !full, let previous {
                for x in 0..<width where previous[x, y] != next[x, y] { changed[x] = true }
                // A changed continuation cell: its wide character must be drawn again.
                for x in stride(from: width - 1, through: 1, by: -1) where changed[x] && next[x, y] == .continuation {
                    changed[x - 1] = true
                }
                // A changed wide character covers its continuation cell too.
                for x in 0..<(width - 1) where changed[x] && next[x + 1, y] == .continuation {
                    changed[x + 1] = true
                }
            }
            var x = 0
            while x < width {
                guard changed[x] else { x += 1; continue }
                var end = x
                while end < width && changed[end] { end += 1 }
                var start = x
                while start < end && next[start, y] == .continuation { start += 1 }
                if start < end { runs.append(Run(y: y, x: start, count: end - start)) }
                x = end
            }
        }
        return runs
    }
}
