import Foundation
import Testing

@testable import Ranking

/// What the referee records decides what rank trusts: failed runs are skipped with a warning, and
/// `--require-isolated` skips runs the referee did not decide.
@Suite struct RankIntegrityTests {
    /// A copy of a good run; `referee` is inserted into its metrics.json when given.
    private static func run(at folder: String, referee: String?) throws {
        let fixture = RankTestSupport.runs + "/good/dqn/ben-seed0"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fixture + "/progress.csv", toPath: folder + "/progress.csv")
        var metrics = try String(contentsOfFile: fixture + "/metrics.json", encoding: .utf8)
        if let referee, let brace = metrics.firstIndex(of: "{") {
            metrics.insert(contentsOf: "\"referee\": \(referee), ", at: metrics.index(after: brace))
        }
        try RankTestSupport.write(metrics, to: folder + "/metrics.json")
    }

    @Test func failedRunsAreSkippedWithTheirReason() throws {
        let scratch = try RankTestSupport.scratchFolder()
        defer { RankTestSupport.cleanUp(scratch) }
        try Self.run(at: scratch + "/good", referee: nil)
        try RankTestSupport.write(
            #"{"status": "failed", "reason": "timeout", "message": "QNetwork.predict took more than 3 s"}"#,
            to: scratch + "/hung/failure.json")
        let collection = RunCollection.collect(under: [scratch])
        #expect(collection.runs.map(\.jobDirectory) == [scratch + "/good"])
        #expect(
            collection.warnings.map { "\($0.file) \($0.code) \($0.message)" } == [
                scratch + "/hung/failure.json rank-failed-run the run failed (timeout): "
                    + "QNetwork.predict took more than 3 s; run skipped"
            ])
    }

    @Test func requireIsolatedSkipsRunsTheRefereeDidNotDecide() throws {
        let scratch = try RankTestSupport.scratchFolder()
        defer { RankTestSupport.cleanUp(scratch) }
        try Self.run(at: scratch + "/a-refereed", referee: #"{"isolated": true, "sandbox": "bubblewrap"}"#)
        try Self.run(at: scratch + "/b-in-process", referee: #"{"isolated": false}"#)
        try Self.run(at: scratch + "/c-old-trainer", referee: nil)
        let all = RunCollection.collect(under: [scratch])
        #expect(all.runs.count == 3 && all.warnings.isEmpty)
        let isolated = RunCollection.collect(under: [scratch], requireIsolated: true)
        #expect(isolated.runs.map(\.jobDirectory) == [scratch + "/a-refereed"])
        #expect(
            isolated.warnings.map { "\($0.file) \($0.code)" } == [
                scratch + "/b-in-process/metrics.json rank-not-isolated",
                scratch + "/c-old-trainer/metrics.json rank-not-isolated",
            ])
    }
}
