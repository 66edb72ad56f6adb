/// The leaderboard as aligned text for a terminal: one table per (domain, env) group.
public enum LeaderboardTable {
    static let header = [
        "rank", "agent", "domain", "env", "eval mean ± std", "iqm", "95% CI", "eval eps", "train steps",
        "wall s", "seeds",
    ]
    /// Columns whose values are right-aligned (numbers).
    static let rightAligned: Set<Int> = [0, 4, 5, 6, 7, 8, 9]
    /// Seeds listed before the list is cut short with "…" (the count is always shown).
    static let listedSeeds = 6

    public static func render(_ board: Leaderboard) -> String {
        board.groups.map { render($0, score: board.score) }.joined(separator: "\n")
    }

    static func render(_ group: LeaderboardGroup, score: LeaderboardScore = .mean) -> String {
        let columns = header + (score == .meanMinusStd ? ["mean−std"] : [])
        let rows = group.entries.map { entry in
            let interval = score == .iqm ? entry.statistics.iqmInterval : entry.statistics.meanInterval
            return [
                String(entry.rank),
                RankNumberFormat.printable(entry.agentLabel),
                RankNumberFormat.printable(group.domain),
                RankNumberFormat.printable(group.env),
                RankNumberFormat.fixed(entry.evalMeanReturn, decimals: 2) + " ± "
                    + RankNumberFormat.fixed(entry.evalStdReturn, decimals: 2),
                RankNumberFormat.fixed(entry.statistics.iqm, decimals: 2),
                "[" + RankNumberFormat.fixed(interval.lower, decimals: 2) + ", "
                    + RankNumberFormat.fixed(interval.upper, decimals: 2) + "]",
                String(entry.evalEpisodes),
                RankNumberFormat.steps(entry.trainSteps),
                RankNumberFormat.fixed(entry.wallTimeSeconds, decimals: 1),
                seedList(entry.seeds),
            ]
                + (score == .meanMinusStd
                    ? [RankNumberFormat.fixed(score.value(of: entry), decimals: 2)] : [])
        }
        let all = [columns] + rows
        let widths = columns.indices.map { column in all.map { $0[column].unicodeScalars.count }.max() ?? 0 }
        let packages = group.entries.count == 1 ? "1 package" : "\(group.entries.count) packages"
        let runs = group.runCount == 1 ? "1 run" : "\(group.runCount) runs"
        var out =
            "\(RankNumberFormat.printable(group.domain)) on \(RankNumberFormat.printable(group.env)): "
            + "\(packages), \(runs)"
            + (score == .mean ? "" : ", ranked by \(score.rawValue)") + "\n"
        for row in all {
            let cells = row.indices.map { column in
                pad(row[column], to: widths[column], right: rightAligned.contains(column) || column > 10)
            }
            out += trimmed(cells.joined(separator: "  ")) + "\n"
        }
        return out + unrankedLines(group.unranked)
    }

    /// Entries without a score, after the table: "not ranked:", then per entry its status, name and
    /// reason in aligned columns.
    static func unrankedLines(_ entries: [UnrankedEntry]) -> String {
        guard !entries.isEmpty else { return "" }
        let rows = entries.map { entry in
            [
                entry.status.name, RankNumberFormat.printable(entry.name),
                RankNumberFormat.printable(
                    entry.status.duplicateOf.map { "duplicate of \($0)" + (entry.reason.isEmpty ? "" : ": ") }
                        .map { $0 + entry.reason } ?? entry.reason),
            ]
        }
        let widths = (0..<2).map { column in rows.map { $0[column].unicodeScalars.count }.max() ?? 0 }
        var out = "not ranked:\n"
        for row in rows {
            let line =
                "  " + pad(row[0], to: widths[0], right: false) + "  "
                + pad(row[1], to: widths[1], right: false) + "  " + row[2]
            out += trimmed(line) + "\n"
        }
        return out
    }

    private static func trimmed(_ line: String) -> String {
        var line = line
        while line.hasSuffix(" ") { line.removeLast() }
        return line
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
