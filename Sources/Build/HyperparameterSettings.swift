import Manifest
import RelnaCore

/// Why a `--set KEY=VALUE` was refused.
public struct SettingProblem: Error, Sendable, Hashable {
    public var setting: String
    public var message: String
    public var hint: String?
}

/// `--set KEY=VALUE` overrides, typed and bounds-checked against the manifest's hyperparameters.
public enum HyperparameterSettings {
    /// The effective value of every hyperparameter (manifest order): the `--set` value, else the
    /// default of `env` (`environments.settings`), else the manifest's. All problems are returned,
    /// not just the first.
    public static func resolve(_ settings: [String], manifest: Manifest, env: String? = nil) -> Result<
        [String: HyperValue], Problems
    > {
        var values: [String: HyperValue] = [:]
        var problems: [SettingProblem] = []
        let names = manifest.hyperparameters.map(\.name)
        for setting in settings {
            guard let equals = setting.firstIndex(of: "=") else {
                problems.append(
                    SettingProblem(
                        setting: setting, message: "expected KEY=VALUE", hint: "for example --set gamma=0.95")
                )
                continue
            }
            let key = String(setting[..<equals]).replacingOccurrences(of: "-", with: "_")
            let text = String(setting[setting.index(after: equals)...])
            guard let hyperparameter = manifest.hyperparameter(named: key) else {
                problems.append(
                    SettingProblem(
                        setting: setting,
                        message: "unknown hyperparameter '\(key)' for the \(manifest.domain) domain"
                            + DidYouMean.phrase(key, among: names),
                        hint: "known: " + names.joined(separator: ", ")))
                continue
            }
            guard let value = parse(text, as: hyperparameter.type) else {
                problems.append(
                    SettingProblem(
                        setting: setting,
                        message: "'\(text)' is not a valid \(hyperparameter.type.rawValue) for \(key)",
                        hint: example(for: hyperparameter)))
                continue
            }
            if let problem = hyperparameter.problem(with: value) {
                problems.append(SettingProblem(setting: setting, message: "\(key): \(problem)", hint: nil))
                continue
            }
            values[key] = value
        }
        guard problems.isEmpty else { return .failure(Problems(problems: problems)) }
        let envDefaults = env.map(manifest.environments.defaults(for:)) ?? [:]
        for hyperparameter in manifest.hyperparameters where values[hyperparameter.name] == nil {
            values[hyperparameter.name] = envDefaults[hyperparameter.name] ?? hyperparameter.defaultValue
        }
        return .success(values)
    }

    /// The hyperparameters `settings` name (`learning-rate=…` → `learning_rate`): in the package they
    /// win over the agent's HYPERPARAMS (`set_by_build` in the render context).
    public static func names(_ settings: [String]) -> Set<String> {
        Set(
            settings.compactMap { setting in
                setting.firstIndex(of: "=").map {
                    String(setting[..<$0]).replacingOccurrences(of: "-", with: "_")
                }
            })
    }

    public struct Problems: Error, Sendable, Hashable {
        public var problems: [SettingProblem]
    }

    /// Python-like literals: ints in decimal, floats (finite), booleans as true/false, yes/no,
    /// on/off (any case) or 1/0.
    static func parse(_ text: String, as type: Hyperparameter.ValueType) -> HyperValue? {
        let trimmed = text.trimmingSpaces
        switch type {
        case .int:
            return Int(trimmed.replacingOccurrences(of: "_", with: "")).map(HyperValue.int)
        case .float:
            guard let value = Double(trimmed), value.isFinite,
                trimmed.unicodeScalars.allSatisfy({ "0123456789.eE+-".unicodeScalars.contains($0) })
            else { return nil }
            return .float(value)
        case .bool:
            switch trimmed.lowercased() {
            case "true", "1", "yes", "on": return .bool(true)
            case "false", "0", "no", "off": return .bool(false)
            default: return nil
            }
        case .str:
            // Any text, taken as is: it reaches Python only through pyrepr and JSON only escaped.
            return .str(text)
        }
    }

    private static func example(for hyperparameter: Hyperparameter) -> String {
        "for example --set \(hyperparameter.name)=\(hyperparameter.defaultValue)"
    }
}
