import ArgumentParser
import Foundation
import TrainerGen

/// `build`'s job-request flags: what `{stem}.job.yaml` targets and what it asks for.
struct JobOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Job requests to write beside the sdist: vertex (Vertex AI CustomJob), or aiplatform or both "
                + "for a legacy AI Platform Training export (that service was shut down on 2025-01-31)."))
    var jobTarget: Target = .vertex

    @Option(
        help: ArgumentHelp(
            "Cloud Storage bucket for the package and job output [default: gs://YOUR_BUCKET, which submit fills in].",
            valueName: "gs://bucket"))
    var bucket: String?

    @Option(help: "Region of the job [default: the manifest's].")
    var region: String?

    @Option(
        help: "Machine type (Vertex machineType; AI Platform scaleTier CUSTOM with this masterType).")
    var machineType: String?

    @Option(
        help: "Legacy AI Platform export: runtime version [default: the framework's, else 2.11].")
    var runtimeVersion: String?

    @Option(
        help: "Legacy AI Platform export: Python version [default: the framework's].")
    var pythonVersion: String?

    @Option(
        name: [.customLong("image"), .customLong("executor-image")],
        help: ArgumentHelp(
            "Vertex prebuilt training container (executorImageUri) [default: the newest image in "
                + "Templates/_shared/executor-images.yaml whose Python the package supports].",
            valueName: "uri"))
    var executorImage: String?

    @Option(help: "Training seed passed to the trainer as --seed.")
    var seed: Int?

    @Option(
        help: ArgumentHelp(
            "Make a hyperparameter tuning job that optimises METRIC (e.g. eval_mean_return).",
            valueName: "metric"))
    var tune: String?

    @Option(help: "Whether tuning maximizes or minimizes the metric.")
    var tuneGoal: TuningGoal = .maximize

    @Option(help: "Tuning: total trials.")
    var maxTrials: Int = 10

    @Option(help: "Tuning: trials run at once.")
    var parallelTrials: Int = 2

    @Option(
        name: .customLong("param"),
        help: ArgumentHelp(
            "Tuning: a hyperparameter to search (repeatable, or comma-separated) [default: every one with both bounds or with choices].",
            valueName: "name"))
    var params: [String] = []

    enum Target: String, ExpressibleByArgument, CaseIterable {
        case aiplatform
        case vertex
        case both
    }

    enum TuningGoal: String, ExpressibleByArgument, CaseIterable {
        case maximize
        case minimize
    }

    func validate() throws {
        if tune == nil, !params.isEmpty || maxTrials != 10 || parallelTrials != 2 || tuneGoal != .maximize {
            throw ValidationError(
                "--param, --max-trials, --parallel-trials and --tune-goal need --tune METRIC")
        }
    }

    /// The library's options; the pipeline reports a bad bucket or trial count as a usage error.
    func options() -> JobFile.Options {
        let tuning = tune.map { metric in
            TuningRequest(
                metric: metric, goal: tuneGoal == .maximize ? .maximize : .minimize, maxTrials: maxTrials,
                parallelTrials: parallelTrials,
                parameters: params.flatMap { $0.split(separator: ",").map(String.init) })
        }
        return JobFile.Options(
            targets: JobTargetSelection(rawValue: jobTarget.rawValue) ?? .both,
            bucket: bucket,
            region: region, machineType: machineType, runtimeVersion: runtimeVersion,
            pythonVersion: pythonVersion,
            executorImage: executorImage, seed: seed, tuning: tuning,
            today: Self.today(ProcessInfo.processInfo.environment))
    }

    /// RELNA_TODAY=yyyy-MM-dd replaces the clock's date for the image expiry check. For tests only
    /// (docs/jobs.md): the warning must not depend on the day the suite runs.
    static func today(_ environment: [String: String]) -> String? {
        guard let day = environment["RELNA_TODAY"], ExecutorImageTable.isDay(day) else { return nil }
        return day
    }
}
