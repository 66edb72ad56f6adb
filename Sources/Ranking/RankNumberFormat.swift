import Foundation

/// Number formatting for the leaderboard: fixed, locale-independent, the same bytes everywhere.
enum RankNumberFormat {
    /// `value` with exactly `decimals` digits after the point; never "-0.00".
    static func fixed(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        if text.hasPrefix("-"), text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) {
            return String(text.dropFirst())
        }
        return text
    }

    /// An SVG coordinate with one decimal, by integer arithmetic: charts hold hundreds of thousands of
    /// them, and printf-style formatting dominated rendering. Equal to `%.1f` except, at most, at decimal
    /// ties (0.05 …), which may go the other way by a tenth of a pixel; the result is still deterministic.
    static func coordinate(_ value: Double) -> String {
        let scaled = (value * 10).rounded(.toNearestOrEven)
        guard scaled.magnitude < 1e15 else { return fixed(value, decimals: 1) }
        let tenths = Int(scaled)
        let whole = tenths.magnitude / 10
        let sign = tenths < 0 ? "-" : ""
        return "\(sign)\(whole).\(tenths.magnitude % 10)"
    }

    /// The shortest text that reads back as the same Double (for JSON and CSV), e.g. `487.2`, `1e-05`.
    static func exact(_ value: Double) -> String {
        if value == 0 { return "0.0" }
        return "\(value)"
    }

    /// A step count for the table: always a whole number (a mean over seeds is rounded; JSON and CSV
    /// keep it exact).
    static func steps(_ value: Double) -> String {
        fixed(value.rounded(), decimals: 0)
    }

    /// An axis label: 50000 → "50k", 1500000 → "1.5M", 0.25 → "0.25". The unit is chosen once per
    /// axis from its largest magnitude (`extent`), so one axis reads "0.5k, 1.0k", never "500, 1.0k".
    static func axis(_ value: Double, step: Double, extent: Double? = nil) -> String {
        let magnitude = extent ?? abs(value)
        if value == 0 { return "0" }
        if magnitude >= 1_000_000, step >= 100_000 {
            return trimmed(value / 1_000_000, step / 1_000_000) + "M"
        }
        if magnitude >= 1_000, step >= 100 { return trimmed(value / 1_000, step / 1_000) + "k" }
        return trimmed(value, step)
    }

    /// `value` with as many decimals as `step` needs (step 0.25 → 2, step 5 → 0).
    private static func trimmed(_ value: Double, _ step: Double) -> String {
        var decimals = 0
        var scaled = abs(step)
        while decimals < 6, scaled > 0, (scaled - scaled.rounded()).magnitude > 1e-9 * max(1, scaled) {
            scaled *= 10
            decimals += 1
        }
        return fixed(value, decimals: decimals)
    }

    /// Text safe to print on a terminal: control characters (which could move the cursor or recolour
    /// it) from a run's files become "?".
    static func printable(_ text: String) -> String {
        String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    scalar.properties.generalCategory == .control
                        || scalar.properties.generalCategory == .format
                        ? "?" : scalar
                }))
    }
}
