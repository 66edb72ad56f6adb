import RelnaCore
import RelnaYAML

/// A Kubeflow Pipelines v2 definition (`pipeline.py`) that trains every run as a Vertex AI CustomJob
/// inside one `dsl.ParallelFor`, through google-cloud-pipeline-components' `CustomTrainingJobOp`
/// (docs/jobs.md, "Vertex AI Pipelines").
///
/// Each run's job dir is `gs://BUCKET/relna/jobs/<job name>`, where `submit` puts a job's, so
/// `jobs fetch` and `rank gs://BUCKET/relna/jobs/` find the runs of either.
public struct VertexPipeline: Sendable, Hashable {
    public var project: String
    public var region: String
    public var bucket: StorageBucket
    /// The pipeline's display name on Vertex AI Pipelines; any text.
    public var displayName: String
    public var runs: [PipelineRun]
    /// At most this many CustomJobs at once; nil leaves it to Vertex AI Pipelines.
    public var parallelism: Int?

    public init(
        project: String, region: String, bucket: StorageBucket, displayName: String, runs: [PipelineRun],
        parallelism: Int? = nil
    ) {
        self.project = project
        self.region = region
        self.bucket = bucket
        self.displayName = displayName
        self.runs = runs
        self.parallelism = parallelism
    }

    /// The CustomJob's display name: the run's name made valid for Vertex, as `submit` makes it.
    public func jobName(of run: PipelineRun) -> String { JobName.sanitized(run.name, for: .vertex) }

    /// Where the run's job writes (`baseOutputDirectory`; Vertex sets AIP_MODEL_DIR below it).
    public func outputDirectory(of run: PipelineRun) -> String { bucket.jobDirectory(jobName(of: run)) }

    /// KFP's pipeline name: the display name in lowercase letters, digits and dashes.
    public var pipelineName: String { JobName.forPipeline(displayName) }

    /// KFP's `pipeline_root`, where Vertex AI Pipelines keeps each step's outputs.
    public var pipelineRoot: String { "\(bucket.uri)/relna/pipelines" }

    /// The text of `pipeline.py`. Every value is an ASCII Python literal, so the file compiles and
    /// carries the exact names and arguments whatever they hold.
    public func python() -> String {
        var out = header
        out += "PROJECT = \(PythonStringLiteral.quoted(project))\n"
        out += "REGION = \(PythonStringLiteral.quoted(region))\n"
        out += "PIPELINE_ROOT = \(PythonStringLiteral.quoted(pipelineRoot))\n\n"
        out += """
            # One item per run: "name" as given, "display_name" the CustomJob's name (made valid for
            # Vertex), and "worker_pool_specs" the job file's worker pool, with the proto field names
            # that CustomTrainingJobOp passes on to the Vertex client.

            """
        out += "RUNS = "
        PythonLiteral.append(.sequence(runs.map(item)), key: PythonLiteral.snakeCase, to: &out)
        out += "\n\n\n"
        let limit = parallelism.map { ", parallelism=\($0)" } ?? ""
        out += """
            @dsl.pipeline(
                name=\(PythonStringLiteral.quoted(pipelineName)),
                display_name=\(PythonStringLiteral.quoted(displayName)),
                pipeline_root=PIPELINE_ROOT,
            )
            def relna_pipeline(runs: list = RUNS):
                # The runs are a parameter, not a literal list: KFP types the fields of a parameter's
                # items as text, which its type check lets into the op's list input.
                with dsl.ParallelFor(items=runs\(limit)) as run:
                    CustomTrainingJobOp(
                        project=PROJECT,
                        location=REGION,
                        display_name=run.display_name,
                        worker_pool_specs=run.worker_pool_specs,
                        base_output_directory=run.base_output_directory,
                    )


            if __name__ == "__main__":
                compiler.Compiler().compile(
                    relna_pipeline, package_path=sys.argv[1] if len(sys.argv) > 1 else "pipeline.yaml"
                )

            """
        return out
    }

    private var header: String {
        """
        # Kubeflow Pipelines v2 definition written by relna-pack \(RelnaVersion.string): trains \(runs.count) \
        run\(runs.count == 1 ? "" : "s")
        # as Vertex AI CustomJobs (google-cloud-pipeline-components' CustomTrainingJobOp) in parallel, each
        # writing its job dir to \(bucket.uri)/relna/jobs/<display_name>/. The packages must be in the bucket.
        #
        # Compile (kfp 2, google-cloud-pipeline-components 2):  python pipeline.py pipeline.yaml
        # Run on Vertex AI Pipelines, e.g. with google-cloud-aiplatform:
        #   aiplatform.PipelineJob(display_name=..., template_path="pipeline.yaml",
        #                          project=PROJECT, location=REGION).submit()

        import sys

        from google_cloud_pipeline_components.v1.custom_job import CustomTrainingJobOp
        from kfp import compiler, dsl


        """
    }

    /// The loop item of `run`; `worker_pool_specs` is the job file's `workerPoolSpecs`.
    private func item(_ run: PipelineRun) -> YAMLNode {
        .mapping([
            YAMLEntry("name", .string(run.name)),
            YAMLEntry("displayName", .string(jobName(of: run))),
            YAMLEntry("baseOutputDirectory", .string(outputDirectory(of: run))),
            YAMLEntry("workerPoolSpecs", .sequence([run.workerPool.document])),
        ])
    }
}
