import ArgumentParser
import Foundation
import RelnaCore
import TrainerGen

/// `relna-pack submit`: upload a built package to its content-addressed object and create the job
/// with gcloud. Parsing and printing only; the plan lives in the Jobs target.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Upload a built trainer package and submit it to Vertex AI as a CustomJob.",
        discussion: """
            Reads the job file `build` wrote beside the package (<stem>.job.yaml), points it at \
            gs://BUCKET/relna/packages/<sha256>/<file> (a reproducible rebuild maps to the same \
            object, so the upload is skipped when it is already there), names the job, writes the \
            resulting --config file beside the package (<stem>.submit-vertex.yaml), and runs:

              gcloud storage cp --no-clobber PACKAGE URI --project=P
              gcloud ai custom-jobs create --project=P --region=R --display-name=NAME --config=FILE \
            --format=json
              (a tuning job file: gcloud ai hp-tuning-jobs create … instead)

            Creation is paced to Vertex AI's 60 submissions per minute and region, and retried with \
            exponential backoff when Vertex answers RESOURCE_EXHAUSTED / 429. With --wait it then \
            streams the job's logs, prints its final state and copies its results into --to (runs/), \
            where `rank` reads them. AI Platform Training, the former default, was shut down on \
            2025-01-31; --vertex is still accepted and changes nothing.

            With --dry-run nothing is written or run: the commands and the job document are printed \
            on stdout.

            Exit status: 0 submitted (with --wait: the job succeeded); 1 with --wait, the job failed \
            or was cancelled; 64 usage error; 65 the job file is malformed or lacks the Vertex \
            document, or gcloud's JSON is unreadable; 69 gcloud is not on PATH (the commands to run \
            by hand are printed) or refused the request (credentials, roles); 74 the package or job \
            file cannot be read or written, or the results are not in the bucket; 75 the quota did \
            not clear; otherwise gcloud's own exit status.

            Examples:
              relna-pack submit dist/relna_trainer_dqn-0.1.0.tar.gz \\
                --project my-project --bucket gs://my-bucket
              relna-pack submit dist/relna_trainer_dqn-0.1.0.tar.gz \\
                --project my-project --bucket gs://my-bucket --wait
            """)

    @Argument(help: ArgumentHelp("The sdist made by relna-pack build.", valueName: "package"))
    var package: String

    @Option(help: "Google Cloud project id.")
    var project: String

    @Option(
        help: ArgumentHelp(
            "Cloud Storage bucket for the package and the job's output.", valueName: "gs://bucket"))
    var bucket: String

    @Option(help: "Region [default: us-central1].")
    var region: String?

    @Flag(help: "Vertex AI, the only target (kept so that existing scripts keep working).")
    var vertex = false

    @Option(
        help: "Job name, made valid for the API [default: the job file's name plus a UTC timestamp].")
    var jobName: String?

    @Option(help: "Job file to read [default: <stem>.job.yaml beside the package].")
    var jobFile: String?

    @Flag(help: "Print the commands and the job document; run nothing.")
    var dryRun = false

    @Flag(help: "Stream the logs until the job ends, print its state and fetch its results.")
    var wait = false

    @Option(help: "With --wait: seconds between state checks.")
    var poll: Double = 30

    @Option(help: ArgumentHelp("With --wait: folder the results are copied into.", valueName: "dir"))
    var to = "runs"

    @Flag(help: "Print one JSON document on stdout with the job's full name.")
    var json = false

    func validate() throws {
        guard poll > 0 else { throw ValidationError("--poll must be positive") }
    }

    func run() throws {
        let plan = try makePlan()
        let lines = plan.commands.map { SubmitPlan.shellLine(["gcloud"] + $0) }
        if dryRun {
            let text =
                lines.joined(separator: "\n")
                + "\n# \(plan.configPath) (--config), written when not a dry run:\n"
                + plan.configYAML
            CommandOutput.writeStdout(Array(text.utf8))
            return
        }
        guard let gcloud = GCloud.find(environment: ProcessInfo.processInfo.environment) else {
            do {
                try plan.writeConfig()
            } catch {
                fail(error.description)
                throw ExitCode(.ioError)
            }
            fail(
                "gcloud is not on PATH; install the Google Cloud CLI (https://cloud.google.com/sdk), or run "
                    + "these commands by hand (the job document is in \(plan.configPath)):\n"
                    + lines.map { "  " + $0 }.joined(separator: "\n"))
            throw ExitCode(.unavailable)
        }
        let created: CloudJobStatus
        do {
            var pacer = CloudCommand.pacer()
            created = try plan.submit(
                gcloud: gcloud, pacer: &pacer, announce: { CommandOutput.writeStderr("+ " + $0) },
                retrying: { _, delay in
                    CommandOutput.writeStderr(
                        "relna-pack submit: Vertex AI quota reached; retrying in \(Int(delay.rounded(.up))) s"
                    )
                })
        } catch {
            throw CloudCommand.exit("submit", error)
        }
        CommandOutput.writeStderr(
            "relna-pack submit: submitted \(plan.jobName) in \(plan.region) as \(created.name) "
                + "(package \(plan.packageURI))")
        guard wait else {
            if json { CommandOutput.printJSON(report(created, plan: plan, fetched: nil, code: 0)) }
            return
        }
        try follow(created, plan: plan, gcloud: gcloud)
    }

    /// --wait: logs until the end, the final state, then the results into --to.
    private func follow(_ created: CloudJobStatus, plan: SubmitPlan, gcloud: GCloud) throws {
        let final: CloudJobStatus
        var fetched: BucketResults.Fetched?
        do {
            let reference = try CloudJobReference(fullName: created.name)
            let jobs = CloudJobs(gcloud: gcloud)
            if reference.kind == .customJob {
                _ = try JobLogStream.stream(
                    reference, jobs: jobs, follow: true, poll: poll, toStandardError: json)
            }
            guard case .finished(let status) = try jobs.wait(reference, timeout: nil, poll: poll) else {
                throw GCloudError.unsupported("the job did not end")
            }
            final = status
            CommandOutput.writeStderr("relna-pack submit: \(final.summary)")
            if final.succeeded { fetched = try BucketResults.fetch(final, into: to, gcloud: gcloud) }
        } catch let error as GCloudError {
            throw CloudCommand.exit("submit", error)
        }
        let code: Int32 = final.succeeded ? 0 : 1
        if json {
            CommandOutput.printJSON(report(final, plan: plan, fetched: fetched, code: code))
        } else if let fetched {
            CommandOutput.writeStdout(Array(fetched.runs.map { $0 + "\n" }.joined().utf8))
        }
        if code != 0 { throw ExitCode(code) }
    }

    private func makePlan() throws -> SubmitPlan {
        let bucket: StorageBucket
        do {
            bucket = try StorageBucket(self.bucket)
        } catch {
            fail("--bucket: \(error)")
            throw ExitCode(.usage)
        }
        do {
            return try SubmitPlan(
                SubmitPlan.Options(
                    packagePath: package, jobFilePath: jobFile, target: .vertex, project: project,
                    region: region, bucket: bucket, jobName: jobName))
        } catch {
            fail(error.description)
            throw Self.exitStatus(error)
        }
    }

    /// `submit --json`: the job's full name (what `jobs` takes), its state, and with --wait where
    /// the results went.
    private func report(_ job: CloudJobStatus, plan: SubmitPlan, fetched: BucketResults.Fetched?, code: Int32)
        -> JSONValue
    {
        .object([
            ("status", .string(code == 0 ? ExitStatus.success.word : "failed")),
            ("exit_code", .int(Int(code))),
            ("command", .string("submit")),
            ("name", .string(job.name)),
            ("display_name", .string(plan.jobName)),
            ("region", .string(plan.region)),
            ("package_uri", .string(plan.packageURI)),
            ("job", CloudCommand.json(job)),
            ("runs", fetched.map { .array($0.runs.map(JSONValue.string)) } ?? .null),
        ])
    }

    private func fail(_ message: String) {
        let style = TerminalStyle.forStream(fileDescriptor: 2)
        CommandOutput.writeStderr(
            style.bold("relna-pack submit:") + " " + style.red("error:") + " " + message)
    }

    static func exitStatus(_ error: SubmitError) -> ExitCode {
        switch error {
        case .notAnSdist, .legacyTarget: ExitCode(.usage)
        case .badJobFile, .noDocument: ExitCode(.badData)
        case .unreadablePackage, .missingJobFile, .cannotWrite: ExitCode(.ioError)
        case .cannotRun: ExitCode(.unavailable)
        }
    }
}
