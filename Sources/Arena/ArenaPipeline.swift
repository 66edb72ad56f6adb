import Build
import Foundation
import Jobs
import RelnaCore

/// OUT/pipeline.py: the arena's plan as a Kubeflow Pipelines v2 definition (`VertexPipeline`), for
/// teams that train cohorts on Vertex AI Pipelines. Every planned run is one CustomJob in its
/// ParallelFor, with the worker pool `submit` would use for that package and seed. Under `--vertex`
/// it names the arena's project, region and bucket; otherwise placeholders to replace.
enum ArenaPipeline {
    static let placeholderProject = "YOUR_PROJECT"

    /// The worker pool that trains `product` without a seed; each run adds its own when pipeline.py is
    /// written, since the seed is all that differs between a package's runs. nil when the request
    /// cannot be made, which pipeline.py then reports instead of leaving the runs out.
    static func workerPool(_ product: BuildProduct, configuration: ArenaConfiguration) -> VertexWorkerPool? {
        let options = JobFile.Options(
            bucket: vertex(configuration)?.bucket.uri, region: vertex(configuration)?.region)
        return try? JobFile.request(product: product, options: options).workerPool
    }

    /// Writes pipeline.py for `planned` (unchanged bytes are not rewritten); its path.
    static func write(
        _ configuration: ArenaConfiguration, planned: [PlannedRun], packages: [ArenaPackage], env: String,
        defaultRegion: String
    ) throws(ArenaError) -> String {
        let byDigest = Dictionary(uniqueKeysWithValues: packages.map { ($0.sha256, $0) })
        var runs: [PipelineRun] = []
        for run in planned {
            guard var pool = byDigest[run.packageSHA256]?.workerPool else {
                throw .io(
                    "cannot describe run \(run.id) for pipeline.py: its Vertex job request could not be made")
            }
            pool.args = JobRequestInput.seeded(pool.args, run.seed)
            // The owner's id names the run, so the pipeline's jobs read as the leaderboard does.
            runs.append(
                PipelineRun(name: "\(run.students.first ?? run.id)-seed\(run.seed)", workerPool: pool))
        }
        let vertex = vertex(configuration)
        let pipeline = VertexPipeline(
            project: vertex?.project ?? placeholderProject,
            region: vertex?.region ?? defaultRegion,
            bucket: vertex?.bucket ?? .placeholder,
            displayName: "relna-arena-\(configuration.domain)-\(env)", runs: runs)
        let path = ArenaPaths.pipeline(output: configuration.output)
        let bytes = Array(pipeline.python().utf8)
        if let existing = FileManager.default.contents(atPath: path), Array(existing) == bytes { return path }
        do {
            try AtomicFile.write(bytes, to: URL(fileURLWithPath: path))
        } catch {
            throw .io(error.description)
        }
        return path
    }

    private static func vertex(_ configuration: ArenaConfiguration) -> ArenaMode.VertexOptions? {
        if case .vertex(let options) = configuration.mode { return options }
        return nil
    }
}
