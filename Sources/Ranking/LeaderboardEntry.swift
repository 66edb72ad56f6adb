/// One package on the leaderboard: its runs (one per seed) and their aggregate.
public struct LeaderboardEntry: Sendable, Hashable {
    public var rank: Int
    public var agentFilename: String
    public var agentSHA256: String
    public var packageDigest: String
    public var configurationDigest: String
    /// The runs' hyperparameters (name → canonical JSON value); equal for every run of the entry.
    public var hyperparameters: [String: String]
    /// `name=value` for each hyperparameter in which this entry differs from another entry of the same
    /// package in its group, so two tuning trials of one agent can be told apart; usually empty.
    public var distinguishingSettings: [String] = []
    /// Mean over seeds of each run's evaluation mean return.
    public var evalMeanReturn: Double
    /// Standard deviation of the evaluation returns of all seeds together, each seed weighted equally
    /// (within-seed spread plus the spread between seeds); one seed's own deviation when there is one.
    public var evalStdReturn: Double
    /// IQM, spread across seeds and bootstrap intervals of the per-seed `eval_mean_return` values.
    public var statistics: SeedStatistics
    /// Evaluation episodes summed over seeds.
    public var evalEpisodes: Int
    /// Means over seeds.
    public var trainSteps: Double
    public var wallTimeSeconds: Double
    /// Sorted by seed, each seed once.
    public var runs: [RunRecord]

    public var seeds: [Int] { runs.map(\.seed) }

    /// The agent as people name it: file name and the start of its digest (and the settings that tell
    /// it apart from another entry of the same package).
    public var agentLabel: String {
        let label = "\(agentFilename) \(agentSHA256.prefix(8))"
        return distinguishingSettings.isEmpty
            ? label : label + " (\(distinguishingSettings.joined(separator: ", ")))"
    }

    /// Fills `distinguishingSettings` for entries that share a package digest.
    static func labelSettings(_ entries: inout [LeaderboardEntry]) {
        let byPackage = Dictionary(grouping: entries.indices) { entries[$0].packageDigest }
        for indices in byPackage.values where indices.count > 1 {
            let names = Set(indices.flatMap { entries[$0].hyperparameters.keys })
            let differing = names.filter { name in
                Set(indices.map { entries[$0].hyperparameters[name] ?? "(unset)" }).count > 1
            }.sorted(by: lessByBytes)
            for index in indices {
                entries[index].distinguishingSettings = differing.map { name in
                    "\(name)=\(entries[index].hyperparameters[name] ?? "unset")"
                }
            }
        }
    }

    /// Aggregates the runs of one package; `runs` is non-empty, sorted by seed. `draws` holds the
    /// bootstrap's resamples by seed count, shared by the entries of a leaderboard.
    init(aggregating runs: [RunRecord], draws: inout BootstrapDraws.Table) {
        let count = Double(max(runs.count, 1))
        let mean = runs.reduce(0) { $0 + $1.evalMeanReturn } / count
        let variance =
            runs.reduce(0) { sum, run in
                let offset = run.evalMeanReturn - mean
                return sum + run.evalStdReturn * run.evalStdReturn + offset * offset
            } / count
        rank = 0
        agentFilename = runs.first?.agentFilename ?? ""
        agentSHA256 = runs.first?.agentSHA256 ?? ""
        packageDigest = runs.first?.packageDigest ?? ""
        configurationDigest = runs.first?.configurationDigest ?? ""
        hyperparameters = runs.first?.hyperparameters ?? [:]
        evalMeanReturn = mean
        statistics = SeedStatistics(scores: runs.map(\.evalMeanReturn), draws: &draws)
        // One seed keeps its own deviation exactly, not a square root of its square.
        evalStdReturn = runs.count == 1 ? runs[0].evalStdReturn : variance.squareRoot()
        evalEpisodes = runs.reduce(0) { $0 + $1.evalEpisodes }
        trainSteps = runs.reduce(0) { $0 + Double($1.trainSteps) } / count
        wallTimeSeconds = runs.reduce(0) { $0 + $1.wallTimeSeconds } / count
        self.runs = runs
    }

    /// The leaderboard's total order (docs/rank.md): higher `score`, then higher eval mean, then lower
    /// eval std, then fewer training steps, then the name shown, then the package and configuration
    /// digests (byte order). Only entries with identical configuration digests can tie, and those are
    /// one entry.
    public static func ranksBefore(
        _ lhs: LeaderboardEntry, _ rhs: LeaderboardEntry, by score: LeaderboardScore
    )
        -> Bool
    {
        let left = score.value(of: lhs)
        let right = score.value(of: rhs)
        if left != right { return left > right }
        if lhs.evalMeanReturn != rhs.evalMeanReturn { return lhs.evalMeanReturn > rhs.evalMeanReturn }
        if lhs.evalStdReturn != rhs.evalStdReturn { return lhs.evalStdReturn < rhs.evalStdReturn }
        if lhs.trainSteps != rhs.trainSteps { return lhs.trainSteps < rhs.trainSteps }
        if lhs.agentFilename != rhs.agentFilename { return lessByBytes(lhs.agentFilename, rhs.agentFilename) }
        if lhs.packageDigest != rhs.packageDigest { return lessByBytes(lhs.packageDigest, rhs.packageDigest) }
        return lessByBytes(lhs.configurationDigest, rhs.configurationDigest)
    }
}
