import Manifest

/// One manifest hyperparameter as tuning sees it: its type, bounds, choices and scale.
public struct TunableHyperparameter: Sendable, Hashable {
    /// The manifest's own types: tuning reads hyperparameters, it does not define them again.
    public typealias ValueType = Hyperparameter.ValueType
    public typealias Scale = Hyperparameter.Scale

    /// A choice as the manifest wrote it.
    public enum Choice: Sendable, Hashable {
        case number(Double)
        case text(String)
        case flag(Bool)
    }

    /// The manifest name, a Python identifier (`learning_rate`).
    public var name: String
    public var type: ValueType
    public var min: Double?
    public var max: Double?
    public var choices: [Choice] = []
    public var scale: Scale?

    /// The trainer's flag (`--learning-rate`).
    public var flag: String { Hyperparameter.flag(name) }

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
