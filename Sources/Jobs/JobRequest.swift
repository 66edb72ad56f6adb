import RelnaCore
import RelnaYAML

/// Everything a job request is made from; built by `build` from the manifest and the flags.
public struct JobRequestInput: Sendable, Hashable {
    public var domain: String
    public var envId: String
    public var defaults: JobDefaults
    public var package: JobPackage
    /// nil: the placeholder bucket `gs://YOUR_BUCKET`, which `submit` replaces.
    public var bucket: StorageBucket?
    /// nil: `JobName.forBuild`.
    public var jobName: String?
    public var region: String?
    /// Overrides Vertex's machine type and, for AI Platform, selects `scaleTier: CUSTOM` with it as
    /// the master type.
    public var machineType: String?
    public var seed: Int?
    /// `--set` values as trainer flags: (`--learning-rate`, `0.01`).
    public var settings: [Setting]
    /// Passed to the trainer after the others, as given.
    public var extraArgs: [String]
    public var hyperparameters: [TunableHyperparameter]
    public var tuning: TuningRequest?

    public struct Setting: Sendable, Hashable {
        public var flag: String
        public var value: String
    }

    public init(
        domain: String, envId: String, defaults: JobDefaults, package: JobPackage,
        bucket: StorageBucket? = nil, jobName: String? = nil, region: String? = nil,
        machineType: String? = nil, seed: Int? = nil, settings: [Setting] = [], extraArgs: [String] = [],
        hyperparameters: [TunableHyperparameter] = [], tuning: TuningRequest? = nil
    ) {
        self.domain = domain
        self.envId = envId
        self.defaults = defaults
        self.package = package
        self.bucket = bucket
        self.jobName = jobName
        self.region = region
        self.machineType = machineType
        self.seed = seed
        self.settings = settings
        self.extraArgs = extraArgs
        self.hyperparameters = hyperparameters
        self.tuning = tuning
    }

    /// The trainer's arguments: `--env=ID`, `--seed=N`, the `--set` flags, then the extra ones.
    /// The `--flag=value` form keeps a negative or dash-leading value from reading as a flag.
    public var trainerArgs: [String] {
        let args = ["--env=\(envId)"] + settings.map { "\($0.flag)=\($0.value)" } + extraArgs
        return seed.map { Self.seeded(args, $0) } ?? args
    }

    /// `args` made without a seed with `--seed=N` where `trainerArgs` puts it, so that one request per
    /// package serves every seed (the arena's pipeline.py).
    public static func seeded(_ args: [String], _ seed: Int) -> [String] {
        var args = args
        args.insert("--seed=\(seed)", at: min(1, args.count))
        return args
    }
}

/// The job requests for one package: an AI Platform Training `Job` and a Vertex AI `CustomJobSpec`
/// (or, when tuning, a `HyperparameterTuningJob` whose `trialJobSpec` is that CustomJobSpec).
public struct JobRequest: Sendable, Hashable {
    public enum VertexKind: String, Sendable, Hashable {
        /// For `gcloud ai custom-jobs create --config`.
        case customJob
        /// For `gcloud ai hp-tuning-jobs create --config`.
        case hyperparameterTuningJob
    }

    public var jobName: String
    public var region: String
    public var packageURI: String
    public var aiPlatform: YAMLNode
    public var vertex: YAMLNode
    public var vertexKind: VertexKind
    /// The Vertex document's worker pool (a tuning job's trials run it too).
    public var workerPool: VertexWorkerPool
    /// Remarks for the user (e.g. a log scale that could not be kept).
    public var notes: [String]

    public init(_ input: JobRequestInput) throws(JobRequestError) {
        guard input.package.sha256.count == 64,
            input.package.sha256.unicodeScalars.allSatisfy({
                ("0"..."9").contains($0) || ("a"..."f").contains($0)
            })
        else { throw .invalidPackageDigest(input.package.sha256) }
        let bucket = input.bucket ?? .placeholder
        let name = JobName.sanitized(
            input.jobName
                ?? JobName.forBuild(domain: input.domain, envId: input.envId, sha256: input.package.sha256),
            for: .aiplatform)
        let tuning = try input.tuning.map { (request) throws(JobRequestError) in
            try TuningSpec(request: request, hyperparameters: input.hyperparameters)
        }
        jobName = name
        region = input.region ?? input.defaults.region
        packageURI = bucket.packageURI(input.package)
        notes = tuning?.notes ?? []
        let args = YAMLNode.sequence(input.trainerArgs.map(YAMLNode.string))
        let jobDir = bucket.jobDirectory(name)
        aiPlatform = Self.aiPlatformJob(
            input, name: name, region: region, packageURI: packageURI, jobDir: jobDir, args: args,
            tuning: tuning)
        workerPool = VertexWorkerPool(
            machineType: input.machineType ?? input.defaults.machineType,
            executorImage: input.defaults.executorImage, packageURIs: [packageURI],
            pythonModule: input.defaults.pythonModule, args: input.trainerArgs)
        let customJobSpec = Self.customJobSpec(workerPool, jobDir: jobDir)
        if let tuning {
            vertexKind = .hyperparameterTuningJob
            vertex = .mapping([
                YAMLEntry("studySpec", tuning.vertexStudySpec),
                YAMLEntry("maxTrialCount", .int(tuning.maxTrials)),
                YAMLEntry("parallelTrialCount", .int(tuning.parallelTrials)),
                YAMLEntry("trialJobSpec", customJobSpec),
            ])
        } else {
            vertexKind = .customJob
            vertex = customJobSpec
        }
    }

    /// The AI Platform Training `Job`.
    private static func aiPlatformJob(
        _ input: JobRequestInput, name: String, region: String, packageURI: String, jobDir: String,
        args: YAMLNode, tuning: TuningSpec?
    ) -> YAMLNode {
        let defaults = input.defaults
        var trainingInput: [YAMLEntry] = []
        if let machineType = input.machineType {
            trainingInput += [
                YAMLEntry("scaleTier", "CUSTOM"), YAMLEntry("masterType", .string(machineType)),
            ]
        } else {
            trainingInput.append(YAMLEntry("scaleTier", .string(defaults.scaleTier)))
            if defaults.scaleTier == "CUSTOM" {
                trainingInput.append(
                    YAMLEntry("masterType", .string(defaults.masterType ?? defaults.machineType)))
            }
        }
        trainingInput += [
            YAMLEntry("packageUris", .sequence([.string(packageURI)])),
            YAMLEntry("pythonModule", .string(defaults.pythonModule)),
            YAMLEntry("region", .string(region)),
            YAMLEntry("jobDir", .string(jobDir)),
            YAMLEntry("runtimeVersion", .string(defaults.runtimeVersion)),
            YAMLEntry("pythonVersion", .string(defaults.pythonVersion)),
            YAMLEntry("args", args),
        ]
        if let tuning { trainingInput.append(YAMLEntry("hyperparameters", tuning.aiPlatform)) }
        return .mapping([
            YAMLEntry("jobId", .string(name)), YAMLEntry("trainingInput", .mapping(trainingInput)),
        ])
    }

    /// The Vertex AI `CustomJobSpec` (a tuning job's `trialJobSpec`).
    ///
    /// Vertex sets AIP_MODEL_DIR under baseOutputDirectory (per trial when tuning); the trainers
    /// derive their job dir from it, so no --job-dir argument is passed.
    private static func customJobSpec(_ pool: VertexWorkerPool, jobDir: String) -> YAMLNode {
        .mapping([
            YAMLEntry("workerPoolSpecs", .sequence([pool.document])),
            YAMLEntry("baseOutputDirectory", .mapping([YAMLEntry("outputUriPrefix", .string(jobDir))])),
        ])
    }

    /// The `{stem}.job.yaml` text: one YAML document per target, each with a comment saying what it
    /// is and the command that takes it.
    public func yaml(targets: [JobTarget]) -> String {
        let documents = targets.map { target in
            (value: document(for: target), comment: comment(for: target))
        }
        return YAMLWriter.stream(documents)
    }

    public func document(for target: JobTarget) -> YAMLNode {
        target == .aiplatform ? aiPlatform : vertex
    }

    private func comment(for target: JobTarget) -> [String] {
        switch target {
        case .aiplatform:
            return [
                "AI Platform Training Job resource (relna-pack \(RelnaVersion.string)): a legacy export.",
                "AI Platform Training was shut down on 2025-01-31; no service accepts this document.",
                "It was submitted with",
                "  gcloud ai-platform jobs submit training \(jobName) --region=\(region) --config=FILE",
            ]
        case .vertex:
            let command =
                vertexKind == .customJob
                ? "gcloud ai custom-jobs create --region=\(region) --display-name=\(jobName) --config=FILE"
                : "gcloud ai hp-tuning-jobs create --region=\(region) --display-name=\(jobName) --config=FILE"
            let what = vertexKind == .customJob ? "CustomJobSpec" : "HyperparameterTuningJob"
            return [
                "Vertex AI \(what) (relna-pack \(RelnaVersion.string)). Submit with",
                "  relna-pack submit PACKAGE --project P --bucket gs://B",
                "or upload the package to packageUris and run",
                "  \(command)",
            ]
        }
    }
}
