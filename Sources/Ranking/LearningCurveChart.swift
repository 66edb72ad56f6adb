/// One group's learning curves as inline SVG: smoothed training return against environment steps,
/// one line per run, coloured per leaderboard entry, with axes, ticks, grid and a legend.
///
/// No scripts and no external assets, so the page stays self-contained; every text is escaped.
enum LearningCurveChart {
    static let width = 900.0
    static let plotHeight = 300.0
    static let marginLeft = 70.0
    static let marginRight = 24.0
    static let marginTop = 16.0
    /// Room under the plot for tick labels and the axis title.
    static let axisBand = 50.0
    static let legendRowHeight = 20.0
    /// Episodes in the trailing moving average that smooths each curve.
    static let smoothingWindow = 10
    /// Points kept per curve; longer runs are thinned evenly (the last point always kept).
    static let maximumPoints = 400

    /// Tableau 10: distinct colours that stay apart for common colour-vision deficiencies.
    static let palette = [
        "#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
        "#bab0ac",
    ]
    /// After ten entries the colours repeat with a dash pattern so lines stay distinguishable.
    static let dashes = ["", "6 3", "2 2", "8 3 2 3"]

    static func colour(forRank rank: Int) -> String { palette[(rank - 1) % palette.count] }

    static func dash(forRank rank: Int) -> String { dashes[((rank - 1) / palette.count) % dashes.count] }

    /// The trailing moving average of each point's return (the window shrinks at the start).
    static func smoothed(_ points: [ProgressPoint], window: Int = smoothingWindow) -> [(x: Double, y: Double)]
    {
        var result: [(x: Double, y: Double)] = []
        result.reserveCapacity(points.count)
        var sum = 0.0
        for (index, point) in points.enumerated() {
            sum += point.episodeReturn
            if index >= window { sum -= points[index - window].episodeReturn }
            result.append((point.steps, sum / Double(min(index + 1, window))))
        }
        return result
    }

    static func thinned(_ points: [(x: Double, y: Double)]) -> [(x: Double, y: Double)] {
        guard points.count > maximumPoints else { return points }
        let last = points.count - 1
        return (0..<maximumPoints).map { points[$0 * last / (maximumPoints - 1)] }
    }

    /// One run's smoothed, thinned curve, with the entry that colours it.
    private struct Curve {
        var entry: LeaderboardEntry
        var run: RunRecord
        var points: [(x: Double, y: Double)]
    }

    /// Where data coordinates land in the SVG: the plot rectangle and the two scales.
    private struct Plot {
        let xScale: ChartScale
        let yScale: ChartScale
        let left = LearningCurveChart.marginLeft
        let right = LearningCurveChart.width - LearningCurveChart.marginRight
        let top = LearningCurveChart.marginTop
        let bottom = LearningCurveChart.marginTop + LearningCurveChart.plotHeight

        func px(_ x: Double) -> Double { xScale.position(x, from: left, to: right) }
        func py(_ y: Double) -> Double { yScale.position(y, from: bottom, to: top) }
    }

    private static func f(_ value: Double) -> String { RankNumberFormat.coordinate(value) }

    static func svg(for group: LeaderboardGroup, id: String) -> String {
        let curves = group.entries.flatMap { entry in
            entry.runs.map { run in Curve(entry: entry, run: run, points: thinned(smoothed(run.progress))) }
        }
        let allPoints = curves.flatMap(\.points)
        let plot = Plot(
            xScale: ChartScale(minimum: 0, maximum: allPoints.map(\.x).max() ?? 1),
            yScale: ChartScale(minimum: allPoints.map(\.y).min() ?? 0, maximum: allPoints.map(\.y).max() ?? 1)
        )
        let height = plot.bottom + axisBand + legendRowHeight * Double(group.entries.count) + 8
        return header(group, id: id, height: height, plot: plot) + grid(plot) + axes(plot)
            + lines(curves, id: id, plot: plot, empty: allPoints.isEmpty) + legend(group, plot: plot)
            + "</svg>\n"
    }

    private static func header(_ group: LeaderboardGroup, id: String, height: Double, plot: Plot) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(f(width)) \(f(height))" \
        width="\(f(width))" height="\(f(height))" role="img" aria-labelledby="\(id)-title" \
        font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="12">
        <title id="\(id)-title">Learning curves, \(HTMLText.escape(group.domain)) on \
        \(HTMLText.escape(group.env))</title>
        <defs><clipPath id="\(id)-plot"><rect x="\(f(plot.left))" y="\(f(plot.top))" \
        width="\(f(plot.right - plot.left))" height="\(f(plotHeight))"/></clipPath></defs>
        <rect x="0" y="0" width="\(f(width))" height="\(f(height))" fill="#ffffff"/>

        """
    }

    /// Grid lines at every tick.
    private static func grid(_ plot: Plot) -> String {
        "<g stroke=\"#e3e6ea\" stroke-width=\"1\">\n"
            + tickLines(plot, xSpan: (plot.left, plot.right), ySpan: (plot.top, plot.bottom)) + "</g>\n"
    }

    /// A horizontal line across `xSpan` at each y tick, then a vertical one across `ySpan` at each x
    /// tick: the grid, or the axes' tick marks.
    private static func tickLines(_ plot: Plot, xSpan: (Double, Double), ySpan: (Double, Double)) -> String {
        var svg = ""
        for tick in plot.yScale.ticks {
            let y = f(plot.py(tick))
            svg += "<line x1=\"\(f(xSpan.0))\" y1=\"\(y)\" x2=\"\(f(xSpan.1))\" y2=\"\(y)\"/>\n"
        }
        for tick in plot.xScale.ticks {
            let x = f(plot.px(tick))
            svg += "<line x1=\"\(x)\" y1=\"\(f(ySpan.0))\" x2=\"\(x)\" y2=\"\(f(ySpan.1))\"/>\n"
        }
        return svg
    }

    /// The two axes with their tick marks, tick labels and titles.
    private static func axes(_ plot: Plot) -> String {
        let (left, right, top, bottom) = (plot.left, plot.right, plot.top, plot.bottom)
        var svg = "<g stroke=\"#5f6b7a\" stroke-width=\"1\">\n"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(right))\" y2=\"\(f(bottom))\"/>\n"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(bottom))\"/>\n"
        svg += tickLines(plot, xSpan: (left - 5, left), ySpan: (bottom, bottom + 5))
        svg += "</g>\n<g fill=\"#33404d\">\n"
        for tick in plot.yScale.ticks {
            svg += "<text x=\"\(f(left - 8))\" y=\"\(f(plot.py(tick) + 4))\" text-anchor=\"end\">"
            svg += "\(plot.yScale.label(tick))</text>\n"
        }
        for tick in plot.xScale.ticks {
            svg += "<text x=\"\(f(plot.px(tick)))\" y=\"\(f(bottom + 19))\" text-anchor=\"middle\">"
            svg += "\(plot.xScale.label(tick))</text>\n"
        }
        svg += "<text x=\"\(f((left + right) / 2))\" y=\"\(f(bottom + 40))\" text-anchor=\"middle\">"
        svg += "environment steps</text>\n"
        svg +=
            "<text transform=\"translate(16 \(f((top + bottom) / 2))) rotate(-90)\" text-anchor=\"middle\">"
        return svg + "return (mean of last \(smoothingWindow) episodes)</text>\n</g>\n"
    }

    /// The curves, clipped to the plot; the best entry is drawn last so it stays on top.
    private static func lines(_ curves: [Curve], id: String, plot: Plot, empty: Bool) -> String {
        var svg =
            "<g clip-path=\"url(#\(id)-plot)\" fill=\"none\" stroke-width=\"1.75\" stroke-linejoin=\"round\">\n"
        for curve in curves.reversed() where !curve.points.isEmpty {
            let rank = curve.entry.rank
            let dash = dash(forRank: rank)
            let points = curve.points.map { "\(f(plot.px($0.x))),\(f(plot.py($0.y)))" }.joined(separator: " ")
            svg += "<polyline stroke=\"\(colour(forRank: rank))\""
            svg += dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            svg += " points=\"\(points)\"><title>#\(rank) \(HTMLText.escape(curve.entry.agentLabel)), seed "
            svg += "\(curve.run.seed) (\(HTMLText.escape(curve.run.jobDirectory)))</title></polyline>\n"
        }
        svg += "</g>\n"
        if empty {
            svg +=
                "<text x=\"\(f((plot.left + plot.right) / 2))\" y=\"\(f((plot.top + plot.bottom) / 2))\" text-anchor=\"middle\" "
            svg += "fill=\"#5f6b7a\">no training episodes recorded</text>\n"
        }
        return svg
    }

    /// One row per entry in rank order.
    private static func legend(_ group: LeaderboardGroup, plot: Plot) -> String {
        let left = plot.left
        var svg = "<g fill=\"#33404d\">\n"
        for (index, entry) in group.entries.enumerated() {
            let y = plot.bottom + axisBand + legendRowHeight * Double(index) + 10
            let dash = dash(forRank: entry.rank)
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + 28))\" y2=\"\(f(y))\" "
            svg += "stroke=\"\(colour(forRank: entry.rank))\" stroke-width=\"3\""
            svg += dash.isEmpty ? "/>\n" : " stroke-dasharray=\"\(dash)\"/>\n"
            let seeds = entry.seeds.count == 1 ? "seed \(entry.seeds[0])" : "\(entry.seeds.count) seeds"
            svg += "<text x=\"\(f(left + 36))\" y=\"\(f(y + 4))\">#\(entry.rank) "
            svg += "\(HTMLText.escape(entry.agentLabel)) · \(seeds) · eval "
            svg += "\(RankNumberFormat.fixed(entry.evalMeanReturn, decimals: 1))</text>\n"
        }
        return svg + "</g>\n"
    }
}

/// Escaping for text and attribute values in HTML and SVG.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters are not allowed in XML 1.0; show them as U+FFFD.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" || scalar.value == 0x7F {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
