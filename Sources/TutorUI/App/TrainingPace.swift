import BackpropCore

/// How fast the screen's training run goes. At the default pace a run takes about
/// `watchSeconds` whatever its length, so a lesson's 5,000 epochs of XOR can be
/// watched (at full speed they take 0.15 s and the curve is a step); `+` and `-`
/// double and halve it. Epochs are whole: a pace below one epoch a tick carries the
/// fraction over (`credit`), so a slow run advances one epoch every few ticks.
struct TrainingPace: Sendable, Equatable {
    /// Powers of two from the default pace: 1 is twice as fast, −1 half as fast.
    private(set) var level = 0
    /// The fraction of an epoch carried to the next tick.
    private var credit = 0.0

    static let levels = -6...10
    /// The screen's ticks per second (the terminal's default tick interval is 50 ms).
    static let ticksPerSecond = 20.0
    /// A run at the default pace takes about this many seconds.
    static let watchSeconds = 3.0

    /// Twice as fast; false at the fastest pace.
    mutating func faster() -> Bool { change(by: 1) }
    /// Half as fast; false at the slowest pace.
    mutating func slower() -> Bool { change(by: -1) }

    private mutating func change(by delta: Int) -> Bool {
        guard Self.levels.contains(level + delta) else { return false }
        level += delta
        credit = 0
        return true
    }

    /// 2^level.
    var factor: Double {
        level >= 0 ? Double(1 << level) : 1 / Double(1 << -level)
    }

    /// "×2", "×1/4": the pace as the status line shows it (empty at the default pace).
    var label: String {
        level == 0 ? "" : level > 0 ? "×\(1 << level)" : "×1/\(1 << -level)"
    }

    /// Epochs a tick advances a run of `epochs` by at this pace (a fraction below 1).
    func epochsPerTick(ofRunOf epochs: Int) -> Double {
        Double(max(1, epochs)) / (Self.watchSeconds * Self.ticksPerSecond) * factor
    }

    /// The whole epochs this tick advances (the fraction is kept for the next).
    mutating func epochsThisTick(ofRunOf epochs: Int) -> Int {
        credit += epochsPerTick(ofRunOf: epochs)
        let whole = credit.rounded(.down)
        credit -= whole
        return whole >= Double(Int.max / 2) ? Int.max / 2 : Int(whole)
    }
}
