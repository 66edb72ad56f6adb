import Foundation
import TestSupport
import Testing

@testable import Ranking

/// The per-seed statistics against numpy (and scipy when importable) as the oracle: equal bits, not
/// closeness, since the Swift side follows numpy's summation and interpolation exactly. Only scipy's
/// `trim_mean` is compared within rounding: it sums the middle in `np.partition`'s order.
@Suite struct RankStatisticsTests {
    static let oracle = TestEnvironment.repositoryRoot.appendingPathComponent(
        "Tests/Oracles/rank_statistics_oracle.py"
    ).path

    /// Samples of many sizes (pairwise summation changes at 8 and 128 values), with ties and negatives.
    static func samples(sizes: [Int]) -> [[Double]] {
        var generator = SplitMix64(seed: 7)
        return sizes.enumerated().map { number, size in
            (0..<size).map { _ in
                let unit = Double(generator.next() >> 11) * 0x1p-53
                // Every third sample is whole returns (CartPole-like, many ties); the others are not.
                return number % 3 == 0 ? (unit * 50).rounded() * 10 : unit * 1000 - 300
            }
        }
    }

    /// Runs the oracle over `samples`; one array of values per sample.
    static func oracleValues(_ samples: [[Double]], resamples: Int) throws -> [[Double]] {
        let input = samples.map { $0.map { "\($0)" }.joined(separator: " ") }.joined(separator: "\n") + "\n"
        let result = try TestEnvironment.run(
            [TestEnvironment.python, oracle, String(SeedStatistics.bootstrapSeed), String(resamples)],
            stdin: Array(input.utf8))
        guard result.status == 0 else { throw RankTestSupport.OracleFailure(message: result.stderr) }
        return result.stdout.split(separator: "\n").map { line in
            line.split(separator: " ").map { Double(String($0)) ?? .nan }
        }
    }

    /// The point statistics (the bootstrap is too slow for a thousand runs in a debug build).
    @Test func meanStdIqmAndPercentilesEqualNumpy() throws {
        let samples = Self.samples(sizes: Array(1...40) + [64, 100, 127, 128, 129, 200, 300, 1000])
        let expected = try Self.oracleValues(samples, resamples: 0)
        #expect(expected.count == samples.count)
        let percentiles = [0, 2.5, 25, 33.3, 50, 97.5, 100]
        for (sample, values) in zip(samples, expected) {
            let sorted = sample.sorted()
            let ours =
                [
                    SeedStatistics.sum(sample) / Double(sample.count),
                    SeedStatistics.standardDeviation(sample),
                    SeedStatistics.interquartileMean(sample),
                ]
                + percentiles.map { ConfidenceInterval.percentile(sorted, $0) }
            var exact = values
            let scipy = exact.remove(at: 3)
            #expect(ours == exact, "n = \(sample.count): \(sample)")
            // scipy sums the middle in np.partition's order: equal up to rounding.
            #expect(abs(ours[2] - scipy) <= 1e-13 * max(1, abs(scipy)), "n = \(sample.count)")
        }
    }

    @Test func bootstrapIntervalsEqualAPythonReimplementation() throws {
        let samples = Self.samples(sizes: [1, 2, 3, 5, 10]) + [[500, 500, 500], [9.5, -3, 200, 41]]
        let expected = try Self.oracleValues(samples, resamples: SeedStatistics.bootstrapResamples)
        #expect(expected.count == samples.count)
        for (sample, values) in zip(samples, expected) {
            let statistics = SeedStatistics(scores: sample)
            let ours = [
                statistics.meanInterval.lower, statistics.meanInterval.upper, statistics.iqmInterval.lower,
                statistics.iqmInterval.upper,
            ]
            #expect(ours == Array(values.suffix(4)), "n = \(sample.count): \(sample)")
            #expect(
                [statistics.std, statistics.iqm] == [values[1], values[2]], "n = \(sample.count): \(sample)")
        }
    }

    /// The published SplitMix64 outputs for seed 0, so the stream is the documented one.
    @Test func splitMix64MatchesItsReferenceOutputs() {
        var generator = SplitMix64(seed: 0)
        #expect(
            [generator.next(), generator.next(), generator.next()] == [
                0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
            ])
    }

    /// rliable's IQM is scipy's 25% trimmed mean: ⌊n/4⌋ values cut at each end, no fractional weights.
    @Test func iqmTrimsAQuarterAtEachEnd() {
        #expect(SeedStatistics.interquartileMean([3, 1, 2]) == 2)
        #expect(SeedStatistics.interquartileMean([1, 2, 3, 4, 5, 100]) == 3.5)
        #expect(SeedStatistics.interquartileMean([0, 100, 100, 100, 100]) == 100)
        #expect(SeedStatistics.interquartileMean([8, 1, 7, 2, 6, 3, 5, 4]) == 4.5)
    }

    @Test func intervalsAreReproducibleAndBracketTheEstimate() {
        let scores: [Double] = [480, 500, 455.5, 500, 312]
        let first = SeedStatistics(scores: scores)
        #expect(first == SeedStatistics(scores: scores))
        #expect(first.meanInterval.lower <= 449.5 && 449.5 <= first.meanInterval.upper)
        #expect(first.iqmInterval.lower <= first.iqm && first.iqm <= first.iqmInterval.upper)
        let one = SeedStatistics(scores: [42])
        #expect(one.meanInterval == ConfidenceInterval(lower: 42, upper: 42))
        #expect(one.std == 0 && one.iqm == 42)
    }
}
