import Foundation
import Testing

/// `submit`, `jobs status|logs|wait|fetch|cancel` and `rank gs://` end to end against the stateful fake
/// gcloud: jobs really install the uploaded package and run `python -m trainer.task`.
@Suite struct JobsLifecycleTests {
    @Test func submitWaitStreamsTheLogsEndsWithTheStateAndFetchesTheResults() throws {
        let cloud = try FakeCloud()
        defer { cloud.remove() }
        let result = try cloud.run(
            [
                "submit", cloud.package, "--project", "p", "--bucket", "gs://bkt", "--wait", "--poll", "0.3",
                "--json",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try result.json()
        let name = try #require(report["name"] as? String)
        #expect(name.hasPrefix("projects/123456789012/locations/us-central1/customJobs/"))
        #expect((report["job"] as? [String: Any])?["state"] as? String == "JOB_STATE_SUCCEEDED")
        // The logs went to stderr (stdout is the JSON document): pip, then the trainer's own lines.
        #expect(result.stderr.contains("pip install"))
        #expect(result.stderr.contains("dqn: training on CartPole-v1"))
        let run = try #require((report["runs"] as? [String])?.first)
        for file in ["metrics.json", "progress.csv", "model/agent.pkl"] {
            #expect(FileManager.default.fileExists(atPath: run + "/" + file), "\(file)")
        }
        #expect(run.hasPrefix(cloud.folder.appendingPathComponent("runs").path))
        let ranked = try cloud.run(["rank", "runs"])
        #expect(ranked.status == 0, "\(ranked.stderr)")
        try cloud.expectOnlyAllowedCommands()
    }

    @Test func everyJobsCommandFollowsASubmittedJob() throws {
        let cloud = try FakeCloud()
        defer { cloud.remove() }
        let name = try cloud.submit()
        let id = String(name.split(separator: "/").last ?? "")

        let status = try cloud.run(["jobs", "status", id, "--region", "us-central1", "--json"])
        #expect(status.status == 0, "\(status.stderr)")
        #expect(((try status.json()["job"]) as? [String: Any])?["state"] as? String == "JOB_STATE_RUNNING")

        let logs = try cloud.run(["jobs", "logs", name, "--follow", "--poll", "0.3"])
        #expect(logs.status == 0, "\(logs.stderr)")
        #expect(logs.stdoutText.contains("evaluation: mean return"))

        let wait = try cloud.run(["jobs", "wait", name, "--timeout", "60", "--poll", "0.2"])
        #expect(wait.status == 0, "\(wait.stderr)")
        #expect(wait.stdoutText.hasPrefix("JOB_STATE_SUCCEEDED  \(name)"))

        let text = try cloud.run(["jobs", "status", name])
        #expect(text.stdoutText.contains("  output: gs://bkt/relna/jobs/"))

        let fetch = try cloud.run(["jobs", "fetch", name, "--to", "results"])
        #expect(fetch.status == 0, "\(fetch.stderr)")
        let run = fetch.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(FileManager.default.fileExists(atPath: run + "/metrics.json"))
        #expect(run.contains("/results/relna_dqn_CartPole_v1_"))

        // rank gs://: fetched into the cache first (metrics and progress only), then ranked.
        let rank = try cloud.run(["rank", "gs://bkt/relna/jobs/", "--json"])
        #expect(rank.status == 0, "\(rank.stderr)")
        #expect(rank.stderr.contains("fetched 1 runs from gs://bkt/relna/jobs/"))
        let cache = cloud.folder.appendingPathComponent("cache/relna-pack/gcs/bkt/relna/jobs").path
        let cached = try FileManager.default.subpathsOfDirectory(atPath: cache)
        #expect(cached.contains { $0.hasSuffix("/metrics.json") })
        #expect(!cached.contains { $0.contains("model") })
        try cloud.expectOnlyAllowedCommands()
    }

    @Test func waitTimesOutWith75AndACancelledJobWaitsTo1() throws {
        let cloud = try FakeCloud()
        defer { cloud.remove() }
        let name = try cloud.submit()
        let early = try cloud.run(["jobs", "wait", name, "--timeout", "0.2", "--poll", "0.1"])
        #expect(early.status == 75, "\(early.stderr)")
        #expect(early.stderr.contains("still RUNNING when the timeout passed"))
        let cancel = try cloud.run(["jobs", "cancel", name])
        #expect(cancel.status == 0, "\(cancel.stderr)")
        let wait = try cloud.run(["jobs", "wait", name, "--poll", "0.1", "--json"])
        #expect(wait.status == 1)
        let job = try #require(try wait.json()["job"] as? [String: Any])
        #expect(job["state"] as? String == "JOB_STATE_CANCELLED")
    }

    @Test func aFailedJobEndsSubmitWaitWith1AndItsError() throws {
        let agent = try CLI.temporaryFolder().appendingPathComponent("broken.py")
        defer { try? FileManager.default.removeItem(at: agent.deletingLastPathComponent()) }
        let text =
            try String(contentsOf: FakeCloud.starter, encoding: .utf8)
            + "\n\ndef _broken(self, observations):\n    raise RuntimeError(\"broken on purpose\")\n\n\n"
            + "QNetwork.predict = _broken\n"
        try Data(text.utf8).write(to: agent)
        let cloud = try FakeCloud(agent: agent)
        defer { cloud.remove() }
        let result = try cloud.run(
            ["submit", cloud.package, "--project", "p", "--bucket", "gs://bkt", "--wait", "--poll", "0.3"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("JOB_STATE_FAILED"))
        #expect(result.stderr.contains("exited with a non-zero status"))
        #expect(result.stdoutText.contains("broken on purpose"))  // the trainer's traceback, from the logs
        #expect(!FileManager.default.fileExists(atPath: cloud.folder.appendingPathComponent("runs").path))
    }

    @Test func withoutGcloudEveryCommandPrintsWhatToRunAndExits69() throws {
        let empty = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: empty) }
        let name = "projects/1/locations/europe-west4/customJobs/42"
        let cases: [([String], String)] = [
            (["jobs", "status", name], "gcloud ai custom-jobs describe \(name) --format=json"),
            (
                ["jobs", "logs", "42", "--region", "asia-east1"],
                "gcloud ai custom-jobs stream-logs 42 --region=asia-east1"
            ),
            (["jobs", "wait", name], "gcloud ai custom-jobs describe \(name) --format=json"),
            (["jobs", "fetch", name], "gcloud storage ls --json"),
            (["jobs", "cancel", name], "gcloud ai custom-jobs cancel \(name)"),
            (["rank", "gs://bkt/relna/jobs/"], "gcloud storage ls --json 'gs://bkt/relna/jobs/**'"),
        ]
        for (arguments, command) in cases {
            let result = try CLI.run(arguments, environment: ["PATH": empty.path])
            #expect(result.status == 69, "\(arguments)")
            #expect(result.stderr.contains("gcloud is not on PATH"), "\(arguments)")
            #expect(result.stderr.contains("  " + command), "\(arguments): \(result.stderr)")
        }
    }

    @Test func anAuthenticationErrorSaysHowToLogInAndExits69() throws {
        let cloud = try FakeCloud(misbehave: ["auth_error": true])
        defer { cloud.remove() }
        for arguments in [
            ["jobs", "status", "42"], ["submit", cloud.package, "--project", "p", "--bucket", "gs://bkt"],
        ] {
            let result = try cloud.run(arguments)
            #expect(result.status == 69, "\(arguments)")
            #expect(result.stderr.contains("gcloud auth login"), "\(arguments)")
            #expect(result.stderr.contains("docs/jobs.md"), "\(arguments)")
        }
    }

    @Test func aJobDirMissingInTheBucketIsAnIOError() throws {
        let cloud = try FakeCloud(misbehave: ["lose_output": true])
        defer { cloud.remove() }
        let result = try cloud.run(
            ["submit", cloud.package, "--project", "p", "--bucket", "gs://bkt", "--wait", "--poll", "0.3"])
        #expect(result.status == 74, "\(result.stderr)")
        #expect(result.stderr.contains("no trainer results (metrics.json) under gs://bkt/relna/jobs/"))
        let name = try #require(
            try cloud.calls().first { $0.starts(with: ["ai", "custom-jobs", "describe"]) }?[3])
        #expect(try cloud.run(["jobs", "fetch", name]).status == 74)
        let rank = try cloud.run(["rank", "gs://bkt/relna/jobs/"])
        #expect(rank.status == 74)
    }

    @Test func malformedJSONFromGcloudIsBadData() throws {
        let cloud = try FakeCloud(misbehave: ["malformed": ["describe"]])
        defer { cloud.remove() }
        let name = try cloud.submit()
        let result = try cloud.run(["jobs", "status", name])
        #expect(result.status == 65)
        #expect(result.stderr.contains("answered with output relna-pack cannot read"))
        let wait = try cloud.run(["jobs", "wait", name, "--poll", "0.1"])
        #expect(wait.status == 65)
    }

    @Test func quotaAnswersAreRetriedThenGiveUpWith75() throws {
        let cloud = try FakeCloud(misbehave: ["quota_failures": 2])
        defer { cloud.remove() }
        let name = try cloud.submit()
        #expect(name.contains("/customJobs/"))
        let creates = try cloud.calls().filter { $0.starts(with: ["ai", "custom-jobs", "create"]) }
        #expect(creates.count == 3)

        let stubborn = try FakeCloud(misbehave: ["quota_failures": 50])
        defer { stubborn.remove() }
        let result = try stubborn.run(["submit", stubborn.package, "--project", "p", "--bucket", "gs://bkt"])
        #expect(result.status == 75)
        #expect(result.stderr.components(separatedBy: "quota reached; retrying").count - 1 == 5)
        #expect(result.stderr.contains("RESOURCE_EXHAUSTED"))
        #expect(try stubborn.calls().filter { $0.starts(with: ["ai", "custom-jobs", "create"]) }.count == 6)
    }

    @Test func aTuningJobIsCreatedAndFollowedThroughHpTuningJobs() throws {
        let cloud = try FakeCloud()
        defer { cloud.remove() }
        let dist = cloud.folder.appendingPathComponent("tuned")
        let built = try CLI.run(
            [
                "build", FakeCloud.starter.path, "--domain", "dqn", "--output-dir", dist.path, "--tune",
                "eval_mean_return",
            ],
            environment: ["RELNA_TODAY": "2026-01-01"])
        try #require(built.status == 0, "\(built.stderr)")
        let result = try cloud.run(
            [
                "submit", dist.appendingPathComponent("relna_trainer_dqn-0.1.0.tar.gz").path, "--project",
                "p",
                "--bucket", "gs://bkt", "--json",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let name = try #require(try result.json()["name"] as? String)
        #expect(name.contains("/hyperparameterTuningJobs/"))
        #expect(try cloud.run(["jobs", "wait", name, "--poll", "0.1"]).status == 0)
        let logs = try cloud.run(["jobs", "logs", name])
        #expect(logs.status == 64)
        #expect(logs.stderr.contains("is a tuning job"))
        try cloud.expectOnlyAllowedCommands()
        #expect(
            try cloud.calls().contains {
                $0.starts(with: ["ai", "hp-tuning-jobs", "create"]) && $0.last == "--format=json"
            })
    }

    @Test func aBadJobNameIsAUsageError() throws {
        let result = try CLI.run(
            ["jobs", "status", "projects/p/customJobs/1"], environment: ["PATH": "/nonexistent"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("not a job id or projects/P/locations/R/customJobs/ID"))
    }
}
