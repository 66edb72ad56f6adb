/// The environments a domain lists (`environments:` in manifest.yaml), with what each brings along.
public struct Environments: Sendable, Hashable {
    public enum ActionSpace: String, Sendable, Hashable, CaseIterable {
        case discrete
        case continuous
        case any
    }

    public var defaultID: String
    public var supported: [String]
    public var actionSpace: ActionSpace
    /// `environments.settings`, keyed by environment id; an environment without settings is absent.
    public var settings: [String: EnvironmentSettings] = [:]

    public init(
        defaultID: String, supported: [String], actionSpace: ActionSpace,
        settings: [String: EnvironmentSettings] = [:]
    ) {
        self.defaultID = defaultID
        self.supported = supported
        self.actionSpace = actionSpace
        self.settings = settings
    }

    /// The hyperparameter defaults `envID` sets in place of the manifest's (empty when none).
    public func defaults(for envID: String) -> [String: HyperValue] {
        settings[envID]?.hyperparameters ?? [:]
    }

    /// What installing a package that trains on `envID` needs beyond the domain's requirements.
    public func requirements(for envID: String) -> [String] {
        settings[envID]?.requirements ?? []
    }

    /// The hyperparameters some environment gives its own default, in `order` (the manifest's).
    public func perEnvironmentNames(in order: [String]) -> [String] {
        let named = Set(settings.values.flatMap(\.hyperparameters.keys))
        return order.filter(named.contains)
    }
}

/// One environment's own defaults (`environments.settings.<id>`): its budget and whatever else it
/// needs to be learnt, and the packages it needs installed (Box2D for LunarLander).
public struct EnvironmentSettings: Sendable, Hashable {
    /// Hyperparameter defaults for this environment, each a declared hyperparameter within its bounds.
    public var hyperparameters: [String: HyperValue]
    /// PEP 508 requirements added to a package built for this environment.
    public var requirements: [String]

    public init(hyperparameters: [String: HyperValue] = [:], requirements: [String] = []) {
        self.hyperparameters = hyperparameters
        self.requirements = requirements
    }
}
