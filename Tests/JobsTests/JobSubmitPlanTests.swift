import Foundation
import RelnaYAML
import TestSupport
import Testing

@testable import Jobs

@Suite struct JobSubmitPlanTests {
    /// A folder with a package and the job file a build would write beside it (placeholder bucket).
    static func builtPackage(
        tuning: Bool = false, targets: [JobTarget] = [.aiplatform, .vertex]
    ) throws -> (folder: URL, package: String, sha256: String) {
        let folder = try JobTestSupport.scratchFolder("submit")
        let package = folder.appendingPathComponent("relna_trainer_dqn-0.1.0.tar.gz")
        try Data("not really a tarball, but bytes with a digest\n".utf8).write(to: package)
        let digest = try TestEnvironment.run([
            JobTestSupport.python, "-c",
            "import hashlib, sys; print(hashlib.sha256(open(sys.argv[1], 'rb').read()).hexdigest())",
            package.path,
        ]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let input = JobRequestInput(
            domain: "dqn", envId: "CartPole-v1", defaults: JobTestSupport.defaults,
            package: try JobPackage(contentsOf: package.path), seed: 1,
            hyperparameters: JobTestSupport.hyperparameters,
            tuning: tuning ? TuningRequest(metric: "eval_mean_return", maxTrials: 8, parallelTrials: 4) : nil)
        let yaml = try JobRequest(input).yaml(targets: targets)
        try Data(yaml.utf8).write(to: folder.appendingPathComponent("relna_trainer_dqn-0.1.0.job.yaml"))
        return (folder, package.path, digest)
    }

    static let now = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15 08:00:00 UTC

    @Test func aiPlatformPlanUploadsToTheDigestAndRewritesTheJob() throws {
        let (folder, package, digest) = try Self.builtPackage()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try SubmitPlan(
            .init(
                packagePath: package, target: .aiplatform, project: "proj-1",
                bucket: try StorageBucket("gs://bkt-1"),
                now: Self.now))
        let uri = "gs://bkt-1/relna/packages/\(digest)/relna_trainer_dqn-0.1.0.tar.gz"
        let name = "relna_dqn_CartPole_v1_\(digest.prefix(12))_20270115_080000"
        let config = folder.appendingPathComponent("relna_trainer_dqn-0.1.0.submit-aiplatform.yaml").path
        #expect(plan.packageURI == uri)
        #expect(plan.jobName == name)
        #expect(
            plan.commands == [
                ["storage", "cp", "--no-clobber", package, uri, "--project=proj-1"],
                [
                    "ai-platform", "jobs", "submit", "training", name, "--project=proj-1",
                    "--region=us-central1",
                    "--config=\(config)",
                ],
            ])
        let document = try #require(try YAMLReader().documents(plan.configYAML).first)
        #expect(document["jobId"] == .string(name))
        #expect(document["trainingInput"]?["packageUris"] == .sequence([.string(uri)]))
        #expect(document["trainingInput"]?["jobDir"] == .string("gs://bkt-1/relna/jobs/\(name)"))
        #expect(document["trainingInput"]?["args"] == .sequence(["--env=CartPole-v1", "--seed=1"]))
        #expect(try JobTestSupport.schemaCheck(plan.configYAML).errors == [])
    }

    @Test func vertexTuningPlanUsesHyperparameterTuningJobsWithTheTrialCounts() throws {
        let (folder, package, digest) = try Self.builtPackage(tuning: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try SubmitPlan(
            .init(
                packagePath: package, target: .vertex, project: "p", region: "europe-west4",
                bucket: try StorageBucket("gs://out-bucket"), jobName: "My Study #2"))
        let config = folder.appendingPathComponent("relna_trainer_dqn-0.1.0.submit-vertex.yaml").path
        #expect(plan.jobName == "My_Study_2")
        #expect(
            plan.commands[1] == [
                "ai", "hp-tuning-jobs", "create", "--project=p", "--region=europe-west4",
                "--display-name=My_Study_2",
                "--max-trial-count=8", "--parallel-trial-count=4", "--config=\(config)",
            ])
        let document = try #require(try YAMLReader().documents(plan.configYAML).first)
        let pool = try #require(document["trialJobSpec"]?["workerPoolSpecs"]?.sequenceValue?.first)
        #expect(
            pool["pythonPackageSpec"]?["packageUris"]
                == .sequence([
                    .string("gs://out-bucket/relna/packages/\(digest)/relna_trainer_dqn-0.1.0.tar.gz")
                ]))
        #expect(
            document["trialJobSpec"]?["baseOutputDirectory"]?["outputUriPrefix"]
                == "gs://out-bucket/relna/jobs/My_Study_2")
        let verdict = try JobTestSupport.schemaCheck(plan.configYAML)
        #expect(verdict.errors == [])
        #expect(verdict.kinds == ["vertex-tuning"])
    }

    @Test func vertexCustomJobCommand() throws {
        let (folder, package, _) = try Self.builtPackage(targets: [.vertex])
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try SubmitPlan(
            .init(
                packagePath: package, target: .vertex, project: "p", bucket: try StorageBucket("b-1x"),
                jobName: "run-1"))
        #expect(plan.commands[1].prefix(3) == ["ai", "custom-jobs", "create"])
        let unnamed = try SubmitPlan(
            .init(
                packagePath: package, target: .vertex, project: "p", bucket: try StorageBucket("b-1x"),
                now: Self.now))
        #expect(unnamed.jobName.hasPrefix("relna_dqn_CartPole_v1_"))
        #expect(unnamed.jobName.hasSuffix("_20270115_080000"))
        #expect(plan.commands[1].contains("--display-name=run-1"))
        #expect(plan.region == "us-central1")
        #expect(try JobTestSupport.schemaCheck(plan.configYAML).kinds == ["vertex"])
    }

    @Test func refusesWhatItCannotSubmit() throws {
        let (folder, package, _) = try Self.builtPackage(targets: [.vertex])
        defer { try? FileManager.default.removeItem(at: folder) }
        let bucket = try StorageBucket("gs://bkt-1")
        let jobFile = folder.appendingPathComponent("relna_trainer_dqn-0.1.0.job.yaml").path
        #expect(throws: SubmitError.noDocument(path: jobFile, target: .aiplatform)) {
            try SubmitPlan(.init(packagePath: package, target: .aiplatform, project: "p", bucket: bucket))
        }
        #expect(throws: SubmitError.notAnSdist("agent.py")) {
            try SubmitPlan(.init(packagePath: "agent.py", target: .aiplatform, project: "p", bucket: bucket))
        }
        let missing = folder.appendingPathComponent("other-1.0.tar.gz").path
        #expect(throws: SubmitError.unreadablePackage(missing)) {
            try SubmitPlan(.init(packagePath: missing, target: .aiplatform, project: "p", bucket: bucket))
        }
        try Data("x".utf8).write(to: URL(fileURLWithPath: missing))
        #expect(throws: SubmitError.missingJobFile(folder.appendingPathComponent("other-1.0.job.yaml").path))
        {
            try SubmitPlan(.init(packagePath: missing, target: .aiplatform, project: "p", bucket: bucket))
        }
        try Data("trainingInput: [unclosed\n".utf8).write(to: URL(fileURLWithPath: jobFile))
        do {
            _ = try SubmitPlan(.init(packagePath: package, target: .aiplatform, project: "p", bucket: bucket))
            Issue.record("a broken job file was accepted")
        } catch {
            guard case .badJobFile(let path, let line, _, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == jobFile)
            #expect(line == 2)
        }
    }

    /// A `gcloud` that appends its arguments to a file, one per line, then `--`; fails on `fail_on`.
    static func fakeGcloud(in folder: URL, failOn: String? = nil) throws -> (path: String, record: URL) {
        let record = folder.appendingPathComponent("gcloud-args.txt")
        let script = folder.appendingPathComponent("gcloud")
        var text =
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '\(record.path)'; done\necho -- >> '\(record.path)'\n"
        if let failOn { text += "[ \"$1\" = '\(failOn)' ] && exit 3\n" }
        text += "exit 0\n"
        try Data(text.utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        return (script.path, record)
    }

    static func recorded(_ record: URL) throws -> [[String]] {
        let text = try String(contentsOf: record, encoding: .utf8)
        return text.split(separator: "--\n", omittingEmptySubsequences: true).map {
            $0.split(separator: "\n").map(String.init)
        }
    }

    @Test func runCallsGcloudWithTheExactArgumentsAndWritesTheConfig() throws {
        let (folder, package, _) = try Self.builtPackage()
        defer { try? FileManager.default.removeItem(at: folder) }
        let gcloud = try Self.fakeGcloud(in: folder)
        let plan = try SubmitPlan(
            .init(
                packagePath: package, target: .aiplatform, project: "p",
                bucket: try StorageBucket("gs://bkt-1"), jobName: "j1"))
        var announced: [String] = []
        let status = try plan.run(gcloud: gcloud.path, environment: [:]) { announced.append($0) }
        #expect(status == 0)
        #expect(try Self.recorded(gcloud.record) == plan.commands)
        #expect(announced.first?.hasPrefix("gcloud storage cp --no-clobber ") == true)
        #expect(try String(contentsOfFile: plan.configPath, encoding: .utf8) == plan.configYAML)
    }

    @Test func runStopsAtTheFirstFailingCommand() throws {
        let (folder, package, _) = try Self.builtPackage()
        defer { try? FileManager.default.removeItem(at: folder) }
        let gcloud = try Self.fakeGcloud(in: folder, failOn: "storage")
        let plan = try SubmitPlan(
            .init(
                packagePath: package, target: .aiplatform, project: "p",
                bucket: try StorageBucket("gs://bkt-1"), jobName: "j1"))
        #expect(try plan.run(gcloud: gcloud.path, environment: [:]) == 3)
        #expect(try Self.recorded(gcloud.record) == [plan.commands[0]])
    }

    @Test func shellLinesQuoteOnlyWhatNeedsIt() {
        #expect(
            SubmitPlan.shellLine(["gcloud", "--config=/a b/c.yaml", "it's", ""])
                == "gcloud '--config=/a b/c.yaml' 'it'\\''s' ''")
    }
}
