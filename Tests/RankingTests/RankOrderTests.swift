import Foundation
import Testing

@testable import Ranking

/// Grouping, aggregation over seeds and the leaderboard's total order.
@Suite struct RankOrderTests {
    @Test func fixturesRankAsExpected() {
        let runs = RunCollection.collect(under: [RankTestSupport.runs + "/good"]).runs
        let board = Leaderboard(runs: runs)
        #expect(board.warnings.isEmpty)
        #expect(
            board.groups.map { "\($0.domain) \($0.env)" } == [
                "dqn CartPole-v1", "policy_gradient Acrobot-v1", "policy_gradient CartPole-v1",
            ])
        let dqn = board.groups[0]
        // ben and cyd tie at 500 ± 0; ben needed fewer steps. ada's three seeds average 484.58.
        #expect(
            dqn.entries.map { "\($0.rank) \($0.agentLabel) \($0.seeds)" } == [
                "1 ben_agent.py a8b2dd00 [0]",
                "2 cyd_agent.py 737f6bca [7]",
                "3 numpy_cartpole.py 61a460d6 (learning_rate=0.001) [0, 1, 2]",
                "4 numpy_cartpole.py 61a460d6 (learning_rate=0.01) [0]",
            ])
        #expect(dqn.entries[0].trainSteps < dqn.entries[1].trainSteps)
        #expect(abs(dqn.entries[2].evalMeanReturn - (482.5 + 500 + 471.25) / 3) < 1e-12)
        #expect(dqn.entries[2].evalEpisodes == 60)
        #expect(dqn.runCount == 6)
    }

    /// The aggregate std is that of all evaluation episodes together (seeds of equal size): checked by
    /// building per-seed samples, summarising each, and comparing with the std of the concatenation.
    @Test func aggregateStdEqualsStdOfAllEpisodesTogether() {
        let samples: [[Double]] = [[500, 480, 490, 500], [200, 260, 230, 250], [410, 430, 420, 400]]
        func meanStd(_ values: [Double]) -> (Double, Double) {
            let mean = values.reduce(0, +) / Double(values.count)
            let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
            return (mean, variance.squareRoot())
        }
        let runs = samples.enumerated().map { seed, values in
            let (mean, std) = meanStd(values)
            return RankTestSupport.run("ada", seed: seed, mean: mean, std: std, episodes: values.count)
        }
        let entry = Leaderboard(runs: runs).groups[0].entries[0]
        let (mean, std) = meanStd(samples.flatMap { $0 })
        #expect(abs(entry.evalMeanReturn - mean) < 1e-9)
        #expect(abs(entry.evalStdReturn - std) < 1e-9)
        #expect(entry.evalEpisodes == 12)
        #expect(entry.seeds == [0, 1, 2])
    }

    @Test func orderIsTotalAndIndependentOfInputOrder() {
        let runs = [
            RankTestSupport.run("a", mean: 100, std: 5, steps: 900),
            RankTestSupport.run("b", mean: 100, std: 5, steps: 900),  // ties a except for the digest
            RankTestSupport.run("c", mean: 100, std: 5, steps: 800),  // fewer steps
            RankTestSupport.run("d", mean: 100, std: 2, steps: 5000),  // lower std
            RankTestSupport.run("e", mean: 101, std: 50, steps: 9000),  // higher mean
        ]
        let expected = ["e", "d", "c", "a", "b"]
        var permutation = runs
        for shift in 0..<runs.count {
            permutation = Array(runs[shift...] + runs[..<shift]).reversed()
            let entries = Leaderboard(runs: permutation).groups[0].entries
            #expect(entries.map { String($0.agentFilename.prefix(1)) } == expected)
            #expect(entries.map(\.rank) == [1, 2, 3, 4, 5])
        }
    }

    @Test func environmentsAndDomainsAreNeverRankedTogetherAndFiltersSelect() {
        let runs = [
            RankTestSupport.run("a", env: "CartPole-v1", mean: 10),
            RankTestSupport.run("b", env: "Acrobot-v1", mean: -80),
            RankTestSupport.run("c", domain: "imitation", env: "CartPole-v1", mean: 500),
        ]
        #expect(Leaderboard(runs: runs).groups.map(\.entries.count) == [1, 1, 1])
        #expect(Leaderboard(runs: runs, env: "CartPole-v1").groups.map(\.domain) == ["dqn", "imitation"])
        #expect(
            Leaderboard(runs: runs, domain: "dqn", env: "CartPole-v1").groups.map(\.env) == ["CartPole-v1"])
        #expect(Leaderboard(runs: runs, domain: "nope").groups.isEmpty)
    }

    @Test func aRepeatedSeedIsCountedOnceWithAWarning() {
        var again = RankTestSupport.run("a", seed: 1, mean: 0)
        again.jobDirectory = "runs/zz-again"
        let runs = [
            RankTestSupport.run("a", seed: 1, mean: 100), again, RankTestSupport.run("a", seed: 2, mean: 50),
        ]
        let board = Leaderboard(runs: runs)
        #expect(board.groups[0].entries[0].evalMeanReturn == 75)
        #expect(
            board.warnings.map { "\($0.file): \($0.message)" } == [
                "runs/zz-again: same package, hyperparameters and seed (1) as runs/a-s1; run skipped"
            ])
    }

    @Test func oneSeedKeepsItsOwnStdExactly() {
        let entry = Leaderboard(runs: [RankTestSupport.run("a", mean: 1, std: 0.1)]).groups[0].entries[0]
        #expect(entry.evalStdReturn == 0.1)
    }
}
