import Foundation
import Manifest
import RelnaCore
import RelnaYAML
import Testing

@testable import Jobs

@Suite struct JobRequestTests {
    static let digest = String(repeating: "ab", count: 32)
    static var defaults: JobDefaults { JobTestSupport.defaults }
    static var hyperparameters: [TunableHyperparameter] { JobTestSupport.hyperparameters }

    static func input(tuning: TuningRequest? = nil) throws -> JobRequestInput {
        JobRequestInput(
            domain: "dqn", envId: "CartPole-v1", defaults: defaults,
            package: JobPackage(fileName: "relna_trainer_dqn-0.1.0.tar.gz", sha256: digest),
            bucket: try StorageBucket("gs://relna-test/"), seed: 7,
            settings: [.init(flag: "--gamma", value: "0.95")], hyperparameters: hyperparameters,
            tuning: tuning)
    }

    @Test func theExactJobFileForBothTargetsVertexFirst() throws {
        let request = try JobRequest(Self.input())
        let uri = "gs://relna-test/relna/packages/\(Self.digest)/relna_trainer_dqn-0.1.0.tar.gz"
        let name = "relna_dqn_CartPole_v1_abababababab"
        #expect(
            request.yaml(targets: [.vertex, .aiplatform]) == """
                ---
                # Vertex AI CustomJobSpec (relna-pack \(RelnaVersion.string)). Submit with
                #   relna-pack submit PACKAGE --project P --bucket gs://B
                # or upload the package to packageUris and run
                #   gcloud ai custom-jobs create --region=us-central1 --display-name=\(name) --config=FILE
                workerPoolSpecs:
                  - machineSpec:
                      machineType: "n1-standard-4"
                    replicaCount: 1
                    pythonPackageSpec:
                      executorImageUri: "us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-0:latest"
                      packageUris:
                        - "\(uri)"
                      pythonModule: "trainer.task"
                      args:
                        - "--env=CartPole-v1"
                        - "--seed=7"
                        - "--gamma=0.95"
                baseOutputDirectory:
                  outputUriPrefix: "gs://relna-test/relna/jobs/\(name)"
                ---
                # AI Platform Training Job resource (relna-pack \(RelnaVersion.string)): a legacy export.
                # AI Platform Training was shut down on 2025-01-31; no service accepts this document.
                # It was submitted with
                #   gcloud ai-platform jobs submit training \(name) --region=us-central1 --config=FILE
                jobId: "\(name)"
                trainingInput:
                  scaleTier: "BASIC"
                  packageUris:
                    - "\(uri)"
                  pythonModule: "trainer.task"
                  region: "us-central1"
                  jobDir: "gs://relna-test/relna/jobs/\(name)"
                  runtimeVersion: "2.11"
                  pythonVersion: "3.7"
                  args:
                    - "--env=CartPole-v1"
                    - "--seed=7"
                    - "--gamma=0.95"

                """)
    }

    @Test func customMachineTypeSelectsTheCustomScaleTier() throws {
        var input = try Self.input()
        input.machineType = "n1-highmem-8"
        input.region = "europe-west4"
        let request = try JobRequest(input)
        let training = try #require(request.aiPlatform["trainingInput"])
        #expect(training["scaleTier"] == "CUSTOM")
        #expect(training["masterType"] == "n1-highmem-8")
        #expect(training["region"] == "europe-west4")
        let pool = try #require(request.vertex["workerPoolSpecs"]?.sequenceValue?.first)
        #expect(pool["machineSpec"]?["machineType"] == "n1-highmem-8")
        var basic = try Self.input()
        basic.defaults.masterType = "n1-standard-4"
        #expect(try JobRequest(basic).aiPlatform["trainingInput"]?["masterType"] == nil)
    }

    @Test func tuningTurnsBoundsAndChoicesIntoBothAPIsShapes() throws {
        let request = try JobRequest(
            Self.input(
                tuning: TuningRequest(
                    metric: "eval_mean_return", maxTrials: 12, parallelTrials: 3,
                    parameters: ["learning_rate", "gamma", "batch_size", "hidden", "optimizer", "double_q"])))
        let spec = try #require(request.aiPlatform["trainingInput"]?["hyperparameters"])
        #expect(spec["goal"] == "MAXIMIZE")
        #expect(spec["maxTrials"] == 12)
        #expect(spec["maxParallelTrials"] == 3)
        #expect(spec["hyperparameterMetricTag"] == "eval_mean_return")
        let params = try #require(spec["params"]?.sequenceValue)
        #expect(
            params == [
                .mapping([
                    YAMLEntry("parameterName", "learning_rate"), YAMLEntry("type", "DOUBLE"),
                    YAMLEntry("minValue", .double(1e-05)), YAMLEntry("maxValue", .double(0.1)),
                    YAMLEntry("scaleType", "UNIT_LOG_SCALE"),
                ]),
                .mapping([
                    YAMLEntry("parameterName", "gamma"), YAMLEntry("type", "DOUBLE"),
                    YAMLEntry("minValue", .double(0)), YAMLEntry("maxValue", .double(1)),
                    YAMLEntry("scaleType", "UNIT_LINEAR_SCALE"),
                ]),
                .mapping([
                    YAMLEntry("parameterName", "batch_size"), YAMLEntry("type", "INTEGER"),
                    YAMLEntry("minValue", 2), YAMLEntry("maxValue", 4096),
                    YAMLEntry("scaleType", "UNIT_LINEAR_SCALE"),
                ]),
                .mapping([
                    YAMLEntry("parameterName", "hidden"), YAMLEntry("type", "DISCRETE"),
                    YAMLEntry("discreteValues", .sequence([.double(32), .double(64), .double(128)])),
                    YAMLEntry("scaleType", "UNIT_LINEAR_SCALE"),
                ]),
                .mapping([
                    YAMLEntry("parameterName", "optimizer"), YAMLEntry("type", "CATEGORICAL"),
                    YAMLEntry("categoricalValues", .sequence(["adam", "sgd"])),
                ]),
                .mapping([
                    YAMLEntry("parameterName", "double_q"), YAMLEntry("type", "CATEGORICAL"),
                    YAMLEntry("categoricalValues", .sequence(["true", "false"])),
                ]),
            ])
        #expect(request.vertexKind == .hyperparameterTuningJob)
        #expect(request.vertex["maxTrialCount"] == 12)
        #expect(request.vertex["parallelTrialCount"] == 3)
        #expect(request.vertex["trialJobSpec"]?["workerPoolSpecs"] != nil)
        let study = try #require(request.vertex["studySpec"])
        #expect(
            study["metrics"]
                == .sequence([
                    .mapping([YAMLEntry("metricId", "eval_mean_return"), YAMLEntry("goal", "MAXIMIZE")])
                ]))
        let first = try #require(study["parameters"]?.sequenceValue?.first)
        #expect(
            first
                == .mapping([
                    YAMLEntry("parameterId", "learning_rate"),
                    YAMLEntry(
                        "doubleValueSpec",
                        .mapping([YAMLEntry("minValue", .double(1e-05)), YAMLEntry("maxValue", .double(0.1))])
                    ),
                    YAMLEntry("scaleType", "UNIT_LOG_SCALE"),
                ]))
        let integer = try #require(study["parameters"]?.sequenceValue?[2])
        #expect(integer["integerValueSpec"]?["minValue"] == 2)
        let yaml = request.yaml(targets: [.aiplatform, .vertex])
        let verdict = try JobTestSupport.schemaCheck(yaml)
        #expect(verdict.errors == [])
        #expect(verdict.kinds == ["aiplatform", "vertex-tuning"])
    }

    @Test func tuningWithoutParamsTakesEveryRangedOneAndExplainsADroppedLogScale() throws {
        var hyperparameters = Self.hyperparameters
        hyperparameters[0].min = 0
        var input = try Self.input(tuning: TuningRequest(metric: "eval_mean_return", goal: .minimize))
        input.hyperparameters = hyperparameters
        let request = try JobRequest(input)
        let names = request.aiPlatform["trainingInput"]?["hyperparameters"]?["params"]?.sequenceValue?
            .compactMap {
                $0["parameterName"]?.stringValue
            }
        // total_steps has no max and double_q is a flag: neither is searched unless named.
        #expect(names == ["learning_rate", "gamma", "batch_size", "hidden", "optimizer"])
        #expect(request.aiPlatform["trainingInput"]?["hyperparameters"]?["goal"] == "MINIMIZE")
        #expect(request.notes.count == 1)
        #expect(request.notes.first?.contains("learning_rate") == true)
        let verdict = try JobTestSupport.schemaCheck(request.yaml(targets: [.aiplatform, .vertex]))
        #expect(verdict.errors == [])
    }

    @Test func tuningErrorsNameTheProblem() throws {
        func attempt(_ request: TuningRequest) throws -> JobRequestError? {
            do {
                _ = try JobRequest(Self.input(tuning: request))
                return nil
            } catch let error as JobRequestError {
                return error
            }
        }
        let unknown = try attempt(TuningRequest(metric: "m", parameters: ["gama"]))
        #expect(unknown == .unknownTuningParameter("gama", known: Self.hyperparameters.map(\.name)))
        #expect(
            try attempt(TuningRequest(metric: "m", parameters: ["total_steps"])) == .notTunable("total_steps")
        )
        #expect(
            try attempt(TuningRequest(metric: "m", maxTrials: 0))
                == .invalidTrialCount(flag: "--max-trials", value: 0))
        #expect(try attempt(TuningRequest(metric: "")) == .emptyMetric)
        var input = try Self.input(tuning: TuningRequest(metric: "m"))
        input.hyperparameters = [TunableHyperparameter(name: "steps", type: .int, min: 1)]
        #expect(throws: JobRequestError.nothingToTune) { try JobRequest(input) }
    }

    @Test(arguments: [
        ("relna dqn / CartPole-v1", JobTarget.aiplatform, "relna_dqn_CartPole_v1"),
        ("relna dqn / CartPole-v1", JobTarget.vertex, "relna_dqn_CartPole-v1"),
        ("9lives", JobTarget.aiplatform, "relna_9lives"),
        ("__x__", JobTarget.aiplatform, "x"),
        ("", JobTarget.aiplatform, "relna_job"),
        ("日本語", JobTarget.vertex, "relna_job"),
        ("a.b-c", JobTarget.aiplatform, "a_b_c"),
    ])
    func jobNamesAreValidForEachAPI(name: String, target: JobTarget, expected: String) {
        #expect(JobName.sanitized(name, for: target) == expected)
    }

    @Test func longJobNamesAreCutTo128Characters() {
        let name = JobName.sanitized(String(repeating: "a", count: 127) + "_bcd", for: .aiplatform)
        #expect(name == String(repeating: "a", count: 127))
    }

    @Test func bucketsAreCheckedAndPackagesContentAddressed() throws {
        let package = JobPackage(fileName: "p-1.0.tar.gz", sha256: Self.digest)
        #expect(
            try StorageBucket("gs://my-bucket").packageURI(package)
                == "gs://my-bucket/relna/packages/\(Self.digest)/p-1.0.tar.gz")
        #expect(try StorageBucket("my_bucket.example.com/").uri == "gs://my_bucket.example.com")
        for bad in [
            "gs://", "gs://AB", "gs://ab", "gs://-bucket", "gs://b/sub", "gs://bucket!", "s3://bucket",
        ] {
            #expect(throws: JobRequestError.invalidBucket(bad)) { try StorageBucket(bad) }
        }
        var input = try Self.input()
        input.package.sha256 = "XYZ"
        #expect(throws: JobRequestError.invalidPackageDigest("XYZ")) { try JobRequest(input) }
    }

    /// Every domain's manifest, both targets, with and without tuning: the schema holds.
    @Test func everyDomainsJobFileMatchesTheSchema() throws {
        let templates = JobTestSupport.repoRoot.appendingPathComponent("Templates")
        let domains = try FileManager.default.contentsOfDirectory(atPath: templates.path).sorted().filter {
            !$0.hasPrefix("_")
                && FileManager.default.fileExists(atPath: templates.path + "/\($0)/manifest.yaml")
        }
        try #require(!domains.isEmpty)
        var cases: [(label: String, yaml: String, kinds: [String])] = []
        for domain in domains {
            let path = templates.path + "/\(domain)/manifest.yaml"
            let bytes = try #require(FileManager.default.contents(atPath: path))
            let manifest = try ManifestDecoder.decode(Array(bytes), file: path, folderName: domain)
            for framework in manifest.frameworks {
                for tuning in [
                    nil, TuningRequest(metric: manifest.job["tuning_metric"] ?? "eval_mean_return"),
                ] {
                    let input = JobRequestInput(
                        domain: domain, envId: manifest.environments.defaultID,
                        defaults: JobDefaults(
                            manifest: manifest, framework: framework,
                            chosenImage: "us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-6:latest"),
                        package: JobPackage(
                            fileName: "relna_trainer_\(domain)-0.1.0.tar.gz", sha256: Self.digest),
                        bucket: try StorageBucket("gs://relna-test"),
                        hyperparameters: manifest.hyperparameters.map(TunableHyperparameter.init),
                        tuning: tuning)
                    let request = try JobRequest(input)
                    for targets in JobTargetSelection.allCases.map(\.targets) {
                        let kinds = targets.map {
                            $0 == .aiplatform ? "aiplatform" : tuning == nil ? "vertex" : "vertex-tuning"
                        }
                        let label = "\(domain) \(framework.name) \(targets) tuning: \(tuning != nil)"
                        cases.append((label, request.yaml(targets: targets), kinds))
                    }
                }
            }
        }
        let verdicts = try JobTestSupport.schemaCheck(cases.map(\.yaml))
        for (item, verdict) in zip(cases, verdicts) {
            #expect(verdict.errors == [], "\(item.label)")
            #expect(verdict.kinds == item.kinds, "\(item.label)")
        }
    }
}
