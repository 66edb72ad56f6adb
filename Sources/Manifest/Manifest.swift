import PythonInspector
import RelnaCore

/// A domain's manifest (`Templates/<domain>/manifest.yaml`), decoded and validated; see
/// docs/manifest.md for every key.
public struct Manifest: Sendable, Hashable {
    public var domain: String
    public var title: String
    public var description: String
    /// The template version recorded in provenance.
    public var version: String
    public var agent: AgentContract
    public var hyperparameters: [Hyperparameter]
    public var environments: Environments
    /// Runtime requirements common to every framework (PEP 508 strings).
    public var requirements: [String]
    /// In manifest order; of those whose imports match the agent, the last is chosen (docs/manifest.md).
    public var frameworks: [Framework]
    public var skeleton: [SkeletonFile]
    public var job: ManifestJob

    public func hyperparameter(named name: String) -> Hyperparameter? {
        hyperparameters.first { $0.name == name }
    }

    public func framework(named name: String) -> Framework? {
        frameworks.first { $0.name == name }
    }
}

public struct AgentContract: Sendable, Hashable {
    /// Where the agent is copied verbatim inside the package.
    public var path: String
    public var maxLines: Int
    public var entryPoints: [EntryPointSpec]
}

public struct Hyperparameter: Sendable, Hashable {
    public enum ValueType: String, Sendable, Hashable, CaseIterable {
        case float
        case int
        case bool
        case str
    }

    public enum Scale: String, Sendable, Hashable, CaseIterable {
        case linear
        case log
        case reverseLog = "reverse_log"
    }

    public var name: String
    public var type: ValueType
    public var defaultValue: HyperValue
    public var min: Double?
    public var max: Double?
    public var scale: Scale?
    public var choices: [HyperValue]
    public var help: String
    /// A budget (`budget: true`): the agent's HYPERPARAMS may not set it (docs/manifest.md).
    public var budget: Bool = false

    /// The trainer's command-line flag: `learning_rate` → `--learning-rate`.
    public var flag: String { Self.flag(name) }

    /// The flag of the hyperparameter `name`; the one rule, for tuning as for the manifest.
    public static func flag(_ name: String) -> String { "--" + name.substituting("_", with: "-") }
}

/// A hyperparameter value of one of the four manifest types.
public enum HyperValue: Sendable, Hashable, CustomStringConvertible {
    case float(Double)
    case int(Int)
    case bool(Bool)
    case str(String)

    public var description: String {
        switch self {
        case .float(let value): return "\(value)"
        case .int(let value): return "\(value)"
        case .bool(let value): return value ? "true" : "false"
        case .str(let value): return value
        }
    }

    /// The numeric value, for bound checks.
    public var number: Double? {
        switch self {
        case .float(let value): return value
        case .int(let value): return Double(value)
        case .bool, .str: return nil
        }
    }
}

public struct Framework: Sendable, Hashable {
    public var name: String
    /// Top-level modules whose import selects this framework; empty marks the fallback.
    public var imports: [String]
    public var requirements: [String]
    public var runtimeVersion: String?
    public var pythonVersion: String?
    public var executorImage: String?
}

public struct SkeletonFile: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// Relative to the domain folder.
        case domain(String)
        /// Relative to `<templates root>/_shared/`.
        case shared(String)

        public var path: String {
            switch self {
            case .domain(let path), .shared(let path): return path
            }
        }
    }

    public var source: Source
    /// Relative path inside the package.
    public var output: String
    public var render: Bool
    /// Where its `source:` (or `shared:`) value is in manifest.yaml, for diagnostics about that file.
    public var line: Int
    public var column: Int
}

/// AI Platform / Vertex defaults, kept in manifest order for the render context.
public struct ManifestJob: Sendable, Hashable {
    public var values: [(key: String, value: String)]

    public init(values: [(key: String, value: String)]) { self.values = values }

    public subscript(key: String) -> String? { values.first { $0.key == key }?.value }

    public static func == (lhs: ManifestJob, rhs: ManifestJob) -> Bool {
        lhs.values.count == rhs.values.count && zip(lhs.values, rhs.values).allSatisfy { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        for (key, value) in values {
            hasher.combine(key)
            hasher.combine(value)
        }
    }
}
