import RelnaYAML

/// The hyperparameter search of a tuning job, resolved from the manifest's bounds and choices, and
/// written in each API's own shape.
public struct TuningSpec: Sendable, Hashable {
    public struct Parameter: Sendable, Hashable {
        public enum Domain: Sendable, Hashable {
            case double(min: Double, max: Double)
            case integer(min: Int, max: Int)
            /// Strictly increasing numbers.
            case discrete([Double])
            case categorical([String])
        }

        /// The manifest name; the trainers accept `--learning_rate` as well as `--learning-rate`,
        /// and the tuning services pass `--<parameterName>=<value>`.
        public var name: String
        public var domain: Domain
        /// UNIT_LINEAR_SCALE, UNIT_LOG_SCALE or UNIT_REVERSE_LOG_SCALE; nil for categorical ones.
        public var scaleType: String?
    }

    public var metric: String
    public var goal: TuningRequest.Goal
    public var maxTrials: Int
    public var parallelTrials: Int
    public var parameters: [Parameter]
    /// Things the user should know (a log scale dropped because a bound is not positive).
    public var notes: [String]

    public init(request: TuningRequest, hyperparameters: [TunableHyperparameter]) throws(JobRequestError) {
        guard !request.metric.isEmpty else { throw .emptyMetric }
        guard request.maxTrials >= 1 else {
            throw .invalidTrialCount(flag: "--max-trials", value: request.maxTrials)
        }
        guard request.parallelTrials >= 1 else {
            throw .invalidTrialCount(flag: "--parallel-trials", value: request.parallelTrials)
        }
        metric = request.metric
        goal = request.goal
        maxTrials = request.maxTrials
        parallelTrials = request.parallelTrials
        notes = []
        parameters = []
        let chosen: [TunableHyperparameter]
        if request.parameters.isEmpty {
            chosen = hyperparameters.filter { $0.isTunable && $0.type != .bool }
            guard !chosen.isEmpty else { throw .nothingToTune }
        } else {
            var picked: [TunableHyperparameter] = []
            for name in request.parameters where !picked.contains(where: { $0.name == name }) {
                guard let hyperparameter = hyperparameters.first(where: { $0.name == name }) else {
                    throw .unknownTuningParameter(name, known: hyperparameters.map(\.name))
                }
                picked.append(hyperparameter)
            }
            chosen = picked
        }
        for hyperparameter in chosen {
            parameters.append(try parameter(hyperparameter))
        }
    }

    private mutating func parameter(_ hp: TunableHyperparameter) throws(JobRequestError) -> Parameter {
        if hp.type == .bool {
            return Parameter(name: hp.name, domain: .categorical(["true", "false"]), scaleType: nil)
        }
        if !hp.choices.isEmpty {
            let numbers = hp.choices.compactMap { choice -> Double? in
                if case .number(let value) = choice { return value }
                return nil
            }
            if hp.type != .str, numbers.count == hp.choices.count {
                let values = Array(Set(numbers)).sorted()
                return Parameter(
                    name: hp.name, domain: .discrete(values), scaleType: scaleType(hp, min: values.first))
            }
            let texts = hp.choices.map { choice -> String in
                switch choice {
                case .text(let text): text
                case .number(let value):
                    hp.type == .int && value == value.rounded() ? String(Int(value)) : "\(value)"
                case .flag(let flag): flag ? "true" : "false"
                }
            }
            return Parameter(name: hp.name, domain: .categorical(texts), scaleType: nil)
        }
        guard let min = hp.min, let max = hp.max, hp.type == .float || hp.type == .int else {
            throw .notTunable(hp.name)
        }
        let domain: Parameter.Domain
        if hp.type == .int {
            // Integer bounds: round inward so every value the service picks is in the manifest's range.
            domain = .integer(min: Int(min.rounded(.up)), max: Int(max.rounded(.down)))
        } else {
            domain = .double(min: min, max: max)
        }
        return Parameter(name: hp.name, domain: domain, scaleType: scaleType(hp, min: min))
    }

    /// The API's scale type; a log scale needs positive bounds, so it falls back to linear with a note.
    private mutating func scaleType(_ hp: TunableHyperparameter, min: Double?) -> String {
        switch hp.scale {
        case .log?, .reverseLog?:
            if let min, min <= 0 {
                notes.append(
                    "\(hp.name): the manifest asks for a \(hp.scale?.rawValue ?? "log") scale but its minimum "
                        + "\(min) is not positive; tuning it on a linear scale")
                return "UNIT_LINEAR_SCALE"
            }
            return hp.scale == .log ? "UNIT_LOG_SCALE" : "UNIT_REVERSE_LOG_SCALE"
        case .linear?, nil:
            return "UNIT_LINEAR_SCALE"
        }
    }

    /// AI Platform `trainingInput.hyperparameters` (HyperparameterSpec).
    public var aiPlatform: YAMLNode {
        let params: [YAMLNode] = parameters.map { parameter in
            var entries = [YAMLEntry("parameterName", .string(parameter.name))]
            switch parameter.domain {
            case .double(let min, let max):
                entries += [
                    YAMLEntry("type", "DOUBLE"), YAMLEntry("minValue", .double(min)),
                    YAMLEntry("maxValue", .double(max)),
                ]
            case .integer(let min, let max):
                entries += [
                    YAMLEntry("type", "INTEGER"), YAMLEntry("minValue", .int(min)),
                    YAMLEntry("maxValue", .int(max)),
                ]
            case .discrete(let values):
                entries += [
                    YAMLEntry("type", "DISCRETE"),
                    YAMLEntry("discreteValues", .sequence(values.map(YAMLNode.double))),
                ]
            case .categorical(let values):
                entries += [
                    YAMLEntry("type", "CATEGORICAL"),
                    YAMLEntry("categoricalValues", .sequence(values.map(YAMLNode.string))),
                ]
            }
            if let scaleType = parameter.scaleType {
                entries.append(YAMLEntry("scaleType", .string(scaleType)))
            }
            return .mapping(entries)
        }
        return .mapping([
            YAMLEntry("goal", .string(goal.rawValue)),
            YAMLEntry("params", .sequence(params)),
            YAMLEntry("maxTrials", .int(maxTrials)),
            YAMLEntry("maxParallelTrials", .int(parallelTrials)),
            YAMLEntry("hyperparameterMetricTag", .string(metric)),
        ])
    }

    /// Vertex `studySpec` (StudySpec).
    public var vertexStudySpec: YAMLNode {
        let params: [YAMLNode] = parameters.map { parameter in
            var entries = [YAMLEntry("parameterId", .string(parameter.name))]
            switch parameter.domain {
            case .double(let min, let max):
                entries.append(
                    YAMLEntry(
                        "doubleValueSpec",
                        .mapping([YAMLEntry("minValue", .double(min)), YAMLEntry("maxValue", .double(max))])))
            case .integer(let min, let max):
                entries.append(
                    YAMLEntry(
                        "integerValueSpec",
                        .mapping([YAMLEntry("minValue", .int(min)), YAMLEntry("maxValue", .int(max))])))
            case .discrete(let values):
                entries.append(
                    YAMLEntry(
                        "discreteValueSpec",
                        .mapping([YAMLEntry("values", .sequence(values.map(YAMLNode.double)))])))
            case .categorical(let values):
                entries.append(
                    YAMLEntry(
                        "categoricalValueSpec",
                        .mapping([YAMLEntry("values", .sequence(values.map(YAMLNode.string)))])))
            }
            if let scaleType = parameter.scaleType {
                entries.append(YAMLEntry("scaleType", .string(scaleType)))
            }
            return .mapping(entries)
        }
        return .mapping([
            YAMLEntry(
                "metrics",
                .sequence([
                    .mapping([
                        YAMLEntry("metricId", .string(metric)), YAMLEntry("goal", .string(goal.rawValue)),
                    ])
                ])),
            YAMLEntry("parameters", .sequence(params)),
        ])
    }
}
