import Manifest
import RelnaCore

/// `trainer/provenance.json`: what the package was built from, for `rank` and for audits.
package struct Provenance {
    var domain: String
    var templateVersion: String
    var identity: PackageIdentity
    /// The `--label` the builder chose; the agent's file name is left out so one agent gives one package.
    var label: String?
    var agentSHA256: String
    var env: String
    var framework: String
    var hyperparameters: [(String, HyperValue)]

    // Spelled out: a memberwise initializer is internal, and Build makes provenance.
    package init(
        domain: String, templateVersion: String, identity: PackageIdentity, label: String?,
        agentSHA256: String, env: String, framework: String, hyperparameters: [(String, HyperValue)]
    ) {
        self.domain = domain
        self.templateVersion = templateVersion
        self.identity = identity
        self.label = label
        self.agentSHA256 = agentSHA256
        self.env = env
        self.framework = framework
        self.hyperparameters = hyperparameters
    }

    package var json: String {
        var members: [(String, JSONValue)] = [
            ("domain", .string(domain)),
            ("template_version", .string(templateVersion)),
            ("relna_version", .string(RelnaVersion.string)),
            ("package", .object([("name", .string(identity.name)), ("version", .string(identity.version))])),
        ]
        if let label { members.append(("label", .string(label))) }
        members += [
            ("agent_sha256", .string(agentSHA256)),
            ("env", .string(env)),
            ("framework", .string(framework)),
            ("hyperparameters", .object(hyperparameters.map { ($0.0, Self.json($0.1)) })),
        ]
        return JSONValue.object(members).text(indent: 2) + "\n"
    }

    static func json(_ value: HyperValue) -> JSONValue {
        switch value {
        case .float(let number): return .double(number)
        case .int(let number): return .int(number)
        case .bool(let flag): return .bool(flag)
        case .str(let text): return .string(text)
        }
    }
}
