import Foundation
import TestSupport
import Testing

@testable import Ranking

/// Shared helpers of the rank suites: fixture paths, scratch folders, and CPython as an oracle.
enum RankTestSupport {
    /// The repository root (tests never chdir).
    static var root: String { TestEnvironment.repositoryRoot.path }

    static var runs: String { root + "/Fixtures/runs" }

    /// A fresh folder of this test's own, removed by the caller with `cleanUp`.
    static func scratchFolder() throws -> String { try TestEnvironment.scratchFolder("rank-tests").path }

    static func cleanUp(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }

    static func write(_ text: String, to path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static var python: String { TestEnvironment.python }

    /// Runs `script` with the oracle Python, `input` on stdin; returns stdout (throws on failure).
    static func runPython(_ script: String, arguments: [String] = [], input: String = "") throws -> String {
        let result = try TestEnvironment.run([python, "-c", script] + arguments, stdin: Array(input.utf8))
        guard result.status == 0 else { throw OracleFailure(message: result.stderr) }
        return result.stdout
    }

    struct OracleFailure: Error, CustomStringConvertible {
        var message: String
        var description: String { "the Python oracle failed: \(message)" }
    }

    /// A run with the given results and a short curve, for ranking tests that need no files.
    static func run(
        _ name: String, domain: String = "dqn", env: String = "CartPole-v1", seed: Int = 0, mean: Double,
        std: Double = 0, steps: Int = 1000, episodes: Int = 10, package: String? = nil,
        hyperparameters: [String: String] = [:]
    ) -> RunRecord {
        let digest = package ?? String(repeating: String(name.prefix(1)), count: 64)
        return RunRecord(
            jobDirectory: "runs/\(name)-s\(seed)", domain: domain, env: env, seed: seed, evalMeanReturn: mean,
            evalStdReturn: std, evalEpisodes: episodes, trainEpisodes: 3, trainSteps: steps,
            wallTimeSeconds: 1.5,
            agentFilename: "\(name).py", agentSHA256: "ab" + String(repeating: "0", count: 62),
            packageDigest: digest,
            hyperparameters: hyperparameters,
            configurationDigest: digest
                + hyperparameters.keys.sorted().map { "\($0)=\(hyperparameters[$0] ?? "")" }
                .joined(),
            progress: [
                ProgressPoint(episode: 0, steps: 10, episodeReturn: 10),
                ProgressPoint(episode: 1, steps: 30, episodeReturn: 20),
                ProgressPoint(episode: 2, steps: 60, episodeReturn: 30),
            ])
    }
}
