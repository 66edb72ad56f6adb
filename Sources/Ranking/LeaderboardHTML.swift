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
            \(plural(board.groups.count, "group")). Within a group, higher evaluation mean return ranks \
            first, then lower standard deviation, then fewer training steps. Runs of one package with \
            different seeds are averaged.</p>
            </header>

            """
        for (index, group) in board.groups.enumerated() {
            html += section(group, id: "group-\(index + 1)")
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

    private static func section(_ group: LeaderboardGroup, id: String) -> String {
        var html = "<section id=\"\(id)\">\n"
        html += "<h2>\(HTMLText.escape(group.domain)) <span class=\"on\">on</span> "
        html += "\(HTMLText.escape(group.env))</h2>\n"
        html += "<table>\n<thead><tr><th class=\"num\">Rank</th><th>Agent</th><th>Domain</th><th>Env</th>"
        html += "<th class=\"num\" title=\"evaluation return: mean ± standard deviation, over seeds\">"
        html += "Eval return</th><th class=\"num\" title=\"evaluation episodes, all seeds\">Eval eps</th>"
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
            html += "<td class=\"num\">\(entry.evalEpisodes)</td>"
            html += "<td class=\"num\">\(RankNumberFormat.steps(entry.trainSteps))</td>"
            html += "<td class=\"num\">\(RankNumberFormat.fixed(entry.wallTimeSeconds, decimals: 1))</td>"
            html += "<td>\(HTMLText.escape(LeaderboardTable.seedList(entry.seeds)))</td></tr>\n"
        }
        html += "</tbody>\n</table>\n<figure>\n"
        html += LearningCurveChart.svg(for: group, id: id)
        html += "<figcaption>Eval return is the mean ± standard deviation of the evaluation episodes "
        html += "(over all seeds of a package). The curves show the training return against environment "
        html += "steps, smoothed over the last "
        html += "\(LearningCurveChart.smoothingWindow) episodes; one line per run, one colour per package."
        html += "</figcaption>\n</figure>\n</section>\n"
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
        footer { color: #7b8794; font-size: 12px; }

        """
}
