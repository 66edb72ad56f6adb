/// An entry's statistics across its runs (one score per seed: each run's `eval_mean_return`), as in
/// rliable (Agarwal et al. 2021, "Deep RL at the Edge of the Statistical Precipice") for one task:
/// the interquartile mean and percentile bootstrap confidence intervals over runs.
///
/// Every number is computed the way numpy computes it (pairwise summation, `percentile` with linear
/// interpolation), so the test oracle can demand equality, not closeness.
public struct SeedStatistics: Sendable, Hashable {
    /// The bootstrap's fixed seed and size: the same runs always give the same interval, and an
    /// entry's interval does not depend on the other entries (each resamples with the generator's
    /// stream from its start: `BootstrapDraws`).
    public static let bootstrapSeed: UInt64 = 2021
    public static let bootstrapResamples = 10_000
    /// Coverage of the intervals (95%): the 2.5th and 97.5th percentiles of the resampled statistic,
    /// written out so they equal numpy's `percentile(x, [2.5, 97.5])` exactly.
    public static let confidence = 0.95
    static let percentiles = (lower: 2.5, upper: 97.5)

    /// Interquartile mean: rliable's `aggregate_iqm`, i.e. `scipy.stats.trim_mean(x, 0.25)`:
    /// ⌊n/4⌋ runs cut at each end, the mean of the rest (so n < 4 gives the plain mean).
    public var iqm: Double
    /// Population standard deviation (numpy's default, ddof 0) of the per-seed scores; 0 for one seed.
    public var std: Double
    /// 95% percentile-bootstrap intervals of the mean and of the IQM over runs.
    public var meanInterval: ConfidenceInterval
    public var iqmInterval: ConfidenceInterval

    /// The statistics of `scores` (one per run, non-empty, finite).
    public init(scores: [Double]) {
        var draws = BootstrapDraws.Table()
        self.init(scores: scores, draws: &draws)
    }

    /// The statistics of `scores`, resampled with the draws `table` holds for their count.
    init(scores: [Double], draws table: inout BootstrapDraws.Table) {
        iqm = Self.interquartileMean(scores)
        std = Self.standardDeviation(scores)
        if scores.count <= 1 {  // every resample is the one run: the bootstrap would return it exactly
            meanInterval = ConfidenceInterval(lower: scores.first ?? 0, upper: scores.first ?? 0)
            iqmInterval = meanInterval
            return
        }
        let (means, iqms) = Self.bootstrap(scores, draws: table.draws(runs: scores.count))
        meanInterval = ConfidenceInterval(resampled: means)
        iqmInterval = ConfidenceInterval(resampled: iqms)
    }

    /// The mean and the IQM of each of `bootstrapResamples` resamples of `scores` (n draws with
    /// replacement, `draws` for n runs). Runs for every entry of every leaderboard, hence the buffers.
    private static func bootstrap(_ scores: [Double], draws: BootstrapDraws) -> (
        means: [Double], iqms: [Double]
    ) {
        let count = scores.count
        let cut = Int(0.25 * Double(count))
        var means = [Double](repeating: 0, count: bootstrapResamples)
        var iqms = [Double](repeating: 0, count: bootstrapResamples)
        var sample = [Double](repeating: 0, count: count)
        scores.withUnsafeBufferPointer { scores in
            means.withUnsafeMutableBufferPointer { means in
                iqms.withUnsafeMutableBufferPointer { iqms in
                    sample.withUnsafeMutableBufferPointer { sample in
                        draws.indices.withUnsafeBufferPointer { indices in
                            for resample in 0..<bootstrapResamples {
                                let first = resample * count
                                for position in 0..<count {
                                    sample[position] = scores[Int(indices[first + position])]
                                }
                                // The mean sums in draw order, as numpy does on the resampled
                                // array; the IQM sorts.
                                means[resample] =
                                    pairwiseSum(UnsafeBufferPointer(sample)[...]) / Double(count)
                                if count <= 32 { insertionSort(sample) } else { sample.sort() }
                                iqms[resample] =
                                    pairwiseSum(UnsafeBufferPointer(sample)[cut..<(count - cut)])
                                    / Double(count - 2 * cut)
                            }
                        }
                    }
                }
            }
        }
        return (means, iqms)
    }

    /// Sorts a handful of runs in place: for a few seeds insertion sort beats the general sort.
    private static func insertionSort(_ values: UnsafeMutableBufferPointer<Double>) {
        for index in values.indices.dropFirst() {
            let value = values[index]
            var slot = index
            while slot > 0, values[slot - 1] > value {
                values[slot] = values[slot - 1]
                slot -= 1
            }
            values[slot] = value
        }
    }

    /// `numpy.std(values)`: the root of the mean squared deviation from numpy's mean.
    static func standardDeviation(_ values: [Double]) -> Double {
        let count = Double(max(values.count, 1))
        let mean = sum(values) / count
        return (sum(values.map { ($0 - mean) * ($0 - mean) }) / count).squareRoot()
    }

    /// `scipy.stats.trim_mean(values, 0.25)` (rliable's `aggregate_iqm`, no fractional weights at the
    /// quartiles): sorted, ⌊0.25·n⌋ cut from each end, numpy's mean of the sorted rest. scipy sums the
    /// rest in `np.partition`'s order instead, which from 7 values on can change the last bit.
    static func interquartileMean(_ values: [Double]) -> Double {
        interquartileMean(sorted: values.sorted())
    }

    private static func interquartileMean(sorted: [Double]) -> Double {
        let cut = Int(0.25 * Double(sorted.count))
        let kept = sorted.count - 2 * cut
        guard kept > 0 else { return 0 }
        return sorted.withUnsafeBufferPointer { pairwiseSum($0[cut..<(cut + kept)]) } / Double(kept)
    }

    /// numpy's pairwise summation (`np.add.reduce` on a contiguous float64 array): sequential below 8
    /// values, eight interleaved partial sums up to 128, halves above, so means equal numpy's bit for bit.
    static func sum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { pairwiseSum($0[...]) }
    }

    private static func pairwiseSum(_ values: Slice<UnsafeBufferPointer<Double>>) -> Double {
        let count = values.count
        let start = values.startIndex
        if count < 8 {
            var result = 0.0
            for value in values { result += value }
            return result
        }
        if count <= 128 {
            var partial = (0..<8).map { values[start + $0] }
            var index = 8
            while index < count - count % 8 {
                for lane in 0..<8 { partial[lane] += values[start + index + lane] }
                index += 8
            }
            var result =
                ((partial[0] + partial[1]) + (partial[2] + partial[3]))
                + ((partial[4] + partial[5]) + (partial[6] + partial[7]))
            while index < count {
                result += values[start + index]
                index += 1
            }
            return result
        }
        var half = count / 2
        half -= half % 8
        return pairwiseSum(values[start..<(start + half)]) + pairwiseSum(values[(start + half)...])
    }
}
