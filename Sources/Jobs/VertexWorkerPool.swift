import RelnaYAML

/// The one description of a Vertex AI `WorkerPoolSpec` that runs a Python package: the job file's
/// `workerPoolSpecs[0]` and each run of a Kubeflow pipeline (`VertexPipeline`) are made from it.
public struct VertexWorkerPool: Sendable, Hashable {
    public var machineType: String
    public var replicaCount: Int
    public var executorImage: String
    public var packageURIs: [String]
    public var pythonModule: String
    public var args: [String]

    public init(
        machineType: String, replicaCount: Int = 1, executorImage: String, packageURIs: [String],
        pythonModule: String = "trainer.task", args: [String]
    ) {
        self.machineType = machineType
        self.replicaCount = replicaCount
        self.executorImage = executorImage
        self.packageURIs = packageURIs
        self.pythonModule = pythonModule
        self.args = args
    }

    /// The `WorkerPoolSpec` with the REST API's (JSON) field names, as `gcloud --config` takes it.
    public var document: YAMLNode {
        .mapping([
            YAMLEntry("machineSpec", .mapping([YAMLEntry("machineType", .string(machineType))])),
            YAMLEntry("replicaCount", .int(replicaCount)),
            YAMLEntry(
                "pythonPackageSpec",
                .mapping([
                    YAMLEntry("executorImageUri", .string(executorImage)),
                    YAMLEntry("packageUris", .sequence(packageURIs.map(YAMLNode.string))),
                    YAMLEntry("pythonModule", .string(pythonModule)),
                    YAMLEntry("args", .sequence(args.map(YAMLNode.string))),
                ])),
        ])
    }
}
