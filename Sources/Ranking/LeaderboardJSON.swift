import RelnaCore

/// The leaderboard as one JSON document for scripts and the platform's services (`--format json`).
///
/// Keys appear in a fixed order and numbers in their shortest exact form, so equal input gives equal
/// bytes. `skipped` lists the warnings about runs that were left out, as printed on stderr; a group's
/// `unranked` lists the entries without a score (failed, rejected, duplicate) after its ranked ones.
/// Groups and ranked entries are laid out one key a line; runs, unranked entries and warnings one a line.
public enum LeaderboardJSON {
    /// A key and its value, already JSON text.
    private typealias Field = (key: String, value: String)

    public static func render(_ board: Leaderboard, skipped: [Diagnostic] = []) -> String {
        let bootstrap: [Field] = [
            ("method", quoted("percentile")), ("confidence", number(SeedStatistics.confidence)),
            ("resamples", "\(SeedStatistics.bootstrapResamples)"),
            ("seed", "\(SeedStatistics.bootstrapSeed)"),
            ("generator", quoted("splitmix64")),
        ]
        let warnings = skipped.map { warning in
            "    "
                + inline([
                    ("path", quoted(warning.file)), ("line", "\(warning.line)"),
                    ("column", "\(warning.column)"),
                    ("code", quoted(warning.code)), ("message", quoted(warning.message)),
                ])
        }
        let document: [Field] = [
            ("ranked_by", quoted(Leaderboard.rankedBy)), ("score", quoted(board.score.rawValue)),
            ("bootstrap", inline(bootstrap)),
            ("groups", array(board.groups.map { render($0, score: board.score) }, closing: "  ")),
            ("skipped", array(warnings, closing: "  ")),
        ]
        return block(document, at: "") + "\n"
    }

    private static func render(_ group: LeaderboardGroup, score: LeaderboardScore) -> String {
        let unranked = group.unranked.map { entry in
            "        "
                + inline([
                    ("name", quoted(entry.name)), ("status", quoted(entry.status.name)),
                    ("duplicate_of", entry.status.duplicateOf.map(quoted) ?? "null"),
                    ("reason", quoted(entry.reason)),
                    ("agent_sha256", entry.agentSHA256.map(quoted) ?? "null"),
                ])
        }
        return block(
            [
                ("domain", quoted(group.domain)), ("env", quoted(group.env)),
                ("entries", array(group.entries.map { render($0, score: score) }, closing: "      ")),
                ("unranked", array(unranked, closing: "      ")),
            ], at: "    ")
    }

    private static func render(_ entry: LeaderboardEntry, score: LeaderboardScore) -> String {
        // Values are already canonical JSON text.
        let settings = entry.hyperparameters.keys.sorted(by: lessByBytes).map { name in
            (name, entry.hyperparameters[name] ?? "null")
        }
        let runs = entry.runs.map { run in
            "            "
                + inline([
                    ("job_dir", quoted(run.jobDirectory)), ("seed", "\(run.seed)"),
                    ("eval_mean_return", number(run.evalMeanReturn)),
                    ("eval_std_return", number(run.evalStdReturn)), ("eval_episodes", "\(run.evalEpisodes)"),
                    ("train_episodes", "\(run.trainEpisodes)"), ("train_steps", "\(run.trainSteps)"),
                    ("wall_time_s", number(run.wallTimeSeconds)),
                ])
        }
        let statistics = entry.statistics
        return block(
            [
                ("rank", "\(entry.rank)"),
                (
                    "agent",
                    inline([("filename", quoted(entry.agentFilename)), ("sha256", quoted(entry.agentSHA256))])
                ),
                ("package_digest", quoted(entry.packageDigest)),
                ("configuration_digest", quoted(entry.configurationDigest)),
                ("hyperparameters", inline(settings)),
                ("eval_mean_return", number(entry.evalMeanReturn)),
                ("eval_std_return", number(entry.evalStdReturn)), ("eval_episodes", "\(entry.evalEpisodes)"),
                ("train_steps", number(entry.trainSteps)), ("wall_time_s", number(entry.wallTimeSeconds)),
                ("seeds", "[\(entry.seeds.map(String.init).joined(separator: ", "))]"),
                ("status", quoted("ranked")), ("score", number(score.value(of: entry))),
                ("eval_iqm_return", number(statistics.iqm)),
                ("eval_mean_return_ci95", interval(statistics.meanInterval)),
                ("eval_iqm_return_ci95", interval(statistics.iqmInterval)),
                ("seed_std_return", number(statistics.std)),
                ("mean_minus_std", number(LeaderboardScore.meanMinusStd.value(of: entry))),
                ("runs", array(runs, closing: "          ")),
            ], at: "        ")
    }

    /// An object one key a line, its braces at `indent` and its keys two spaces further in.
    private static func block(_ fields: [Field], at indent: String) -> String {
        let lines = fields.map { "\(indent)  \(quoted($0.key)): \($0.value)" }
        return "\(indent){\n\(lines.joined(separator: ",\n"))\n\(indent)}"
    }

    /// An object on one line.
    private static func inline(_ fields: [Field]) -> String {
        "{\(fields.map { "\(quoted($0.key)): \($0.value)" }.joined(separator: ", "))}"
    }

    /// An array of items already laid out one a line (indented), its `]` at `closing`; `[]` when empty.
    private static func array(_ items: [String], closing: String) -> String {
        items.isEmpty ? "[]" : "[\n\(items.joined(separator: ",\n"))\n\(closing)]"
    }

    private static func quoted(_ text: String) -> String { LocatedJSON.quoted(text) }
    private static func number(_ value: Double) -> String { RankNumberFormat.exact(value) }
    private static func interval(_ value: ConfidenceInterval) -> String {
        "[\(number(value.lower)), \(number(value.upper))]"
    }
}
