import Manifest
import Packaging
import PythonInspector
import RelnaCore
import TemplateEngine

/// What the agent defines of the manifest's entry points: name → the methods its class defines
/// (empty for functions and constants). Names the agent does not define are absent.
public typealias AgentDefinitions = [String: Set<String>]

/// The context every skeleton template renders with, exactly as docs/render-context.md lists it.
public struct RenderContext: Sendable {
    public var manifest: Manifest
    public var identity: PackageIdentity
    public var envID: String
    public var framework: String
    public var requirements: [String]
    /// The effective value of every hyperparameter.
    public var hyperparameters: [String: HyperValue]
    public var definitions: AgentDefinitions
    /// The `--label` of the build, or nil; the agent's file name is deliberately not in the context.
    public var label: String?
    public var agentSHA256: String
    /// Hyperparameters given with `build --set`: above the agent's HYPERPARAMS at run time.
    public var setByBuild: Set<String> = []

    /// `trainer/agent.py` → `trainer.agent`.
    public var agentModule: String {
        manifest.agent.path.dropLast(3).substituting("/", with: ".")
    }

    public var dictionary: TemplateDictionary {
        TemplateDictionary([
            ("domain", .string(manifest.domain)),
            ("title", .string(manifest.title)),
            ("description", .string(manifest.description)),
            ("template_version", .string(manifest.version)),
            ("relna_version", .string(RelnaVersion.string)),
            (
                "package",
                .dict(
                    TemplateDictionary([
                        ("name", .string(identity.name)),
                        ("normalized_name", .string(identity.normalizedName)),
                        ("version", .string(identity.version)),
                    ]))
            ),
            ("env_id", .string(envID)),
            (
                "environments",
                .dict(
                    TemplateDictionary([
                        ("default", .string(manifest.environments.defaultID)),
                        ("supported", .list(manifest.environments.supported.map(TemplateValue.string))),
                        ("action_space", .string(manifest.environments.actionSpace.rawValue)),
                        ("hyperparameters", .dict(environmentDefaults)),
                        ("requirements", .dict(environmentRequirements)),
                    ]))
            ),
            ("framework", .string(framework)),
            ("requirements", .list(requirements.map(TemplateValue.string))),
            (
                "hyperparameters",
                .dict(TemplateDictionary(manifest.hyperparameters.map { ($0.name, hyperparameter($0)) }))
            ),
            (
                "entry_points",
                .dict(TemplateDictionary(manifest.agent.entryPoints.map { ($0.name, entryPoint($0)) }))
            ),
            (
                "agent",
                .dict(
                    TemplateDictionary([
                        ("module", .string(agentModule)),
                        ("path", .string(manifest.agent.path)),
                        ("label", .string(label ?? "")),
                        ("sha256", .string(agentSHA256)),
                    ]))
            ),
            ("job", .dict(TemplateDictionary(manifest.job.values.map { ($0.key, .string($0.value)) }))),
        ])
    }

    /// For every supported environment, its default of each hyperparameter that some environment sets
    /// itself (`environments.settings`), so the trainer can switch defaults with `--env`; `--set`
    /// values are left out: they hold for every environment.
    private var environmentDefaults: TemplateDictionary {
        let environments = manifest.environments
        let names = environments.perEnvironmentNames(in: manifest.hyperparameters.map(\.name))
            .filter { !setByBuild.contains($0) }
        return TemplateDictionary(
            environments.supported.map { envID in
                let own = environments.defaults(for: envID)
                let values = names.compactMap { name in
                    (own[name] ?? manifest.hyperparameter(named: name)?.defaultValue).map {
                        (name, Self.value($0))
                    }
                }
                return (envID, .dict(TemplateDictionary(values)))
            })
    }

    /// Every supported environment's own requirements (empty for most).
    private var environmentRequirements: TemplateDictionary {
        let environments = manifest.environments
        return TemplateDictionary(
            environments.supported.map { envID in
                (envID, .list(environments.requirements(for: envID).map(TemplateValue.string)))
            })
    }

    private func hyperparameter(_ spec: Hyperparameter) -> TemplateValue {
        let isInt = spec.type == .int
        func bound(_ value: Double?) -> TemplateValue {
            guard let value else { return .none }
            return isInt ? Int(exactly: value).map(TemplateValue.int) ?? .double(value) : .double(value)
        }
        return .dict(
            TemplateDictionary([
                ("type", .string(spec.type.rawValue)),
                ("default", Self.value(hyperparameters[spec.name] ?? spec.defaultValue)),
                ("help", .string(spec.help)),
                ("min", bound(spec.min)),
                ("max", bound(spec.max)),
                ("choices", .list(spec.choices.map(Self.value))),
                ("flag", .string(spec.flag)),
                ("budget", .bool(spec.budget)),
                ("set_by_build", .bool(setByBuild.contains(spec.name))),
            ]))
    }

    private func entryPoint(_ spec: EntryPointSpec) -> TemplateValue {
        let defined = definitions[spec.name]
        return .dict(
            TemplateDictionary([
                ("kind", .string(spec.kind.rawValue)),
                ("required", .bool(spec.required)),
                ("defined", .bool(defined != nil)),
                (
                    "methods",
                    .dict(
                        TemplateDictionary(
                            spec.methods.map { method in
                                (
                                    method.name,
                                    .dict(
                                        TemplateDictionary([
                                            ("defined", .bool(defined?.contains(method.name) ?? false)),
                                            // The trainer checks the first call's result against it.
                                            ("returns", method.returns.map(TemplateValue.string) ?? .none),
                                        ]))
                                )
                            }))
                ),
            ]))
    }

    static func value(_ value: HyperValue) -> TemplateValue {
        switch value {
        case .float(let number): return .double(number)
        case .int(let number): return .int(number)
        case .bool(let flag): return .bool(flag)
        case .str(let text): return .string(text)
        }
    }
}
