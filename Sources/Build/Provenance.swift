import RelnaCore

/// `trainer/provenance.json`: what the package was built from, for `rank` and for audits. It is a
/// view of the render context, so the package and its provenance cannot disagree.
extension RenderContext {
    var provenanceJSON: String {
        var members: [(String, JSONValue)] = [
            ("domain", .string(manifest.domain)),
            ("template_version", .string(manifest.version)),
            ("relna_version", .string(RelnaVersion.string)),
            ("package", .object([("name", .string(identity.name)), ("version", .string(identity.version))])),
        ]
        // The `--label` the builder chose; the agent's file name is left out so one agent gives one package.
        if let label { members.append(("label", .string(label))) }
        let values = manifest.hyperparameters.compactMap { spec in
            hyperparameters[spec.name].map { (spec.name, Self.value($0).json) }
        }
        members += [
            ("agent_sha256", .string(agentSHA256)),
            ("env", .string(envID)),
            ("framework", .string(framework)),
            ("hyperparameters", .object(values)),
        ]
        return JSONValue.object(members).text(indent: 2) + "\n"
    }
}
