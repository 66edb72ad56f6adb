import RelnaYAML

/// The one description of a Vertex AI `WorkerPoolSpec` that runs a Python package: the job file's
/// `workerPoolSpecs[0]` and each run of a Kubeflow pipeline (`VertexPipeline`) are made from it.
public struct VertexWorkerPool: Sendable, Hashable {
    public var machineType: String
    public var replicaCount = 1
    public var executorImage: String
    public var packageURIs: [String]
    public var pythonModule = "trainer.task"
    public var args: [String]

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
