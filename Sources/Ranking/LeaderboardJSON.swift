import RelnaCore

/// The leaderboard as one JSON document for scripts and the platform's services (`--format json`).
///
/// Keys appear in a fixed order and numbers in their shortest exact form, so equal input gives equal
/// bytes. `skipped` lists the warnings about runs that were left out, as printed on stderr.
public enum LeaderboardJSON {
    public static func render(_ board: Leaderboard, skipped: [Diagnostic] = []) -> String {
        var out = "{\n  \"ranked_by\": \(quoted(Leaderboard.rankedBy)),\n  \"groups\": ["
        for (groupIndex, group) in board.groups.enumerated() {
            out += groupIndex == 0 ? "\n" : ",\n"
            out += "    {\n"
            out += "      \"domain\": \(quoted(group.domain)),\n"
            out += "      \"env\": \(quoted(group.env)),\n"
            out += "      \"entries\": ["
            for (entryIndex, entry) in group.entries.enumerated() {
                out += entryIndex == 0 ? "\n" : ",\n"
                out += render(entry)
            }
            out += group.entries.isEmpty ? "]\n" : "\n      ]\n"
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

    private static func render(_ entry: LeaderboardEntry) -> String {
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
}
