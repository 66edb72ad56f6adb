import Foundation
import RelnaCore

/// Every run found under the user's folders, loaded, plus a warning for each one that was skipped.
public struct RunCollection: Sendable, Hashable {
    /// Largest files read; a trainer's outputs are far smaller, anything bigger is not one of them.
    static let maximumMetricsBytes = 16 << 20
    static let maximumProgressBytes = 256 << 20

    public var runs: [RunRecord]
    public var warnings: [Diagnostic]

    public init(runs: [RunRecord], warnings: [Diagnostic]) {
        self.runs = runs
        self.warnings = warnings
    }

    /// Finds and loads the job dirs under `roots`; bad ones become warnings, the rest are kept.
    public static func collect(under roots: [String]) -> RunCollection {
        let discovery = RunDiscovery.jobDirectories(under: roots)
        var collection = RunCollection(runs: [], warnings: discovery.warnings)
        for directory in discovery.jobDirectories {
            do {
                collection.runs.append(try load(jobDirectory: directory))
            } catch {
                collection.warnings.append(error.diagnostic)
            }
        }
        return collection
    }

    /// Reads one job dir's `metrics.json` and `progress.csv`.
    public static func load(jobDirectory: String) throws(SkippedRun) -> RunRecord {
        let metricsPath = join(jobDirectory, "metrics.json")
        let progressPath = join(jobDirectory, "progress.csv")
        let metrics = try MetricsFile.parse(
            read(metricsPath, limit: maximumMetricsBytes, code: "rank-bad-metrics"), path: metricsPath)
        guard FileManager.default.fileExists(atPath: progressPath) else {
            throw SkippedRun(
                path: progressPath, code: "rank-missing-progress",
                message: "missing (the trainer writes it beside metrics.json)")
        }
        let progress = try ProgressFile.parse(
            read(progressPath, limit: maximumProgressBytes, code: "rank-bad-progress"), path: progressPath)
        return RunRecord(
            jobDirectory: jobDirectory, domain: metrics.domain, env: metrics.env, seed: metrics.seed,
            evalMeanReturn: metrics.evalMeanReturn, evalStdReturn: metrics.evalStdReturn,
            evalEpisodes: metrics.evalEpisodes, trainEpisodes: metrics.trainEpisodes,
            trainSteps: metrics.trainSteps, wallTimeSeconds: metrics.wallTimeSeconds,
            agentFilename: metrics.agentFilename, agentSHA256: metrics.agentSHA256,
            packageDigest: metrics.packageDigest, hyperparameters: metrics.hyperparameters,
            configurationDigest: metrics.configurationDigest, progress: progress)
    }

    private static func join(_ folder: String, _ name: String) -> String {
        folder.hasSuffix("/") ? folder + name : folder + "/" + name
    }

    private static func read(_ path: String, limit: Int, code: String) throws(SkippedRun) -> [UInt8] {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw SkippedRun(path: path, code: code, message: "is a folder, not a file")
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size <= limit else {
            throw SkippedRun(
                path: path, code: code, message: "larger than \(limit >> 20) MiB; not a trainer's output")
        }
        do {
            return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw SkippedRun(path: path, code: code, message: "cannot read: \(RunDiscovery.describe(error))")
        }
    }
}
