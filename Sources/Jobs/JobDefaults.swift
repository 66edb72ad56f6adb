/// A manifest's `job:` section merged with the chosen framework's runtime settings.
///
/// Its own type (not the manifest's) so that job requests can be made and tested without a manifest,
/// and so the manifest may evolve without touching the job writer.
public struct JobDefaults: Sendable, Hashable {
    public var pythonModule: String
    public var region: String
    /// AI Platform scale tier: BASIC, STANDARD_1, PREMIUM_1, BASIC_GPU or CUSTOM.
    public var scaleTier: String
    /// AI Platform `masterType`, used when the scale tier is CUSTOM.
    public var masterType: String?
    /// Vertex `machineSpec.machineType`.
    public var machineType: String
    /// The metric the trainers report through cloudml-hypertune.
    public var tuningMetric: String
    /// AI Platform runtime version, e.g. "2.11".
    public var runtimeVersion: String
    /// AI Platform Python version, e.g. "3.7".
    public var pythonVersion: String
    /// Vertex prebuilt training container for Python packages.
    public var executorImage: String

    public init(
        pythonModule: String = "trainer.task", region: String = "us-central1", scaleTier: String = "BASIC",
        masterType: String? = nil, machineType: String = "n1-standard-4",
        tuningMetric: String = "eval_mean_return", runtimeVersion: String, pythonVersion: String,
        executorImage: String
    ) {
        self.pythonModule = pythonModule
        self.region = region
        self.scaleTier = scaleTier
        self.masterType = masterType
        self.machineType = machineType
        self.tuningMetric = tuningMetric
        self.runtimeVersion = runtimeVersion
        self.pythonVersion = pythonVersion
        self.executorImage = executorImage
    }
}
