import Manifest

/// Job-request inputs taken from a decoded manifest.
extension JobDefaults {
    /// AI Platform's last runtime (legacy export only), used when a framework names none.
    public static let fallbackRuntimeVersion = "2.11"
    public static let fallbackPythonVersion = "3.10"

    /// The manifest's `job:` section with `framework`'s runtime version and Python version, and its
    /// executor image: the manifest's `executor_image` when set, else `chosenImage` (the image
    /// table's choice for the framework and the package's Requires-Python, docs/jobs.md).
    public init(manifest: Manifest, framework: Framework?, chosenImage: String?) {
        let job = manifest.job
        self.init(
            runtimeVersion: framework?.runtimeVersion ?? Self.fallbackRuntimeVersion,
            pythonVersion: framework?.pythonVersion ?? Self.fallbackPythonVersion,
            executorImage: framework?.executorImage ?? chosenImage ?? "")
        // What the manifest leaves out keeps the type's own defaults.
        pythonModule = job["python_module"] ?? pythonModule
        region = job["region"] ?? region
        scaleTier = job["scale_tier"] ?? scaleTier
        masterType = job["master_type"]
        machineType = job["machine_type"] ?? machineType
        tuningMetric = job["tuning_metric"] ?? tuningMetric
    }
}

extension TunableHyperparameter {
    public init(_ hyperparameter: Hyperparameter) {
        self.init(
            name: hyperparameter.name, type: hyperparameter.type,
            min: hyperparameter.min,
            max: hyperparameter.max,
            choices: hyperparameter.choices.map { choice in
                switch choice {
                case .float(let value): .number(value)
                case .int(let value): .number(Double(value))
                case .bool(let value): .flag(value)
                case .str(let value): .text(value)
                }
            }, scale: hyperparameter.scale)
    }
}

extension JobRequestInput.Setting {
    /// The `--set` values that differ from the defaults for `env` (its own, else the manifest's), as
    /// trainer flags, in manifest order.
    public static func overrides(_ values: [String: HyperValue], manifest: Manifest, env: String? = nil)
        -> [JobRequestInput.Setting]
    {
        let envDefaults = env.map(manifest.environments.defaults(for:)) ?? [:]
        return manifest.hyperparameters.compactMap { hyperparameter in
            let standard = envDefaults[hyperparameter.name] ?? hyperparameter.defaultValue
            guard let value = values[hyperparameter.name], value != standard else {
                return nil
            }
            return JobRequestInput.Setting(flag: hyperparameter.flag, value: value.description)
        }
    }
}
