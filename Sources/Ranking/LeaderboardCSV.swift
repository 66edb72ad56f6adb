import Foundation

/// The leaderboard as CSV (RFC 4180): one row per entry, every group in one table; a group's unranked
/// entries follow its ranked ones with an empty rank and score columns and their status and reason.
public enum LeaderboardCSV {
    static let header = [
        "rank", "domain", "env", "agent_filename", "agent_sha256", "package_digest", "configuration_digest",
        "eval_mean_return",
        "eval_std_return", "eval_episodes", "train_steps", "wall_time_s", "seed_count", "seeds",
        // Added with the per-seed statistics; older columns keep their places.
        "score", "eval_iqm_return", "eval_mean_ci95_low", "eval_mean_ci95_high", "eval_iqm_ci95_low",
        "eval_iqm_ci95_high", "seed_std_return", "mean_minus_std", "status", "duplicate_of", "reason",
    ]

    public static func render(_ board: Leaderboard) -> String {
        var lines = [header.joined(separator: ",")]
        for group in board.groups {
            for entry in group.entries {
                let fields = [
                    String(entry.rank), group.domain, group.env, entry.agentFilename, entry.agentSHA256,
                    entry.packageDigest, entry.configurationDigest,
                    RankNumberFormat.exact(entry.evalMeanReturn),
                    RankNumberFormat.exact(entry.evalStdReturn), String(entry.evalEpisodes),
                    RankNumberFormat.exact(entry.trainSteps), RankNumberFormat.exact(entry.wallTimeSeconds),
                    String(entry.seeds.count), entry.seeds.map(String.init).joined(separator: " "),
                ]
                let statistics = entry.statistics
                let added = [
                    board.score.value(of: entry), statistics.iqm, statistics.meanInterval.lower,
                    statistics.meanInterval.upper, statistics.iqmInterval.lower, statistics.iqmInterval.upper,
                    statistics.std, LeaderboardScore.meanMinusStd.value(of: entry),
                ].map(RankNumberFormat.exact)
                lines.append((fields + added + ["ranked", "", ""]).map(field).joined(separator: ","))
            }
            for entry in group.unranked {
                var fields = ["", group.domain, group.env, entry.name, entry.agentSHA256 ?? ""]
                fields += Array(repeating: "", count: header.count - fields.count - 3)
                fields += [entry.status.name, entry.status.duplicateOf ?? "", entry.reason]
                lines.append(fields.map(field).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field when it holds a comma, a quote or a line break; a leading `=`, `+`, `-` or `@`
    /// is prefixed with `'` so a spreadsheet does not run a file name as a formula.
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return value
        }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
