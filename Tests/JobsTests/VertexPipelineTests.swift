import Foundation
import RelnaCore
import RelnaYAML
import TestSupport
import Testing

@testable import Jobs

@Suite struct VertexPipelineTests {
    static let hostile = [
        "quote \" and 'single' and \"\"\" and '''", "back\\slash\\", "new\nline\r\n", "tab\there",
        "caf\u{E9} \u{1F680} \u{65E5}\u{672C}", "nul\u{0}bell\u{7}del\u{7F}", "line\u{2028}separator",
        "{{$.inputs.parameters['x']}}", "--lr=-0.5", "",
    ]
    static let image = "us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-6:latest"

    static func pipeline() throws -> VertexPipeline {
        let runs = hostile.enumerated().map { index, text in
            PipelineRun(
                name: "student \(text) seed \(index)",
                packageURI: "gs://relna-bucket/relna/packages/\(String(repeating: "a", count: 64))/p.tar.gz",
                trainerArgs: ["--env=CartPole-v1", "--seed=\(index)", text], executorImage: image,
                machineType: "n1-standard-4")
        }
        return VertexPipeline(
            project: "my-project", region: "europe-west4", bucket: try StorageBucket("gs://relna-bucket"),
            displayName: "Cohort \u{E9}t\u{E9} \"2026\"\n\\ arena", runs: runs, parallelism: 8)
    }

    @Test func fileIsASCIIAndEachRunUsesTheJobFilesWorkerPool() throws {
        let pipeline = try Self.pipeline()
        let text = pipeline.python()
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(text.contains("with dsl.ParallelFor(items=runs, parallelism=8) as run:"))
        #expect(pipeline.pipelineName == "cohort-t-2026-arena")
        #expect(
            pipeline.outputDirectory(of: pipeline.runs[0]).hasPrefix("gs://relna-bucket/relna/jobs/student_"))

        let request = try JobRequest(
            JobRequestInput(
                domain: "cartpole", envId: "CartPole-v1", defaults: JobTestSupport.defaults,
                package: JobPackage(fileName: "p.tar.gz", sha256: String(repeating: "b", count: 64)), seed: 3)
        )
        let run = PipelineRun(name: "s-3", request: request)
        #expect(run.workerPool.document == request.vertex["workerPoolSpecs"]?.sequenceValue?.first)
        #expect(run.workerPool.args == ["--env=CartPole-v1", "--seed=3"])
    }

    @Test func pythonStringLiteralsReadBackExactly() throws {
        let literals = Self.hostile.map(PythonStringLiteral.quoted).joined(separator: ", ")
        let script = "import json, sys; print(json.dumps([\(literals)]))"
        let result = try TestEnvironment.run([TestEnvironment.python, "-c", script])
        try #require(result.status == 0, "\(result.stderr)")
        let values = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String]
        #expect(values == Self.hostile)
    }

    @Test func kfpCompilesTheFileWithTheExactRuns() throws {
        let python = try #require(
            TestEnvironment.kfpPython,
            "no Kubeflow Pipelines compiler: run scripts/setup --python (makes .venv-kfp) or set RELNA_KFP_PYTHON"
        )
        let pipeline = try Self.pipeline()
        let folder = try TestEnvironment.scratchFolder("kfp")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pipeline.py")
        try Data(pipeline.python().utf8).write(to: file)
        let oracle = TestEnvironment.repositoryRoot.appendingPathComponent("Tests/Oracles/kfp_oracle.py").path
        let result = try TestEnvironment.run([python, oracle, file.path, folder.path])
        try #require(result.status == 0, "kfp failed: \(result.stderr)")
        let compiled = try #require(
            (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any],
            "not the oracle's JSON: \(result.stdout.prefix(2000))")

        #expect(compiled["name"] as? String == pipeline.pipelineName)
        #expect(compiled["display_name"] as? String == pipeline.displayName)
        #expect(compiled["pipeline_root"] as? String == "gs://relna-bucket/relna/pipelines")
        #expect(compiled["parallelism"] as? Int == 8)
        #expect(
            compiled["launcher"] as? String
                == "google_cloud_pipeline_components.container.v1.custom_job.launcher")
        #expect(
            compiled["constants"] as? [String: String] == [
                "project": "my-project", "location": "europe-west4",
            ])
        #expect(
            compiled["selectors"] as? [String: String] == [
                "display_name": "parseJson(string_value)[\"display_name\"]",
                "worker_pool_specs": "parseJson(string_value)[\"worker_pool_specs\"]",
                "base_output_directory": "parseJson(string_value)[\"base_output_directory\"]",
            ])
        let runs = try #require(compiled["runs"] as? [[String: Any]])
        try #require(runs.count == pipeline.runs.count)
        for (run, item) in zip(pipeline.runs, runs) {
            #expect(item["name"] as? String == run.name)
            #expect(item["display_name"] as? String == pipeline.jobName(of: run))
            #expect(item["base_output_directory"] as? String == pipeline.outputDirectory(of: run))
            let pools = try #require(item["worker_pool_specs"] as? [[String: Any]])
            try #require(pools.count == 1)
            #expect((pools[0]["machine_spec"] as? [String: String]) == ["machine_type": "n1-standard-4"])
            #expect((pools[0]["replica_count"] as? NSNumber)?.doubleValue == 1)
            let spec = try #require(pools[0]["python_package_spec"] as? [String: Any])
            #expect(spec["executor_image_uri"] as? String == Self.image)
            #expect(spec["package_uris"] as? [String] == run.workerPool.packageURIs)
            #expect(spec["python_module"] as? String == "trainer.task")
            #expect(spec["args"] as? [String] == run.workerPool.args)
        }
    }
}
