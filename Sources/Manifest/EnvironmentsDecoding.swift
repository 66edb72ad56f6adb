import RelnaCore
import RelnaYAML

extension ManifestDecoder {
    static func decodeEnvironments(
        _ node: YAMLNode, hyperparameters: [Hyperparameter], _ reader: inout NodeReader
    ) -> Environments? {
        guard
            let map = reader.mapping(
                node, "environments", known: ["default", "supported", "action_space", "settings"],
                required: ["default", "supported"])
        else { return nil }
        let defaultID = map["default"].flatMap { reader.line($0, "environments.default") }
        var supported = map["supported"].flatMap { reader.lines($0, "environments.supported") }
        if let list = supported, let node = map["supported"] {
            if list.isEmpty {
                reader.error(
                    "manifest-value", node, "environments.supported", "must list at least one environment id")
                supported = nil
            }
            if let duplicate = firstDuplicate(list) {
                reader.error(
                    "manifest-duplicate", node, "environments.supported", "'\(duplicate)' is listed twice")
                supported = nil
            }
        }
        if let defaultID, let list = supported, !list.contains(defaultID), let node = map["default"] {
            reader.error(
                "manifest-value", node, "environments.default",
                "'\(defaultID)' is not in environments.supported")
            return nil
        }
        let actionSpace =
            map["action_space"].map {
                reader.choice($0, "environments.action_space", Environments.ActionSpace.self)
            }
            ?? .any
        // Absent settings are none; settings with errors make the whole section fail.
        let settings: [String: EnvironmentSettings]? =
            if let node = map["settings"] {
                decodeSettings(node, supported: supported, hyperparameters: hyperparameters, &reader)
            } else {
                [:]
            }
        guard let defaultID, let supported, let actionSpace, let settings else { return nil }
        return Environments(
            defaultID: defaultID, supported: supported, actionSpace: actionSpace, settings: settings)
    }

    /// `environments.settings`: for listed environments, declared hyperparameters within their bounds.
    private static func decodeSettings(
        _ node: YAMLNode, supported: [String]?, hyperparameters: [Hyperparameter], _ reader: inout NodeReader
    ) -> [String: EnvironmentSettings]? {
        guard let pairs = reader.pairs(node, "environments.settings") else { return nil }
        var result: [String: EnvironmentSettings] = [:]
        var ok = true
        for (key, value) in pairs {
            guard let envID = reader.line(key, "environments.settings") else {
                ok = false
                continue
            }
            let path = "environments.settings.\(envID)"
            if let supported, !supported.contains(envID) {
                reader.error(
                    "manifest-value", key, path,
                    "'\(envID)' is not in environments.supported"
                        + DidYouMean.phrase(envID, among: supported))
                ok = false
                continue
            }
            guard let map = reader.mapping(value, path, known: ["hyperparameters", "requirements"]) else {
                ok = false
                continue
            }
            let values = map["hyperparameters"].map {
                decodeDefaults($0, "\(path).hyperparameters", hyperparameters, &reader)
            }
            let requirements = map["requirements"].map {
                decodeRequirements($0, "\(path).requirements", &reader)
            }
            guard let values = values ?? [:], let requirements = requirements ?? [] else {
                ok = false
                continue
            }
            result[envID] = EnvironmentSettings(hyperparameters: values, requirements: requirements)
        }
        return ok ? result : nil
    }

    /// `name: value` pairs, each a declared hyperparameter's type and within its bounds.
    private static func decodeDefaults(
        _ node: YAMLNode, _ path: String, _ hyperparameters: [Hyperparameter], _ reader: inout NodeReader
    ) -> [String: HyperValue]? {
        guard let pairs = reader.pairs(node, path) else { return nil }
        var result: [String: HyperValue] = [:]
        var ok = true
        for (key, value) in pairs {
            guard let name = reader.line(key, path) else {
                ok = false
                continue
            }
            let itemPath = "\(path).\(name)"
            guard let spec = hyperparameters.first(where: { $0.name == name }) else {
                reader.error(
                    "manifest-unknown-key", key, itemPath,
                    "not a hyperparameter of this domain"
                        + DidYouMean.phrase(name, among: hyperparameters.map(\.name)))
                ok = false
                continue
            }
            guard let typed = self.value(of: spec.type, value, itemPath, &reader) else {
                ok = false
                continue
            }
            if let problem = spec.problem(with: typed) {
                reader.error("manifest-out-of-bounds", value, itemPath, problem)
                ok = false
                continue
            }
            result[name] = typed
        }
        return ok ? result : nil
    }
}
