import Foundation

/// A linear axis with "nice" round ticks (1, 2 or 5 times a power of ten), covering the data range.
struct ChartScale: Sendable, Hashable {
    var lower: Double
    var upper: Double
    var step: Double

    /// About `targetTicks` intervals spanning `minimum…maximum`; a degenerate or non-finite range is
    /// widened so the axis always has extent.
    init(minimum: Double, maximum: Double, targetTicks: Int = 5) {
        var low = minimum.isFinite ? minimum : 0
        var high = maximum.isFinite ? maximum : 1
        if high < low { swap(&low, &high) }
        if high - low < 1e-9 * max(1, abs(high)) {
            let pad = abs(high) > 0 ? abs(high) * 0.1 : 1
            low -= pad
            high += pad
        }
        let raw = (high - low) / Double(max(targetTicks, 1))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let normalized = raw / magnitude
        let factor: Double = normalized < 1.5 ? 1 : normalized < 3 ? 2 : normalized < 7 ? 5 : 10
        step = factor * magnitude
        lower = (low / step).rounded(.down) * step
        upper = (high / step).rounded(.up) * step
    }

    /// A tick's label, in the unit that suits the whole axis.
    func label(_ tick: Double) -> String {
        RankNumberFormat.axis(tick, step: step, extent: max(abs(lower), abs(upper)))
    }

    /// The tick values from `lower` to `upper` inclusive.
    var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded())
        guard count >= 0, count <= 1000 else { return [lower, upper] }
        return (0...count).map { lower + Double($0) * step }
    }

    /// Maps `value` to the pixel range `start…end` (end may be less than start, as for a y axis).
    func position(_ value: Double, from start: Double, to end: Double) -> Double {
        start + (value - lower) / (upper - lower) * (end - start)
    }
}
