import RelnaCore

/// The leaderboard as one JSON document for scripts and the platform's services (`--format json`).
///
/// Keys appear in a fixed order and numbers in their shortest exact form, so equal input gives equal
/// bytes. `skipped` lists the warnings about runs that were left out, as printed on stderr; a group's
/// `unranked` lists the entries without a score (failed, rejected, duplicate) after its ranked ones.
public enum LeaderboardJSON {
    public static func render(_ board: Leaderboard, skipped: [Diagnostic] = []) -> String {
        var out = "{\n  \"ranked_by\": \(quoted(Leaderboard.rankedBy)),\n"
        out += "  \"score\": \(quoted(board.score.rawValue)),\n"
        out += "  \"bootstrap\": {\"method\": \"percentile\", \"confidence\": "
        out += "\(number(SeedStatistics.confidence)), \"resamples\": \(SeedStatistics.bootstrapResamples), "
        out += "\"seed\": \(SeedStatistics.bootstrapSeed), \"generator\": \"splitmix64\"},\n"
        out += "  \"groups\": ["
        for (groupIndex, group) in board.groups.enumerated() {
            out += groupIndex == 0 ? "\n" : ",\n"
            out += "    {\n"
            out += "      \"domain\": \(quoted(group.domain)),\n"
            out += "      \"env\": \(quoted(group.env)),\n"
            out += "      \"entries\": ["
            for (entryIndex, entry) in group.entries.enumerated() {
                out += entryIndex == 0 ? "\n" : ",\n"
                out += render(entry, score: board.score)
            }
            out += group.entries.isEmpty ? "],\n" : "\n      ],\n"
            out += "      \"unranked\": ["
            for (index, entry) in group.unranked.enumerated() {
                out += index == 0 ? "\n" : ",\n"
                out += render(entry)
            }
            out += group.unranked.isEmpty ? "]\n" : "\n      ]\n"
            out += "    }"
        }
        out += board.groups.isEmpty ? "],\n" : "\n  ],\n"
        out += "  \"skipped\": ["
        for (index, warning) in skipped.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "    {\"path\": \(quoted(warning.file)), \"line\": \(warning.line), "
            out += "\"column\": \(warning.column), \"code\": \(quoted(warning.code)), "
            out += "\"message\": \(quoted(warning.message))}"
        }
        out += skipped.isEmpty ? "]\n" : "\n  ]\n"
        return out + "}\n"
    }

    private static func render(_ entry: UnrankedEntry) -> String {
        var out = "        {\"name\": \(quoted(entry.name)), \"status\": \(quoted(entry.status.name)), "
        out += "\"duplicate_of\": \(entry.status.duplicateOf.map(quoted) ?? "null"), "
        out += "\"reason\": \(quoted(entry.reason)), "
        return out + "\"agent_sha256\": \(entry.agentSHA256.map(quoted) ?? "null")}"
    }

    private static func render(_ entry: LeaderboardEntry, score: LeaderboardScore) -> String {
        let indent = "          "
        var out = "        {\n"
        out += "\(indent)\"rank\": \(entry.rank),\n"
        out += "\(indent)\"agent\": {\"filename\": \(quoted(entry.agentFilename)), "
        out += "\"sha256\": \(quoted(entry.agentSHA256))},\n"
        out += "\(indent)\"package_digest\": \(quoted(entry.packageDigest)),\n"
        out += "\(indent)\"configuration_digest\": \(quoted(entry.configurationDigest)),\n"
        // Values are already canonical JSON text.
        let settings = entry.hyperparameters.keys.sorted(by: lessByBytes).map { name in
            "\(quoted(name)): \(entry.hyperparameters[name] ?? "null")"
        }
        out += "\(indent)\"hyperparameters\": {\(settings.joined(separator: ", "))},\n"
        out += "\(indent)\"eval_mean_return\": \(number(entry.evalMeanReturn)),\n"
        out += "\(indent)\"eval_std_return\": \(number(entry.evalStdReturn)),\n"
        out += "\(indent)\"eval_episodes\": \(entry.evalEpisodes),\n"
        out += "\(indent)\"train_steps\": \(number(entry.trainSteps)),\n"
        out += "\(indent)\"wall_time_s\": \(number(entry.wallTimeSeconds)),\n"
        out += "\(indent)\"seeds\": [\(entry.seeds.map(String.init).joined(separator: ", "))],\n"
        out += "\(indent)\"status\": \"ranked\",\n"
        out += "\(indent)\"score\": \(number(score.value(of: entry))),\n"
        out += "\(indent)\"eval_iqm_return\": \(number(entry.statistics.iqm)),\n"
        out += "\(indent)\"eval_mean_return_ci95\": \(interval(entry.statistics.meanInterval)),\n"
        out += "\(indent)\"eval_iqm_return_ci95\": \(interval(entry.statistics.iqmInterval)),\n"
        out += "\(indent)\"seed_std_return\": \(number(entry.statistics.std)),\n"
        out += "\(indent)\"mean_minus_std\": \(number(LeaderboardScore.meanMinusStd.value(of: entry))),\n"
        out += "\(indent)\"runs\": ["
        for (index, run) in entry.runs.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            out += "\(indent)  {\"job_dir\": \(quoted(run.jobDirectory)), \"seed\": \(run.seed), "
            out += "\"eval_mean_return\": \(number(run.evalMeanReturn)), "
            out += "\"eval_std_return\": \(number(run.evalStdReturn)), "
            out += "\"eval_episodes\": \(run.evalEpisodes), \"train_episodes\": \(run.trainEpisodes), "
            out += "\"train_steps\": \(run.trainSteps), \"wall_time_s\": \(number(run.wallTimeSeconds))}"
        }
        out += "\n\(indent)]\n"
        return out + "        }"
    }

    private static func quoted(_ text: String) -> String { LocatedJSON.quoted(text) }
    private static func number(_ value: Double) -> String { RankNumberFormat.exact(value) }
    private static func interval(_ value: ConfidenceInterval) -> String {
        "[\(number(value.lower)), \(number(value.upper))]"
    }
}
