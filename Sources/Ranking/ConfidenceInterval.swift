/// A two-sided interval, lower ≤ upper.
public struct ConfidenceInterval: Sendable, Hashable {
    public var lower: Double
    public var upper: Double
}

extension ConfidenceInterval {
    /// The central 95% interval of bootstrap estimates (rliable's `method='percentile'`): numpy's
    /// `percentile(estimates, [2.5, 97.5])`. Only the four order statistics it interpolates between are
    /// selected, not the whole array sorted: sorting was most of the cost of a leaderboard's statistics.
    init(resampled estimates: [Double]) {
        var values = estimates
        var settled = 0
        var bounds: [Double] = []
        for q in [SeedStatistics.percentiles.lower, SeedStatistics.percentiles.upper] {
            guard let (previous, next, gamma) = Self.position(count: values.count, q: q) else { break }
            for index in [previous, next] where index >= settled {
                Self.select(&values, index, from: settled)
                settled = index + 1
            }
            bounds.append(Self.interpolate(values[previous], values[next], gamma))
        }
        lower = bounds.first ?? 0
        upper = bounds.last ?? 0
    }

    /// `numpy.percentile(values, q)` with its default linear interpolation, on sorted `values`.
    static func percentile(_ sorted: [Double], _ q: Double) -> Double {
        guard let (previous, next, gamma) = position(count: sorted.count, q: q) else { return 0 }
        return interpolate(sorted[previous], sorted[next], gamma)
    }

    /// Where numpy's linear method finds percentile `q` of `count` sorted values: between `previous`
    /// and `next`, `gamma` of the way.
    private static func position(count: Int, q: Double) -> (previous: Int, next: Int, gamma: Double)? {
        guard count > 0 else { return nil }
        let last = count - 1
        let position = Double(last) * (q / 100)
        let previous = min(max(Int(position.rounded(.down)), 0), last)
        return (previous, min(previous + 1, last), position - Double(previous))
    }

    /// numpy's `_lerp`, which interpolates from the nearer end.
    private static func interpolate(_ a: Double, _ b: Double, _ gamma: Double) -> Double {
        let difference = b - a
        return gamma >= 0.5 ? b - difference * (1 - gamma) : a + difference * gamma
    }

    private static func median(_ a: Double, _ b: Double, _ c: Double) -> Double {
        max(min(a, b), min(max(a, b), c))
    }

    /// Puts the `k`-th smallest of `values[start...]` at `k`, smaller-or-equal values before it and
    /// greater-or-equal after (C++'s `nth_element`), by quickselect with three-way partitions: the
    /// estimates of a few seeds repeat a lot.
    private static func select(_ array: inout [Double], _ k: Int, from start: Int) {
        array.withUnsafeMutableBufferPointer { select($0, k, from: start) }
    }

    private static func select(_ values: UnsafeMutableBufferPointer<Double>, _ k: Int, from start: Int) {
        var low = start
        var high = values.count - 1
        while low < high {
            let pivot = median(values[low], values[low + (high - low) / 2], values[high])
            var less = low
            var index = low
            var greater = high
            while index <= greater {
                if values[index] < pivot {
                    values.swapAt(less, index)
                    less += 1
                    index += 1
                } else if values[index] > pivot {
                    values.swapAt(index, greater)
                    greater -= 1
                } else {
                    index += 1
                }
            }
            if k < less {
                high = less - 1
            } else if k > greater {
                low = greater + 1
            } else {
                return
            }
        }
    }
}
