import Foundation
import Testing

/// `relna-pack submit` through the binary, with a recording `gcloud` on a temporary PATH.
@Suite struct SubmitCommandTests {
    static let agent = CLI.root.appendingPathComponent("Fixtures/agents/mini/good.py").path
    static let domains = CLI.root.appendingPathComponent("Fixtures/domains").path
    static let stem = "relna_trainer_mini-0.1.0"

    /// A folder with a freshly built package and its job file, and an empty `bin` folder for PATH.
    static func built(_ flags: [String] = []) throws -> (
        folder: URL, package: String, sha256: String, bin: URL
    ) {
        let folder = try CLI.temporaryFolder()
        let dist = folder.appendingPathComponent("dist")
        let result = try CLI.run(
            ["build", agent, "--domain", "mini", "--templates", domains, "--output-dir", dist.path] + flags)
        try #require(result.status == 0, "\(result.stderr)")
        let package = dist.appendingPathComponent("\(stem).tar.gz")
        let bin = folder.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        return (folder, package.path, try CLI.sha256(package), bin)
    }

    /// Puts a `gcloud` in `bin` that records each call's arguments (one per line, then `--`) and
    /// exits 3 when its first argument is `failOn`. (JobsLifecycleTests use the stateful fake.)
    static func installFakeGcloud(in bin: URL, failOn: String? = nil) throws -> URL {
        let record = bin.deletingLastPathComponent().appendingPathComponent("gcloud-calls.txt")
        var script = "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '\(record.path)'; done\n"
        script += "echo -- >> '\(record.path)'\n"
        if let failOn { script += "[ \"$1\" = '\(failOn)' ] && { echo 'fake failure' >&2; exit 3; }\n" }
        // A create answers with the job, as `--format=json` makes gcloud do.
        script +=
            "[ \"$1\" = ai ] && echo '{\"name\": \"projects/1/locations/r/customJobs/5\", \"state\": \"JOB_STATE_PENDING\"}'\n"
        script += "exit 0\n"
        let path = bin.appendingPathComponent("gcloud")
        try Data(script.utf8).write(to: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path.path)
        return record
    }

    static func calls(_ record: URL) throws -> [[String]] {
        try String(contentsOf: record, encoding: .utf8).split(separator: "--\n").map {
            $0.split(separator: "\n").map(String.init)
        }
    }

    @Test func dryRunPrintsTheCommandsAndTheJobAndWritesNothing() throws {
        let (folder, package, sha, bin) = try Self.built(["--bucket", "gs://placeholder-is-replaced"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(
            [
                "submit", package, "--project", "proj-1", "--bucket", "gs://my-bucket", "--job-name", "try 1",
                "--dry-run",
            ], environment: ["PATH": bin.path])
        #expect(result.status == 0, "\(result.stderr)")
        let config = folder.appendingPathComponent("dist/\(Self.stem).submit-vertex.yaml").path
        let lines = result.stdoutText.split(separator: "\n", omittingEmptySubsequences: false).map(
            String.init)
        #expect(
            Array(lines.prefix(2)) == [
                "gcloud storage cp --no-clobber \(package) gs://my-bucket/relna/packages/\(sha)/\(Self.stem).tar.gz "
                    + "--project=proj-1",
                "gcloud ai custom-jobs create --project=proj-1 --region=us-central1 --display-name=try_1 "
                    + "--config=\(config) --format=json",
            ])
        #expect(result.stdoutText.contains("outputUriPrefix: \"gs://my-bucket/relna/jobs/try_1\"\n"))
        #expect(
            result.stdoutText.contains("- \"gs://my-bucket/relna/packages/\(sha)/\(Self.stem).tar.gz\"\n"))
        #expect(!result.stdoutText.contains("placeholder-is-replaced"))
        #expect(!FileManager.default.fileExists(atPath: config))
    }

    @Test func withoutGcloudItExits69WithTheCommandsToRunByHand() throws {
        let (folder, package, sha, bin) = try Self.built()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(
            ["submit", package, "--project", "p", "--bucket", "gs://bkt-1", "--vertex", "--job-name", "v1"],
            environment: ["PATH": bin.path])
        #expect(result.status == 69)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("gcloud is not on PATH"))
        let config = folder.appendingPathComponent("dist/\(Self.stem).submit-vertex.yaml").path
        #expect(
            result.stderr.contains(
                "  gcloud storage cp --no-clobber \(package) gs://bkt-1/relna/packages/\(sha)/\(Self.stem).tar.gz --project=p\n"
            ))
        #expect(
            result.stderr.contains(
                "  gcloud ai custom-jobs create --project=p --region=us-central1 --display-name=v1 --config=\(config) --format=json"
            ))
        // The printed commands work by hand: the job document they name is there.
        #expect(FileManager.default.fileExists(atPath: config))
    }

    @Test func runsGcloudWithTheExactArgumentLists() throws {
        let (folder, package, sha, bin) = try Self.built(["--tune", "score", "--max-trials", "4"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let record = try Self.installFakeGcloud(in: bin)
        let result = try CLI.run(
            [
                "submit", package, "--project", "p", "--region", "asia-east1", "--bucket", "gs://bkt-1",
                "--vertex",
                "--job-name", "study",
            ], environment: ["PATH": bin.path])
        #expect(result.status == 0, "\(result.stderr)")
        let config = folder.appendingPathComponent("dist/\(Self.stem).submit-vertex.yaml").path
        #expect(
            try Self.calls(record) == [
                [
                    "storage", "cp", "--no-clobber", package,
                    "gs://bkt-1/relna/packages/\(sha)/\(Self.stem).tar.gz",
                    "--project=p",
                ],
                [
                    "ai", "hp-tuning-jobs", "create", "--project=p", "--region=asia-east1",
                    "--display-name=study",
                    "--max-trial-count=4", "--parallel-trial-count=2", "--config=\(config)", "--format=json",
                ],
            ])
        let written = try String(contentsOfFile: config, encoding: .utf8)
        #expect(written.contains("trialJobSpec:\n"))
        #expect(written.contains("outputUriPrefix: \"gs://bkt-1/relna/jobs/study\""))
        #expect(
            result.stderr.contains("submitted study in asia-east1 as projects/1/locations/r/customJobs/5"))
    }

    @Test func aFailingGcloudStopsTheSubmissionWithItsStatus() throws {
        let (folder, package, _, bin) = try Self.built()
        defer { try? FileManager.default.removeItem(at: folder) }
        let record = try Self.installFakeGcloud(in: bin, failOn: "storage")
        let result = try CLI.run(
            ["submit", package, "--project", "p", "--bucket", "gs://bkt-1"], environment: ["PATH": bin.path])
        #expect(result.status == 3)
        #expect(try Self.calls(record).count == 1)
        #expect(result.stderr.contains("fake failure"))
        #expect(result.stderr.contains("gcloud storage cp --no-clobber"))
    }

    @Test func badInputGetsTheDocumentedExitCodes() throws {
        let (folder, package, _, bin) = try Self.built(["--job-target", "aiplatform"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let base = ["submit", package, "--project", "p"]
        let env = ["PATH": bin.path]
        #expect(try CLI.run(base + ["--bucket", "gs://Bad_Bucket"], environment: env).status == 64)
        let noDocument = try CLI.run(base + ["--bucket", "gs://bkt-1", "--dry-run"], environment: env)
        #expect(noDocument.status == 65)
        #expect(noDocument.stderr.contains("--job-target vertex"))
        let missing = try CLI.run(
            [
                "submit", folder.appendingPathComponent("nope-1.0.tar.gz").path, "--project", "p", "--bucket",
                "gs://bkt-1",
            ],
            environment: env)
        #expect(missing.status == 74)
        #expect(try CLI.run(["submit", package, "--bucket", "gs://bkt-1"], environment: env).status == 64)
    }
}
