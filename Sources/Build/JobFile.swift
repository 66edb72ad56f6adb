import Foundation
import Jobs
import RelnaCore

/// The job request a build writes beside its sdist: `{stem}.job.yaml`.
public enum JobFile {
    /// The job-related flags of `build` (and of anything else that writes a job file).
    public struct Options: Sendable, Hashable {
        public var targets: JobTargetSelection
        /// `gs://bucket` as given; checked when the request is made.
        public var bucket: String?
        public var region: String?
        public var machineType: String?
        /// Overrides of the framework's AI Platform runtime and Python versions and Vertex image.
        public var runtimeVersion: String?
        public var pythonVersion: String?
        public var executorImage: String?
        public var seed: Int?
        public var tuning: TuningRequest?
        /// The day (`yyyy-MM-dd`, UTC) against which image end-of-availability dates are checked;
        /// nil: the clock's. Never SOURCE_DATE_EPOCH: that date is the package's, not today's.
        public var today: String?

        public init(
            targets: JobTargetSelection = .vertex, bucket: String? = nil, region: String? = nil,
            machineType: String? = nil, runtimeVersion: String? = nil, pythonVersion: String? = nil,
            executorImage: String? = nil, seed: Int? = nil, tuning: TuningRequest? = nil,
            today: String? = nil
        ) {
            self.targets = targets
            self.bucket = bucket
            self.region = region
            self.machineType = machineType
            self.runtimeVersion = runtimeVersion
            self.pythonVersion = pythonVersion
            self.executorImage = executorImage
            self.seed = seed
            self.tuning = tuning
            self.today = today
        }
    }

    /// `relna_trainer_dqn-0.1.0.tar.gz` → `relna_trainer_dqn-0.1.0.job.yaml`.
    public static func fileName(forSdist sdist: String) -> String {
        (sdist.hasSuffix(".tar.gz") ? String(sdist.dropLast(".tar.gz".count)) : sdist) + ".job.yaml"
    }

    /// The job request for a built package: the manifest's job defaults with the chosen framework's
    /// runtime, the `--set` values that differ from the defaults, and the flags.
    public static func request(product: BuildProduct, options: Options) throws(JobRequestError)
        -> JobRequest
    {
        let manifest = product.manifest
        let tuning = options.tuning.map { request in
            var request = request
            if request.metric.isEmpty { request.metric = manifest.job["tuning_metric"] ?? "eval_mean_return" }
            return request
        }
        let defaults = defaults(product: product, options: options)
        let input = JobRequestInput(
            domain: product.domain, envId: product.env, defaults: defaults,
            package: JobPackage(fileName: product.fileName, sha256: product.sha256),
            bucket: try options.bucket.map { (text) throws(JobRequestError) in try StorageBucket(text) },
            region: options.region, machineType: options.machineType, seed: options.seed,
            settings: JobRequestInput.Setting.overrides(
                product.hyperparameters, manifest: manifest, env: product.env),
            hyperparameters: manifest.hyperparameters.map(TunableHyperparameter.init), tuning: tuning)
        return try JobRequest(input)
    }

    /// Sets the product's `{stem}.job.yaml` and adds the request's notes to its diagnostics
    /// (`job-tuning` about the tuning spec, `job-python` about a runtime the package cannot install on,
    /// `job-target` about the legacy AI Platform export), and a `job-image` warning when the Vertex
    /// image is past its end of availability. None of them changes the package's bytes.
    static func attach(to product: inout BuildProduct, options: Options) throws(JobRequestError) {
        let request = try request(product: product, options: options)
        let yaml = request.yaml(targets: options.targets.targets)
        product.jobFile = BuildProduct.JobFileDocuments(
            fileName: fileName(forSdist: product.fileName), request: request, bytes: Array(yaml.utf8))
        // Say so when a requested runtime or image runs a Python the package cannot install on.
        let defaults = defaults(product: product, options: options)
        let requiresPython = BuildPipeline.minimumPython(product.manifest.framework(named: product.framework))
        let targets = options.targets.targets
        let python = RuntimePython.notes(
            defaults: defaults, requiresPython: requiresPython, targets: targets, images: .builtIn)
        func diagnostic(_ severity: Diagnostic.Severity, _ code: String) -> (String) -> Diagnostic {
            {
                Diagnostic(
                    severity: severity, code: code, file: "<command-line>", line: 0, column: 0, message: $0)
            }
        }
        let legacy =
            targets.contains(.aiplatform)
            ? [
                "AI Platform Training was shut down on 2025-01-31: the aiplatform document is a legacy "
                    + "export that no service accepts; submit the Vertex AI one"
            ] : []
        let expiry =
            targets.contains(.vertex)
            ? ExecutorImageTable.builtIn.expiryWarning(
                uri: defaults.executorImage, framework: product.framework, requiresPython: requiresPython,
                today: options.today ?? ExecutorImageTable.day(Date())
            ).map { [$0] } ?? [] : []
        product.diagnostics +=
            expiry.map(diagnostic(.warning, "job-image")) + request.notes.map(diagnostic(.note, "job-tuning"))
            + python.map(diagnostic(.note, "job-python")) + legacy.map(diagnostic(.note, "job-target"))
    }

    /// The manifest's job defaults with the chosen framework's runtime, then the flags' overrides.
    static func defaults(product: BuildProduct, options: Options) -> JobDefaults {
        let manifest = product.manifest
        var defaults = JobDefaults(
            manifest: manifest, framework: manifest.framework(named: product.framework))
        if let runtimeVersion = options.runtimeVersion { defaults.runtimeVersion = runtimeVersion }
        if let pythonVersion = options.pythonVersion { defaults.pythonVersion = pythonVersion }
        if let executorImage = options.executorImage { defaults.executorImage = executorImage }
        return defaults
    }
}
