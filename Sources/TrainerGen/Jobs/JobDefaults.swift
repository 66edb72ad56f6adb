/// Where a job request is meant to go: AI Platform Training (`gcloud ai-platform jobs submit training`)
/// or Vertex AI custom training (`gcloud ai custom-jobs create` / `gcloud ai hp-tuning-jobs create`).
public enum JobTarget: String, Sendable, Hashable, CaseIterable, Codable {
    case aiplatform
    case vertex
}

/// The `--job-target` choice of `build`: one target or both.
public enum JobTargetSelection: String, Sendable, Hashable, CaseIterable, Codable {
    case aiplatform
    case vertex
    case both

    public var targets: [JobTarget] {
        switch self {
        case .aiplatform: [.aiplatform]
        case .vertex: [.vertex]
        case .both: [.aiplatform, .vertex]
        }
    }
}

/// A manifest's `job:` section merged with the chosen framework's runtime settings.
///
/// Its own type (not the manifest's) so that job requests can be made and tested without a manifest,
/// and so the manifest may evolve without touching the job writer.
public struct JobDefaults: Sendable, Hashable {
    public var pythonModule: String
    public var region: String
    /// AI Platform scale tier: BASIC, STANDARD_1, PREMIUM_1, BASIC_GPU or CUSTOM.
    public var scaleTier: String
    /// AI Platform `masterType`, used when the scale tier is CUSTOM.
    public var masterType: String?
    /// Vertex `machineSpec.machineType`.
    public var machineType: String
    /// The metric the trainers report through cloudml-hypertune.
    public var tuningMetric: String
    /// AI Platform runtime version, e.g. "2.11".
    public var runtimeVersion: String
    /// AI Platform Python version, e.g. "3.7".
    public var pythonVersion: String
    /// Vertex prebuilt training container for Python packages.
    public var executorImage: String

    public init(
        pythonModule: String = "trainer.task", region: String = "us-central1", scaleTier: String = "BASIC",
        masterType: String? = nil, machineType: String = "n1-standard-4",
        tuningMetric: String = "eval_mean_return", runtimeVersion: String, pythonVersion: String,
        executorImage: String
    ) {
        self.pythonModule = pythonModule
        self.region = region
        self.scaleTier = scaleTier
        self.masterType = masterType
        self.machineType = machineType
        self.tuningMetric = tuningMetric
        self.runtimeVersion = runtimeVersion
        self.pythonVersion = pythonVersion
        self.executorImage = executorImage
    }
}

/// The built sdist a job installs.
public struct JobPackage: Sendable, Hashable {
    /// The sdist's file name, e.g. `relna_trainer_dqn-0.1.0.tar.gz`.
    public var fileName: String
    /// Lowercase hex SHA-256 of the sdist's bytes.
    public var sha256: String

    public init(fileName: String, sha256: String) {
        self.fileName = fileName
        self.sha256 = sha256
    }
}

/// One manifest hyperparameter as tuning sees it: its type, bounds, choices and scale.
public struct TunableHyperparameter: Sendable, Hashable {
    public enum ValueType: String, Sendable, Hashable {
        case float
        case int
        case bool
        case str
    }

    public enum Scale: String, Sendable, Hashable {
        case linear
        case log
        case reverseLog = "reverse_log"
    }

    /// A choice as the manifest wrote it.
    public enum Choice: Sendable, Hashable {
        case number(Double)
        case text(String)
        case flag(Bool)
    }

    /// The manifest name, a Python identifier (`learning_rate`).
    public var name: String
    /// The trainer's flag (`--learning-rate`).
    public var flag: String
    public var type: ValueType
    public var min: Double?
    public var max: Double?
    public var choices: [Choice]
    public var scale: Scale?

    public init(
        name: String, flag: String? = nil, type: ValueType, min: Double? = nil, max: Double? = nil,
        choices: [Choice] = [], scale: Scale? = nil
    ) {
        self.name = name
        self.flag = flag ?? "--" + String(name.map { $0 == "_" ? "-" : $0 })
        self.type = type
        self.min = min
        self.max = max
        self.choices = choices
        self.scale = scale
    }

    /// Tunable without being named: numbers with both bounds, or anything with choices.
    public var isTunable: Bool {
        !choices.isEmpty || ((type == .float || type == .int) && min != nil && max != nil)
    }
}

/// What `--tune METRIC [--max-trials N] [--parallel-trials M] [--param NAME …]` asks for.
public struct TuningRequest: Sendable, Hashable {
    public enum Goal: String, Sendable, Hashable, CaseIterable {
        case maximize = "MAXIMIZE"
        case minimize = "MINIMIZE"
    }

    public var metric: String
    public var goal: Goal
    public var maxTrials: Int
    public var parallelTrials: Int
    /// The hyperparameters to tune; empty means every tunable one.
    public var parameters: [String]

    public init(
        metric: String, goal: Goal = .maximize, maxTrials: Int = 10, parallelTrials: Int = 2,
        parameters: [String] = []
    ) {
        self.metric = metric
        self.goal = goal
        self.maxTrials = maxTrials
        self.parallelTrials = parallelTrials
        self.parameters = parameters
    }
}
