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

    /// Finds and loads the job dirs under `roots`; bad ones become warnings, the rest are kept. Failed
    /// runs (`failure.json`) are skipped with a warning, and so, with `requireIsolated`, are runs the
    /// referee did not decide (`referee.isolated` in metrics.json).
    public static func collect(under roots: [String], requireIsolated: Bool = false) -> RunCollection {
        let discovery = RunDiscovery.jobDirectories(under: roots)
        var collection = RunCollection(runs: [], warnings: discovery.warnings)
        for directory in discovery.jobDirectories {
            do {
                collection.runs.append(try load(jobDirectory: directory, requireIsolated: requireIsolated))
            } catch {
                collection.warnings.append(error.diagnostic)
            }
        }
        for directory in discovery.failedDirectories {
            collection.warnings.append(failed(directory).diagnostic)
        }
        return collection
    }

    /// Reads one job dir's `metrics.json` and `progress.csv`.
    public static func load(jobDirectory: String, requireIsolated: Bool = false) throws(SkippedRun)
        -> RunRecord
    {
        let metricsPath = join(jobDirectory, "metrics.json")
        let progressPath = join(jobDirectory, "progress.csv")
        let metrics = try MetricsFile.parse(
            read(metricsPath, limit: maximumMetricsBytes, code: "rank-bad-metrics"), path: metricsPath)
        if requireIsolated, !metrics.isolated {
            throw SkippedRun(
                path: metricsPath, code: "rank-not-isolated",
                message: "not refereed (no \"referee\": {\"isolated\": true}; --require-isolated)")
        }
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
            agentFilename: metrics.label ?? jobName(jobDirectory), agentSHA256: metrics.agentSHA256,
            packageDigest: metrics.packageDigest, hyperparameters: metrics.hyperparameters,
            configurationDigest: metrics.configurationDigest, progress: progress)
    }

    /// The warning for a run that failed: its reason and message, as far as failure.json can be read.
    static func failed(_ directory: String) -> SkippedRun {
        let path = join(directory, "failure.json")
        var detail = ""
        if let bytes = try? read(path, limit: maximumMetricsBytes, code: "rank-failed-run"),
            let record = try? LocatedJSON.parse(bytes)
        {
            let reason = record["reason"]?.string.map { " (\($0))" } ?? ""
            let message = record["message"]?.string.map { ": " + String($0.prefix(200)) } ?? ""
            detail = reason + message
        }
        return SkippedRun(path: path, code: "rank-failed-run", message: "the run failed" + detail)
    }

    /// A job dir's last component (`runs/dqn-s0/` → `dqn-s0`): the name of a run whose package has no label.
    static func jobName(_ directory: String) -> String {
        directory.split(separator: "/").last.map(String.init) ?? directory
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
