import RelnaCore

/// The leaderboard as one self-contained HTML page (`--html FILE`): per (domain, env) group, the ranked
/// table and the learning curves as inline SVG. No scripts, fonts or images are fetched, so the page can
/// be mailed, archived or served as it is; every value from a run's files is escaped.
public enum LeaderboardHTML {
    public static func render(_ board: Leaderboard, skipped: [Diagnostic] = []) -> String {
        let runCount = board.groups.reduce(0) { $0 + $1.runCount }
        let packageCount = board.groups.reduce(0) { $0 + $1.entries.count }
        var html = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>relna leaderboard</title>
            <style>
            \(style)</style>
            </head>
            <body>
            <header>
            <h1>Leaderboard</h1>
            <p>\(plural(runCount, "run")) of \(plural(packageCount, "package")) in \
            \(plural(board.groups.count, "group")). Within a group, a higher \(scoreWords(board.score)) \
            ranks first, then a higher mean, lower standard deviation, fewer training steps, then the \
            name. Runs of one package with different seeds are averaged; intervals are 95% \
            percentile-bootstrap intervals over seeds (\(SeedStatistics.bootstrapResamples) resamples, \
            fixed seed). Entries without a score are listed after the ranked ones.</p>
            </header>

            """
        for (index, group) in board.groups.enumerated() {
            html += section(group, score: board.score, id: "group-\(index + 1)")
        }
        if !skipped.isEmpty {
            html += "<section class=\"skipped\">\n<h2>Skipped runs</h2>\n<ul>\n"
            for warning in skipped {
                var location = warning.file
                if warning.line > 0 {
                    location += ":\(warning.line)" + (warning.column > 0 ? ":\(warning.column)" : "")
                }
                html +=
                    "<li><code>\(HTMLText.escape(location))</code> \(HTMLText.escape(warning.message))</li>\n"
            }
            html += "</ul>\n</section>\n"
        }
        html += "<footer>Made by relna-pack \(HTMLText.escape(RelnaVersion.string)) rank.</footer>\n"
        return html + "</body>\n</html>\n"
    }

    private static func scoreWords(_ score: LeaderboardScore) -> String {
        switch score {
        case .mean: "evaluation mean return (over seeds)"
        case .iqm: "interquartile mean of the seeds' evaluation returns"
        case .meanMinusStd: "mean minus standard deviation of the evaluation return"
        }
    }

    private static func section(_ group: LeaderboardGroup, score: LeaderboardScore, id: String) -> String {
        var html = "<section id=\"\(id)\">\n"
        html += "<h2>\(HTMLText.escape(group.domain)) <span class=\"on\">on</span> "
        html += "\(HTMLText.escape(group.env))</h2>\n"
        html += "<table>\n<thead><tr><th class=\"num\">Rank</th><th>Agent</th><th>Domain</th><th>Env</th>"
        html += "<th class=\"num\" title=\"evaluation return: mean ± standard deviation, over seeds\">"
        html += "Eval return</th>"
        html +=
            "<th class=\"num\" title=\"interquartile mean of the seeds' evaluation mean returns\">IQM</th>"
        html += "<th class=\"num\" title=\"95% bootstrap confidence interval over seeds of the "
        html += "\(score == .iqm ? "IQM" : "mean")\">95% CI</th>"
        if score == .meanMinusStd { html += "<th class=\"num\" title=\"mean minus std\">Mean − std</th>" }
        html += "<th class=\"num\" title=\"evaluation episodes, all seeds\">Eval eps</th>"
        html += "<th class=\"num\" title=\"environment steps of training, mean over seeds\">Train steps</th>"
        html += "<th class=\"num\" title=\"training wall time in seconds, mean over seeds\">Wall (s)</th>"
        html += "<th title=\"the seeds the package was run with\">Seeds</th></tr></thead>\n"
        html += "<tbody>\n"
        for entry in group.entries {
            let colour = LearningCurveChart.colour(forRank: entry.rank)
            html += "<tr><td class=\"num\">\(entry.rank)</td>"
            html += "<td><span class=\"swatch\" style=\"background:\(colour)\"></span>"
            html += "\(HTMLText.escape(entry.agentFilename)) <code title=\"agent sha256 "
            html += "\(HTMLText.escape(entry.agentSHA256)); package \(entry.packageDigest)\">"
            html += "\(HTMLText.escape(String(entry.agentSHA256.prefix(8))))</code>"
            if !entry.distinguishingSettings.isEmpty {
                let settings = entry.distinguishingSettings.joined(separator: ", ")
                html += " <span class=\"settings\">\(HTMLText.escape(settings))</span>"
            }
            html += "</td>"
            html += "<td>\(HTMLText.escape(group.domain))</td><td>\(HTMLText.escape(group.env))</td>"
            html += "<td class=\"num\">\(RankNumberFormat.fixed(entry.evalMeanReturn, decimals: 2))"
            html += " ± \(RankNumberFormat.fixed(entry.evalStdReturn, decimals: 2))</td>"
            html += cells(entry, score: score)
            html += "<td class=\"num\">\(entry.evalEpisodes)</td>"
            html += "<td class=\"num\">\(RankNumberFormat.steps(entry.trainSteps))</td>"
            html += "<td class=\"num\">\(RankNumberFormat.fixed(entry.wallTimeSeconds, decimals: 1))</td>"
            html += "<td>\(HTMLText.escape(LeaderboardTable.seedList(entry.seeds)))</td></tr>\n"
        }
        html += unrankedRows(group, columns: score == .meanMinusStd ? 8 : 7)
        html += "</tbody>\n</table>\n"
        guard !group.entries.isEmpty else { return html + "</section>\n" }  // no runs, no curves
        html += "<figure>\n"
        html += LearningCurveChart.svg(for: group, id: id)
        html += "<figcaption>Eval return is the mean ± standard deviation of the evaluation episodes "
        html += "(over all seeds of a package). The curves show the training return against environment "
        html += "steps, smoothed over the last "
        html += "\(LearningCurveChart.smoothingWindow) episodes; one line per run, one colour per package."
        html += "</figcaption>\n</figure>\n</section>\n"
        return html
    }

    /// The statistics cells of a ranked row: IQM, the interval of the score's statistic, and mean − std
    /// when that is the score.
    private static func cells(_ entry: LeaderboardEntry, score: LeaderboardScore) -> String {
        let interval = score == .iqm ? entry.statistics.iqmInterval : entry.statistics.meanInterval
        var html = "<td class=\"num\">\(RankNumberFormat.fixed(entry.statistics.iqm, decimals: 2))</td>"
        html += "<td class=\"num\">[\(RankNumberFormat.fixed(interval.lower, decimals: 2)), "
        html += "\(RankNumberFormat.fixed(interval.upper, decimals: 2))]</td>"
        if score == .meanMinusStd {
            html += "<td class=\"num\">\(RankNumberFormat.fixed(score.value(of: entry), decimals: 2))</td>"
        }
        return html
    }

    /// One row per unranked entry, after the ranked ones: no rank, the name, and the status with its
    /// reason across the value columns (`columns` of them).
    private static func unrankedRows(_ group: LeaderboardGroup, columns: Int) -> String {
        var html = ""
        for entry in group.unranked {
            var detail = entry.status.name
            if let original = entry.status.duplicateOf { detail += " of \(original)" }
            if !entry.reason.isEmpty { detail += ": \(entry.reason)" }
            html += "<tr class=\"unranked\"><td class=\"num\">–</td><td>\(HTMLText.escape(entry.name))"
            if let digest = entry.agentSHA256 {
                html += " <code title=\"agent sha256 \(HTMLText.escape(digest))\">"
                html += "\(HTMLText.escape(String(digest.prefix(8))))</code>"
            }
            html += "</td><td>\(HTMLText.escape(group.domain))</td><td>\(HTMLText.escape(group.env))</td>"
            html += "<td class=\"status\" colspan=\"\(columns)\">\(HTMLText.escape(detail))</td></tr>\n"
        }
        return html
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        count == 1 ? "1 \(noun)" : "\(count) \(noun)s"
    }

    private static let style = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933;
          background: #f5f7fa; margin: 0; padding: 24px 32px 40px; line-height: 1.45; }
        header h1 { margin: 0 0 4px; font-size: 26px; }
        header p { margin: 0 0 20px; color: #52606d; max-width: 60em; }
        section { background: #ffffff; border: 1px solid #d9e2ec; border-radius: 8px; padding: 16px 20px;
          margin: 0 0 24px; max-width: 1120px; overflow-x: auto; }
        h2 { margin: 0 0 12px; font-size: 19px; }
        h2 .on { color: #7b8794; font-weight: normal; }
        table { border-collapse: collapse; width: 100%; font-size: 14px; margin-bottom: 16px; }
        th, td { padding: 6px 10px; border-bottom: 1px solid #e4e7eb; text-align: left; white-space: nowrap; }
        th { background: #f0f4f8; font-weight: 600; color: #3e4c59; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px;
          color: #52606d; }
        .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 8px;
          vertical-align: baseline; }
        .settings { color: #8a4b08; font-size: 12px; }
        figure { margin: 0; }
        figure svg { max-width: 100%; height: auto; display: block; }
        figcaption { color: #616e7c; font-size: 13px; margin-top: 4px; }
        .skipped li { margin-bottom: 4px; }
        tr.unranked td { color: #7b8794; }
        td.status { white-space: normal; font-style: italic; }
        footer { color: #7b8794; font-size: 12px; }

        """
}
