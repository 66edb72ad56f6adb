import RelnaCore

/// Runs grouped by (domain, env) and ranked inside each group. Runs on different environments or
/// domains are never compared; runs of one package (same provenance digest) with the same
/// hyperparameters and different seeds are aggregated into one entry.
///
/// The order inside a group is total, so the same runs always give the same leaderboard: higher
/// evaluation mean return first, then lower standard deviation, then fewer training steps, then the
/// package digest (then the configuration digest, for one package run with different hyperparameters).
public struct Leaderboard: Sendable, Hashable {
    /// The metrics.json key entries are ranked by: the final network's evaluation, never a
    /// checkpoint selected during training (`eval_best_mean_return`).
    public static let rankedBy = "eval_mean_return"

    public var groups: [LeaderboardGroup]
    /// Runs left out while grouping (a second run of one package with the same seed).
    public var warnings: [Diagnostic]

    /// Ranks `runs`, keeping only those whose domain / env equal the filters when given.
    public init(runs: [RunRecord], domain: String? = nil, env: String? = nil) {
        let selected = runs.filter { run in
            (domain == nil || run.domain == domain) && (env == nil || run.env == env)
        }
        var byGroup: [GroupKey: [String: [RunRecord]]] = [:]
        for run in selected {
            byGroup[GroupKey(domain: run.domain, env: run.env), default: [:]][
                run.configurationDigest, default: []
            ]
            .append(run)
        }
        var warnings: [Diagnostic] = []
        groups = byGroup.keys.sorted().map { key in
            let packages = byGroup[key] ?? [:]
            var entries = packages.values.map { runs in
                LeaderboardEntry(aggregating: Leaderboard.unique(runs, warnings: &warnings))
            }
            LeaderboardEntry.labelSettings(&entries)
            entries.sort(by: LeaderboardEntry.ranksBefore)
            for index in entries.indices { entries[index].rank = index + 1 }
            return LeaderboardGroup(domain: key.domain, env: key.env, entries: entries)
        }
        self.warnings = warnings.sorted { lessByBytes($0.file, $1.file) }
    }

    /// One run per seed: the first by job dir path is kept, a repeat is reported and left out so it
    /// does not count twice in the mean over seeds.
    private static func unique(_ runs: [RunRecord], warnings: inout [Diagnostic]) -> [RunRecord] {
        var kept: [Int: RunRecord] = [:]
        for run in runs.sorted(by: { lessByBytes($0.jobDirectory, $1.jobDirectory) }) {
            if let first = kept[run.seed] {
                warnings.append(
                    Diagnostic(
                        severity: .warning, code: "rank-duplicate-run", file: run.jobDirectory, line: 0,
                        column: 0,
                        message:
                            "same package, hyperparameters and seed (\(run.seed)) as \(first.jobDirectory); "
                            + "run skipped"))
            } else {
                kept[run.seed] = run
            }
        }
        return kept.values.sorted { $0.seed < $1.seed }
    }

    private struct GroupKey: Hashable, Comparable {
        var domain: String
        var env: String

        static func < (lhs: GroupKey, rhs: GroupKey) -> Bool {
            lhs.domain != rhs.domain ? lessByBytes(lhs.domain, rhs.domain) : lessByBytes(lhs.env, rhs.env)
        }
    }
}

/// Compares by UTF-8 bytes: the same order on every machine and locale.
func lessByBytes(_ lhs: String, _ rhs: String) -> Bool {
    Array(lhs.utf8).lexicographicallyPrecedes(rhs.utf8)
}

/// The ranked entries of one (domain, env).
public struct LeaderboardGroup: Sendable, Hashable {
    public var domain: String
    public var env: String
    /// In rank order, ranks 1…n.
    public var entries: [LeaderboardEntry]

    public var runCount: Int { entries.reduce(0) { $0 + $1.runs.count } }
}

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

    /// Aggregates the runs of one package; `runs` is non-empty, sorted by seed.
    init(aggregating runs: [RunRecord]) {
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
        // One seed keeps its own deviation exactly, not a square root of its square.
        evalStdReturn = runs.count == 1 ? runs[0].evalStdReturn : variance.squareRoot()
        evalEpisodes = runs.reduce(0) { $0 + $1.evalEpisodes }
        trainSteps = runs.reduce(0) { $0 + Double($1.trainSteps) } / count
        wallTimeSeconds = runs.reduce(0) { $0 + $1.wallTimeSeconds } / count
        self.runs = runs
    }

    /// The leaderboard's total order: a strict weak order in which only identical digests tie.
    public static func ranksBefore(_ lhs: LeaderboardEntry, _ rhs: LeaderboardEntry) -> Bool {
        if lhs.evalMeanReturn != rhs.evalMeanReturn { return lhs.evalMeanReturn > rhs.evalMeanReturn }
        if lhs.evalStdReturn != rhs.evalStdReturn { return lhs.evalStdReturn < rhs.evalStdReturn }
        if lhs.trainSteps != rhs.trainSteps { return lhs.trainSteps < rhs.trainSteps }
        if lhs.packageDigest != rhs.packageDigest { return lessByBytes(lhs.packageDigest, rhs.packageDigest) }
        return lessByBytes(lhs.configurationDigest, rhs.configurationDigest)
    }
}
