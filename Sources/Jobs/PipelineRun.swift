/// One planned training run of a Kubeflow pipeline (`VertexPipeline`): a name and the worker pool
/// that trains it. The worker pool is the job file's (`VertexWorkerPool`), so a run trains exactly
/// as `submit` would submit the same package and arguments.
public struct PipelineRun: Sendable, Hashable {
    /// The run's name as given (a student id and a seed, say); any text.
    public var name: String
    public var workerPool: VertexWorkerPool

    public init(name: String, workerPool: VertexWorkerPool) {
        self.name = name
        self.workerPool = workerPool
    }

    /// A run of `pythonModule` from the package at `packageURI` (`gs://…`) with `trainerArgs`
    /// (`--env=ID`, `--seed=N`, …) in `executorImage` on one `machineType` machine.
    public init(
        name: String, packageURI: String, pythonModule: String = "trainer.task", trainerArgs: [String],
        executorImage: String, machineType: String
    ) {
        self.init(
            name: name,
            workerPool: VertexWorkerPool(
                machineType: machineType, executorImage: executorImage, packageURIs: [packageURI],
                pythonModule: pythonModule, args: trainerArgs))
    }

    /// The run that `request`'s Vertex document describes (its package URI, image, machine and args).
    public init(name: String, request: JobRequest) {
        self.init(name: name, workerPool: request.workerPool)
    }
}
