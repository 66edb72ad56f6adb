import Foundation
import RelnaYAML
import TestSupport
import Testing

@testable import Jobs

@Suite struct JobSubmitPlanTests {
    /// A folder with a package and the job file a build would write beside it (placeholder bucket).
    static func builtPackage(
        tuning: Bool = false, targets: [JobTarget] = [.vertex, .aiplatform]
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

    @Test func vertexPlanUploadsToTheDigestAndRewritesTheJob() throws {
        let (folder, package, digest) = try Self.builtPackage()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try SubmitPlan(
            .init(
                packagePath: package, target: .vertex, project: "proj-1",
                bucket: try StorageBucket("gs://bkt-1"),
                now: Self.now))
        let uri = "gs://bkt-1/relna/packages/\(digest)/relna_trainer_dqn-0.1.0.tar.gz"
        let name = "relna_dqn_CartPole_v1_\(digest.prefix(12))_20270115_080000"
        let config = folder.appendingPathComponent("relna_trainer_dqn-0.1.0.submit-vertex.yaml").path
        #expect(plan.packageURI == uri)
        #expect(plan.jobName == name)
        #expect(
            plan.commands == [
                ["storage", "cp", "--no-clobber", package, uri, "--project=proj-1"],
                [
                    "ai", "custom-jobs", "create", "--project=proj-1", "--region=us-central1",
                    "--display-name=\(name)", "--config=\(config)", "--format=json",
                ],
            ])
        let document = try #require(try YAMLReader().documents(plan.configYAML).first)
        let pool = try #require(document["workerPoolSpecs"]?.sequenceValue?.first)
        #expect(pool["pythonPackageSpec"]?["packageUris"] == .sequence([.string(uri)]))
        #expect(pool["pythonPackageSpec"]?["args"] == .sequence(["--env=CartPole-v1", "--seed=1"]))
        #expect(
            document["baseOutputDirectory"]?["outputUriPrefix"] == .string("gs://bkt-1/relna/jobs/\(name)"))
        #expect(try JobTestSupport.schemaCheck(plan.configYAML).errors == [])
    }

    @Test func aiPlatformIsRefusedAsAShutDownService() throws {
        let (folder, package, _) = try Self.builtPackage()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(throws: SubmitError.legacyTarget) {
            try SubmitPlan(
                .init(
                    packagePath: package, target: .aiplatform, project: "p",
                    bucket: try StorageBucket("gs://bkt-1")))
        }
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
                "--max-trial-count=8", "--parallel-trial-count=4", "--config=\(config)", "--format=json",
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
        let (folder, package, _) = try Self.builtPackage(targets: [.aiplatform])
        defer { try? FileManager.default.removeItem(at: folder) }
        let bucket = try StorageBucket("gs://bkt-1")
        let jobFile = folder.appendingPathComponent("relna_trainer_dqn-0.1.0.job.yaml").path
        #expect(throws: SubmitError.noDocument(path: jobFile, target: .vertex)) {
            try SubmitPlan(.init(packagePath: package, target: .vertex, project: "p", bucket: bucket))
        }
        #expect(throws: SubmitError.notAnSdist("agent.py")) {
            try SubmitPlan(.init(packagePath: "agent.py", target: .vertex, project: "p", bucket: bucket))
        }
        let missing = folder.appendingPathComponent("other-1.0.tar.gz").path
        #expect(throws: SubmitError.unreadablePackage(missing)) {
            try SubmitPlan(.init(packagePath: missing, target: .vertex, project: "p", bucket: bucket))
        }
        try Data("x".utf8).write(to: URL(fileURLWithPath: missing))
        #expect(throws: SubmitError.missingJobFile(folder.appendingPathComponent("other-1.0.job.yaml").path))
        {
            try SubmitPlan(.init(packagePath: missing, target: .vertex, project: "p", bucket: bucket))
        }
        try Data("trainingInput: [unclosed\n".utf8).write(to: URL(fileURLWithPath: jobFile))
        do {
            _ = try SubmitPlan(.init(packagePath: package, target: .vertex, project: "p", bucket: bucket))
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

    /// A `gcloud` that appends its arguments to a file, one per line, then `--`; fails on `fail_on`;
    /// answers a create with a job's JSON.
    static func fakeGcloud(in folder: URL, failOn: String? = nil, quotaAnswers: Int = 0) throws -> (
        path: String, record: URL
    ) {
        let record = folder.appendingPathComponent("gcloud-args.txt")
        let script = folder.appendingPathComponent("gcloud")
        var text =
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '\(record.path)'; done\necho -- >> '\(record.path)'\n"
        if let failOn {
            text += "[ \"$1\" = '\(failOn)' ] && { echo 'ERROR: (gcloud) \(failOn)' >&2; exit 3; }\n"
        }
        // The first `quotaAnswers` creates answer as gcloud does when Vertex says 429.
        let count = folder.appendingPathComponent("creates").path
        text += "[ \"$1\" = ai ] && { echo x >> '\(count)'; "
        text += "[ $(wc -l < '\(count)') -le \(quotaAnswers) ] && "
        text +=
            "{ echo 'ERROR: (gcloud.ai.custom-jobs.create) RESOURCE_EXHAUSTED: Quota exceeded' >&2; exit 1; }; "
        text +=
            "echo '{\"name\": \"projects/1/locations/us-central1/customJobs/7\", \"state\": \"JOB_STATE_PENDING\"}'; }\n"
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

    /// A pacer whose clock is a counter: no test waits for real seconds.
    static func pacer(perMinute: Int = 60) -> (SubmissionPacer, SleepLog) {
        let log = SleepLog()
        return (SubmissionPacer(perMinute: perMinute, sleep: { log.add($0) }, now: { log.now }), log)
    }

    final class SleepLog: @unchecked Sendable {
        private let lock = NSLock()
        private var elapsed = 0.0
        private(set) var sleeps: [Double] = []
        var now: Date { lock.withLock { Date(timeIntervalSince1970: 1_000_000 + elapsed) } }
        func add(_ seconds: Double) {
            lock.withLock {
                sleeps.append(seconds)
                elapsed += seconds
            }
        }
    }

    @Test func submitCallsGcloudWithTheExactArgumentsAndWritesTheConfig() throws {
        let (folder, package, _) = try Self.builtPackage()
        defer { try? FileManager.default.removeItem(at: folder) }
        let gcloud = try Self.fakeGcloud(in: folder)
        let plan = try SubmitPlan(
            .init(
                packagePath: package, target: .vertex, project: "p",
                bucket: try StorageBucket("gs://bkt-1"), jobName: "j1"))
        var announced: [String] = []
        var (pacer, log) = Self.pacer()
        let job = try plan.submit(gcloud: GCloud(executable: gcloud.path, environment: [:]), pacer: &pacer) {
            announced.append($0)
        }
        #expect(job.name == "projects/1/locations/us-central1/customJobs/7")
        #expect(try Self.recorded(gcloud.record) == plan.commands)
        #expect(plan.commands[1].last == "--format=json")
        #expect(announced.first?.hasPrefix("gcloud storage cp --no-clobber ") == true)
        #expect(try String(contentsOfFile: plan.configPath, encoding: .utf8) == plan.configYAML)
        #expect(log.sleeps.isEmpty)
    }

    @Test func submitStopsAtTheFirstFailingCommand() throws {
        let (folder, package, _) = try Self.builtPackage()
        defer { try? FileManager.default.removeItem(at: folder) }
        let gcloud = try Self.fakeGcloud(in: folder, failOn: "storage")
        let plan = try SubmitPlan(
            .init(
                packagePath: package, target: .vertex, project: "p",
                bucket: try StorageBucket("gs://bkt-1"), jobName: "j1"))
        var (pacer, _) = Self.pacer()
        #expect(
            throws: GCloudError.failed(
                command: plan.commands[0], status: 3, message: "ERROR: (gcloud) storage")
        ) {
            _ = try plan.submit(gcloud: GCloud(executable: gcloud.path, environment: [:]), pacer: &pacer)
        }
        #expect(try Self.recorded(gcloud.record) == [plan.commands[0]])
    }

    @Test func quotaAnswersAreRetriedWithExponentialBackoffAndCapped() throws {
        let (folder, package, _) = try Self.builtPackage()
        defer { try? FileManager.default.removeItem(at: folder) }
        let plan = try SubmitPlan(
            .init(
                packagePath: package, target: .vertex, project: "p",
                bucket: try StorageBucket("gs://bkt-1"), jobName: "j1"))
        let twice = try Self.fakeGcloud(in: folder, quotaAnswers: 2)
        var (pacer, log) = Self.pacer()
        var heard: [Double] = []
        let job = try plan.submit(
            gcloud: GCloud(executable: twice.path, environment: [:]), pacer: &pacer,
            retrying: { heard.append($1) })
        #expect(job.state == "JOB_STATE_PENDING")
        #expect(heard == [10, 20])
        #expect(log.sleeps == [10, 20])
        #expect(try Self.recorded(twice.record).filter { $0.first == "ai" }.count == 3)

        let other = folder.appendingPathComponent("always")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        let always = try Self.fakeGcloud(in: other, quotaAnswers: 99)
        var (stubborn, stubbornLog) = Self.pacer()
        #expect {
            _ = try plan.submit(gcloud: GCloud(executable: always.path, environment: [:]), pacer: &stubborn)
        } throws: { error in
            guard case .quota(_, _, let attempts)? = error as? GCloudError else { return false }
            return attempts == 6
        }
        #expect(stubbornLog.sleeps == [10, 20, 40, 80, 160])
    }

    @Test func thePacerKeepsSixtySubmissionsPerMinuteAndRegion() throws {
        var (pacer, log) = Self.pacer(perMinute: 60)
        for index in 0..<130 {
            try pacer.submit(region: index.isMultiple(of: 2) ? "us-central1" : "europe-west4") {
                () throws(GCloudError) in
            }
        }
        // 65 per region: the 61st of each waits for the first minute to pass, once.
        #expect(log.sleeps.count == 1)
        #expect(log.sleeps.first == 60)
    }

    @Test func shellLinesQuoteOnlyWhatNeedsIt() {
        #expect(
            SubmitPlan.shellLine(["gcloud", "--config=/a b/c.yaml", "it's", ""])
                == "gcloud '--config=/a b/c.yaml' 'it'\\''s' ''")
    }
}
