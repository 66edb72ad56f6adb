/// A manifest's `job:` section merged with the chosen framework's runtime settings.
///
/// Its own type (not the manifest's) so that job requests can be made and tested without a manifest,
/// and so the manifest may evolve without touching the job writer.
public struct JobDefaults: Sendable, Hashable {
    public var pythonModule = "trainer.task"
    public var region = "us-central1"
    /// AI Platform scale tier: BASIC, STANDARD_1, PREMIUM_1, BASIC_GPU or CUSTOM.
    public var scaleTier = "BASIC"
    /// AI Platform `masterType`, used when the scale tier is CUSTOM.
    public var masterType: String?
    /// Vertex `machineSpec.machineType`.
    public var machineType = "n1-standard-4"
    /// The metric the trainers report through cloudml-hypertune.
    public var tuningMetric = "eval_mean_return"
    /// AI Platform runtime version, e.g. "2.11".
    public var runtimeVersion: String
    /// AI Platform Python version, e.g. "3.7".
    public var pythonVersion: String
    /// Vertex prebuilt training container for Python packages.
    public var executorImage: String
}
