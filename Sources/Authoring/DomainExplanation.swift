import Build
import Manifest
import PythonInspector
import RelnaCore

/// A domain's contract as `relna-pack explain` shows it: what the student's file must define (as
/// Python signatures with their docs), the hyperparameters, environments and frameworks.
///
/// Built from a validated `Manifest`; `Encodable` for `--json`, `text` for people.
public struct DomainExplanation: Sendable, Encodable {
    public struct EntryPoint: Sendable, Encodable {
        public var name: String
        public var kind: String
        public var required: Bool
        /// The definition the trainer can call, e.g. `def preprocess(observation):`.
        public var signature: String
        public var doc: String
        public var methods: [Method]
    }

    public struct Method: Sendable, Encodable {
        public var name: String
        public var required: Bool
        public var signature: String
        public var returns: String?
        public var doc: String
    }

    public struct HyperparameterInfo: Sendable, Encodable {
        public var name: String
        public var flag: String
        public var type: String
        public var `default`: JSONScalar
        public var min: Double?
        public var max: Double?
        public var scale: String?
        public var choices: [JSONScalar]
        public var help: String
        /// The manifest's `budget`: the agent's HYPERPARAMS may not set it.
        public var budget: Bool
    }

    public struct EnvironmentInfo: Sendable, Encodable {
        public var `default`: String
        public var supported: [String]
        public var actionSpace: String
        /// The environments with defaults or requirements of their own, in `supported` order.
        public var settings: [EnvironmentSettingInfo]

        enum CodingKeys: String, CodingKey {
            case `default`, supported, settings
            case actionSpace = "action_space"
        }
    }

    /// One environment's own defaults (its budget first among them) and its own requirements.
    public struct EnvironmentSettingInfo: Sendable, Encodable {
        public struct Value: Sendable, Encodable {
            public var name: String
            public var value: JSONScalar
        }

        public var env: String
        /// In manifest order; they replace the hyperparameters' defaults when training on `env`.
        public var defaults: [Value]
        /// Installed with a package built for `env` (`build --env`), besides the framework's.
        public var requirements: [String]
    }

    public struct FrameworkInfo: Sendable, Encodable {
        public var name: String
        public var imports: [String]
        /// Everything the trainer installs with this framework: common requirements, then its own.
        public var installs: [String]
        public var runtimeVersion: String?
        public var pythonVersion: String?
        public var executorImage: String?

        enum CodingKeys: String, CodingKey {
            case name, imports, installs
            case runtimeVersion = "runtime_version"
            case pythonVersion = "python_version"
            case executorImage = "executor_image"
        }
    }

    public var domain: String
    public var title: String
    public var description: String
    public var version: String
    /// Where the domain was found (`built in`, `--templates DIR`, `RELNA_TEMPLATES`), when known.
    public var origin: String?
    public var agentPath: String
    public var maxLines: Int
    public var entryPoints: [EntryPoint]
    public var hyperparameters: [HyperparameterInfo]
    public var environments: EnvironmentInfo
    public var frameworks: [FrameworkInfo]

    enum CodingKeys: String, CodingKey {
        case domain, title, description, version, origin, hyperparameters, environments, frameworks
        case agentPath = "agent_path"
        case maxLines = "max_lines"
        case entryPoints = "entry_points"
    }

    /// The `--templates` folder the domain was found with: the `init` line at the end repeats it.
    public var templatesOption: String?

    public init(manifest: Manifest, origin: String? = nil, templatesOption: String? = nil) {
        self.templatesOption = templatesOption
        domain = manifest.domain
        title = manifest.title
        description = manifest.description
        version = manifest.version
        self.origin = origin
        agentPath = manifest.agent.path
        maxLines = manifest.agent.maxLines
        entryPoints = manifest.agent.entryPoints.map(Self.entryPoint)
        hyperparameters = manifest.hyperparameters.map { hp in
            HyperparameterInfo(
                name: hp.name, flag: hp.flag, type: hp.type.rawValue, default: JSONScalar(hp.defaultValue),
                min: hp.min, max: hp.max, scale: hp.scale?.rawValue, choices: hp.choices.map(JSONScalar.init),
                help: hp.help, budget: hp.budget)
        }
        environments = EnvironmentInfo(
            default: manifest.environments.defaultID, supported: manifest.environments.supported,
            actionSpace: manifest.environments.actionSpace.rawValue, settings: Self.settings(manifest))
        frameworks = manifest.frameworks.map { framework in
            var installs: [String] = []
            for requirement in manifest.requirements + framework.requirements
            where !installs.contains(requirement) {
                installs.append(requirement)
            }
            return FrameworkInfo(
                name: framework.name, imports: framework.imports, installs: installs,
                runtimeVersion: framework.runtimeVersion, pythonVersion: framework.pythonVersion,
                // The image build would choose (the manifest's, else the image table's).
                executorImage: BuildPipeline.executorImage(for: framework))
        }
    }

    static func settings(_ manifest: Manifest) -> [EnvironmentSettingInfo] {
        let environments = manifest.environments
        return environments.supported.compactMap { env in
            guard environments.settings[env] != nil else { return nil }
            let own = environments.defaults(for: env)
            let defaults = manifest.hyperparameters.compactMap { spec in
                own[spec.name].map { EnvironmentSettingInfo.Value(name: spec.name, value: JSONScalar($0)) }
            }
            return EnvironmentSettingInfo(
                env: env, defaults: defaults, requirements: environments.requirements(for: env))
        }
    }

    static func entryPoint(_ spec: EntryPointSpec) -> EntryPoint {
        let signature: String
        switch spec.kind {
        case .function: signature = "def \(spec.name)(\(parameterList(spec.call, receiver: nil))):"
        case .class: signature = "class \(spec.name):"
        case .constant: signature = "\(spec.name) = ..."
        }
        var methods: [Method] = []
        if spec.kind == .class {
            // The constructor call is part of the contract even though the manifest has no method for it.
            methods.append(
                Method(
                    name: "__init__", required: true,
                    signature: "def __init__(\(parameterList(spec.call, receiver: "self"))):", returns: nil,
                    doc: ""))
            methods += spec.methods.map { method in
                Method(
                    name: method.name, required: method.required,
                    signature: "def \(method.name)(\(parameterList(method.call, receiver: "self"))):",
                    returns: method.returns, doc: method.doc)
            }
        }
        return EntryPoint(
            name: spec.name, kind: spec.kind.rawValue, required: spec.required, signature: signature,
            doc: spec.doc, methods: methods)
    }

    /// `self, a, b, *, c`: positional names, then keyword-only names after a bare star.
    static func parameterList(_ call: CallSpec, receiver: String?) -> String {
        var parts: [String] = receiver.map { [$0] } ?? []
        parts += call.args
        if !call.kwargs.isEmpty { parts += ["*"] + call.kwargs }
        return parts.joined(separator: ", ")
    }
}

extension DomainExplanation {
    public var jsonText: String { JSONValueEncoder.text(self) }
}
