/// The leaderboard as aligned text for a terminal: one table per (domain, env) group.
public enum LeaderboardTable {
    static let header = [
        "rank", "agent", "domain", "env", "eval mean ± std", "eval eps", "train steps", "wall s",
        "seeds",
    ]
    /// Columns whose values are right-aligned (numbers).
    static let rightAligned: Set<Int> = [0, 4, 5, 6, 7]
    /// Seeds listed before the list is cut short with "…" (the count is always shown).
    static let listedSeeds = 6

    public static func render(_ board: Leaderboard) -> String {
        board.groups.map(render).joined(separator: "\n")
    }

    static func render(_ group: LeaderboardGroup) -> String {
        let rows = group.entries.map { entry in
            [
                String(entry.rank),
                RankNumberFormat.printable(entry.agentLabel),
                RankNumberFormat.printable(group.domain),
                RankNumberFormat.printable(group.env),
                RankNumberFormat.fixed(entry.evalMeanReturn, decimals: 2) + " ± "
                    + RankNumberFormat.fixed(entry.evalStdReturn, decimals: 2),
                String(entry.evalEpisodes),
                RankNumberFormat.steps(entry.trainSteps),
                RankNumberFormat.fixed(entry.wallTimeSeconds, decimals: 1),
                seedList(entry.seeds),
            ]
        }
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { $0[column].unicodeScalars.count }.max() ?? 0 }
        let packages = group.entries.count == 1 ? "1 package" : "\(group.entries.count) packages"
        let runs = group.runCount == 1 ? "1 run" : "\(group.runCount) runs"
        var out =
            "\(RankNumberFormat.printable(group.domain)) on \(RankNumberFormat.printable(group.env)): "
            + "\(packages), \(runs)\n"
        for row in all {
            let cells = row.indices.map { column in
                pad(row[column], to: widths[column], right: rightAligned.contains(column))
            }
            var line = cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            out += line + "\n"
        }
        return out
    }

    /// The seeds as a student reads them: "0,1,2"; a long list is cut short and says how many
    /// there are, "1,2,3,4,5,6,… (8 seeds)".
    static func seedList(_ seeds: [Int]) -> String {
        let shown = seeds.prefix(listedSeeds).map(String.init).joined(separator: ",")
        return seeds.count > listedSeeds ? "\(shown),… (\(seeds.count) seeds)" : shown
    }

    private static func pad(_ text: String, to width: Int, right: Bool) -> String {
        let fill = String(repeating: " ", count: max(0, width - text.unicodeScalars.count))
        return right ? fill + text : text + fill
    }
}
