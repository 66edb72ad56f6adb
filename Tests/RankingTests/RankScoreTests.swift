import Foundation
import Testing

@testable import Ranking

/// `--score`, the tie-breakers down to the name, and entries without a score.
@Suite struct RankScoreTests {
    /// `name`'s runs, one per score (seeds 0, 1, …).
    static func runs(_ name: String, _ means: [Double], std: Double = 0, package: String? = nil)
        -> [RunRecord]
    {
        means.enumerated().map { seed, mean in
            RankTestSupport.run(name, seed: seed, mean: mean, std: std, package: package)
        }
    }

    static func order(_ board: Leaderboard) -> [String] {
        board.groups[0].entries.map { String($0.agentFilename.dropLast(3)) }
    }

    @Test func theScoreChoosesTheOrder() {
        // ann: one bad seed out of five (mean 80, IQM 100); bob: steady 90 ± 40; cat: 85 ± 1.
        let runs =
            Self.runs("ann", [0, 100, 100, 100, 100]) + Self.runs("bob", [90, 90, 90], std: 40)
            + Self.runs("cat", [85, 85], std: 1)
        #expect(Self.order(Leaderboard(runs: runs)) == ["bob", "cat", "ann"])
        #expect(Self.order(Leaderboard(runs: runs, score: .iqm)) == ["ann", "bob", "cat"])
        // ann's pooled std: sqrt(mean(std² + (mean_i − 80)²)) = sqrt((6400 + 4 · 400) / 5) = 40.
        #expect(Self.order(Leaderboard(runs: runs, score: .meanMinusStd)) == ["cat", "bob", "ann"])
        let ann = Leaderboard(runs: runs).groups[0].entries[2]
        #expect(ann.statistics.iqm == 100 && ann.evalMeanReturn == 80 && ann.statistics.std == 40)
    }

    @Test func tiesAreBrokenByTheHigherMeanThenTheName() {
        // Under iqm, ann and bob tie at 100: ann's higher mean wins. zed and amy tie on every value; the
        // name decides although zed's package digest sorts first.
        let runs =
            Self.runs("ann", [100, 100, 100, 100]) + Self.runs("bob", [0, 100, 100, 100, 100])
            + Self.runs("zed", [50], package: String(repeating: "0", count: 64))
            + Self.runs("amy", [50], package: String(repeating: "f", count: 64))
        let board = Leaderboard(runs: runs.reversed(), score: .iqm)
        #expect(Self.order(board) == ["ann", "bob", "amy", "zed"])
        #expect(board.groups[0].entries.map(\.rank) == [1, 2, 3, 4])
    }

    @Test func unrankedEntriesFollowTheRankedOnesInTheirGroup() {
        let unranked = [
            UnrankedEntry(
                name: "dan", domain: "dqn", env: "CartPole-v1", status: .rejected, reason: "no act()"),
            UnrankedEntry(
                name: "eve", domain: "dqn", env: "CartPole-v1", status: .duplicate(of: "ann.py"), reason: ""),
            UnrankedEntry(
                name: "bea", domain: "dqn", env: "CartPole-v1", status: .failed, reason: "timed out"),
            UnrankedEntry(
                name: "cal", domain: "dqn", env: "CartPole-v1", status: .rejected, reason: "not UTF-8"),
            UnrankedEntry(name: "gus", domain: "dqn", env: "Acrobot-v1", status: .failed, reason: "crashed"),
        ]
        let board = Leaderboard(runs: Self.runs("ann", [10]), unranked: unranked.reversed())
        #expect(board.groups.map(\.env) == ["Acrobot-v1", "CartPole-v1"])
        #expect(board.groups[0].entries.isEmpty && board.groups[0].unranked.map(\.name) == ["gus"])
        #expect(board.groups[1].unranked.map(\.name) == ["bea", "cal", "dan", "eve"])
        #expect(Leaderboard(runs: [], unranked: unranked, env: "Acrobot-v1").groups.count == 1)

        let table = LeaderboardTable.render(board)
        #expect(
            table.hasSuffix(
                """
                not ranked:
                  failed     bea  timed out
                  rejected   cal  not UTF-8
                  rejected   dan  no act()
                  duplicate  eve  duplicate of ann.py

                """))
        let csv = LeaderboardCSV.render(board)
        #expect(csv.contains("\r\n,dqn,CartPole-v1,eve,,,,,,,,,,,,,,,,,,,duplicate,ann.py,\r\n"))
        let html = LeaderboardHTML.render(board)
        #expect(html.contains("<td class=\"status\" colspan=\"7\">duplicate of ann.py</td>"))
        #expect(html.contains("<td class=\"status\" colspan=\"7\">failed: crashed</td>"))
    }

    @Test func theJSONCarriesTheStatisticsAndTheUnranked() throws {
        let unranked = [
            UnrankedEntry(
                name: "Eve \"E\" Lee", domain: "dqn", env: "CartPole-v1", status: .duplicate(of: "ann.py"),
                reason: "same agent file", agentSHA256: String(repeating: "e", count: 64))
        ]
        let board = Leaderboard(
            runs: Self.runs("ann", [10, 20, 60]), unranked: unranked, score: .meanMinusStd)
        let text = LeaderboardJSON.render(board)
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(document["score"] as? String == "mean-std")
        let bootstrap = try #require(document["bootstrap"] as? [String: Any])
        #expect(bootstrap["resamples"] as? Int == SeedStatistics.bootstrapResamples)
        let group = try #require((document["groups"] as? [[String: Any]])?.first)
        let entry = try #require((group["entries"] as? [[String: Any]])?.first)
        #expect(entry["status"] as? String == "ranked")
        #expect(entry["eval_iqm_return"] as? Double == 30)
        #expect((entry["eval_mean_return_ci95"] as? [Double])?.count == 2)
        #expect((entry["eval_iqm_return_ci95"] as? [Double])?.count == 2)
        #expect(entry["score"] as? Double == entry["mean_minus_std"] as? Double)
        let other = try #require((group["unranked"] as? [[String: Any]])?.first)
        #expect(other["name"] as? String == "Eve \"E\" Lee")
        #expect(other["status"] as? String == "duplicate" && other["duplicate_of"] as? String == "ann.py")
        #expect(other["reason"] as? String == "same agent file")
    }
}
