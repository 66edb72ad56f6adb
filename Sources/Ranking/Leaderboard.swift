import RelnaCore

/// Runs grouped by (domain, env) and ranked inside each group. Runs on different environments or
/// domains are never compared; runs of one package (same provenance digest) with the same
/// hyperparameters and different seeds are aggregated into one entry.
///
/// The order inside a group is total, so the same runs always give the same leaderboard: see
/// `LeaderboardEntry.ranksBefore(_:_:by:)` and docs/rank.md. Entries without a score
/// (`UnrankedEntry`) follow the ranked ones of their group.
public struct Leaderboard: Sendable, Hashable {
    /// The metrics.json key entries are ranked by: the final network's evaluation, never a
    /// checkpoint selected during training (`eval_best_mean_return`).
    public static let rankedBy = "eval_mean_return"

    /// What the entries are ranked by.
    public var score: LeaderboardScore
    public var groups: [LeaderboardGroup]
    /// Runs left out while grouping (a second run of one package with the same seed).
    public var warnings: [Diagnostic]

    /// Ranks `runs` by `score`, keeping only runs and unranked entries whose domain / env equal the
    /// filters when given. Runs that share a configuration digest are one entry (their seeds), so a
    /// caller passes the runs of a shared package once and lists its other submitters as
    /// `.duplicate` in `unranked`. The name shown for an entry is its runs' `agentFilename`.
    public init(
        runs: [RunRecord], unranked: [UnrankedEntry] = [], score: LeaderboardScore = .mean,
        domain: String? = nil, env: String? = nil
    ) {
        let matches = { (entryDomain: String, entryEnv: String) in
            (domain == nil || entryDomain == domain) && (env == nil || entryEnv == env)
        }
        var byGroup: [GroupKey: [String: [RunRecord]]] = [:]
        for run in runs where matches(run.domain, run.env) {
            byGroup[GroupKey(domain: run.domain, env: run.env), default: [:]][
                run.configurationDigest, default: []
            ]
            .append(run)
        }
        var unrankedByGroup: [GroupKey: [UnrankedEntry]] = [:]
        for entry in unranked where matches(entry.domain, entry.env) {
            let key = GroupKey(domain: entry.domain, env: entry.env)
            unrankedByGroup[key, default: []].append(entry)
            if byGroup[key] == nil { byGroup[key] = [:] }  // a group may hold only unranked entries
        }
        var warnings: [Diagnostic] = []
        var draws = BootstrapDraws.Table()
        self.score = score
        groups = byGroup.keys.sorted().map { key in
            let packages = byGroup[key] ?? [:]
            var entries = packages.values.map { runs in
                LeaderboardEntry(aggregating: Leaderboard.unique(runs, warnings: &warnings), draws: &draws)
            }
            LeaderboardEntry.labelSettings(&entries)
            entries.sort { LeaderboardEntry.ranksBefore($0, $1, by: score) }
            for index in entries.indices { entries[index].rank = index + 1 }
            return LeaderboardGroup(
                domain: key.domain, env: key.env, entries: entries,
                unranked: (unrankedByGroup[key] ?? []).sorted(by: UnrankedEntry.listsBefore))
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
    /// Listed after the ranked entries, in `UnrankedEntry.listsBefore` order.
    public var unranked: [UnrankedEntry] = []

    public var runCount: Int { entries.reduce(0) { $0 + $1.runs.count } }
}
