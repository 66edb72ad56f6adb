/// The bootstrap's resample indices for one number of runs: `SeedStatistics.bootstrapResamples` draws
/// of `runs` indices each, in the order `SeedStatistics.bootstrapSeed`'s generator gives them. They
/// depend on the number of runs alone, so a leaderboard draws them once per seed count and every entry
/// with that many runs shares them (`Table`), rather than drawing the same stream again per entry.
struct BootstrapDraws: Sendable {
    let runs: Int
    /// Resample after resample: resample `r` picks `indices[r * runs ..< (r + 1) * runs]`.
    let indices: [Int32]

    init(runs: Int) {
        var generator = SplitMix64(seed: SeedStatistics.bootstrapSeed)
        indices = (0..<(SeedStatistics.bootstrapResamples * runs)).map { _ in
            Int32(generator.index(below: runs))
        }
        self.runs = runs
    }

    /// The draws of each number of runs met so far, made on first use.
    struct Table: Sendable {
        private var byRuns: [Int: BootstrapDraws] = [:]

        mutating func draws(runs: Int) -> BootstrapDraws {
            if let draws = byRuns[runs] { return draws }
            let draws = BootstrapDraws(runs: runs)
            byRuns[runs] = draws
            return draws
        }
    }
}
