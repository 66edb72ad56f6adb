import ArgumentParser
import Foundation
import TrainerGen

/// `relna-pack submit`: upload a built package to its content-addressed object and create the job
/// with gcloud. Parsing and printing only; the plan lives in TrainerGen's Jobs folder.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "submit",
        abstract: "Upload a built trainer package and submit it to AI Platform Training or Vertex AI.",
        discussion: """
            Reads the job file `build` wrote beside the package (<stem>.job.yaml), points it at \
            gs://BUCKET/relna/packages/<sha256>/<file> (a reproducible rebuild maps to the same \
            object, so the upload is skipped when it is already there), names the job, writes the \
            resulting --config file beside the package (<stem>.submit-<target>.yaml), and runs:

              gcloud storage cp --no-clobber PACKAGE URI --project=P
              gcloud ai-platform jobs submit training NAME --project=P --region=R --config=FILE
              (with --vertex: gcloud ai custom-jobs create … or gcloud ai hp-tuning-jobs create …)

            With --dry-run nothing is written or run: the commands and the job document are printed \
            on stdout.

            Exit status: 0 submitted (or --dry-run); 64 usage error; 65 the job file is malformed or \
            lacks the target's document; 69 gcloud is not on PATH (the commands to run by hand are \
            printed); 74 the package or job file cannot be read or written; otherwise gcloud's own \
            exit status.

            Examples:
              relna-pack submit dist/relna_trainer_dqn-0.1.0.tar.gz \\
                --project my-project --bucket gs://my-bucket
              relna-pack submit dist/relna_trainer_dqn-0.1.0.tar.gz \\
                --project my-project --bucket gs://my-bucket --vertex --dry-run
            """)

    @Argument(help: ArgumentHelp("The sdist made by relna-pack build.", valueName: "package"))
    var package: String

    @Option(help: "Google Cloud project id.")
    var project: String

    @Option(
        help: ArgumentHelp(
            "Cloud Storage bucket for the package and the job's output.", valueName: "gs://bucket"))
    var bucket: String

    @Option(help: "Region [default: the job file's region, else us-central1].")
    var region: String?

    @Flag(help: "Submit to Vertex AI instead of AI Platform Training.")
    var vertex = false

    @Option(
        name: .customLong("job-name"),
        help: "Job name, made valid for the API [default: the job file's name plus a UTC timestamp].")
    var jobName: String?

    @Option(
        name: .customLong("job-file"), help: "Job file to read [default: <stem>.job.yaml beside the package]."
    )
    var jobFile: String?

    @Flag(name: .customLong("dry-run"), help: "Print the commands and the job document; run nothing.")
    var dryRun = false

    func run() throws {
        let bucket: StorageBucket
        do {
            bucket = try StorageBucket(self.bucket)
        } catch {
            fail("--bucket: \(error)")
            throw ExitCode(.usage)
        }
        let plan: SubmitPlan
        do {
            plan = try SubmitPlan(
                SubmitPlan.Options(
                    packagePath: package, jobFilePath: jobFile, target: vertex ? .vertex : .aiplatform,
                    project: project, region: region, bucket: bucket, jobName: jobName))
        } catch {
            fail(error.description)
            throw Self.exitStatus(error)
        }
        let lines = plan.commands.map { SubmitPlan.shellLine(["gcloud"] + $0) }
        if dryRun {
            let text =
                lines.joined(separator: "\n")
                + "\n# \(plan.configPath) (--config), written when not a dry run:\n"
                + plan.configYAML
            CommandOutput.writeStdout(Array(text.utf8))
            return
        }
        let environment = ProcessInfo.processInfo.environment
        guard let gcloud = ExecutableSearch.find("gcloud", path: environment["PATH"]) else {
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
        let status: Int32
        do {
            status = try plan.run(gcloud: gcloud, environment: environment) { line in
                CommandOutput.writeStderr("+ " + line)
            }
        } catch {
            fail(error.description)
            throw Self.exitStatus(error)
        }
        guard status == 0 else {
            fail("gcloud failed (exit \(status)); nothing after that step was run")
            throw ExitCode(status)
        }
        CommandOutput.writeStderr(
            "relna-pack submit: submitted \(plan.jobName) in \(plan.region) (package \(plan.packageURI))")
    }

    private func fail(_ message: String) {
        let style = TerminalStyle.forStream(fileDescriptor: 2)
        CommandOutput.writeStderr(
            style.bold("relna-pack submit:") + " " + style.red("error:") + " " + message)
    }

    static func exitStatus(_ error: SubmitError) -> ExitCode {
        switch error {
        case .notAnSdist: ExitCode(.usage)
        case .badJobFile, .noDocument: ExitCode(.badData)
        case .unreadablePackage, .missingJobFile, .cannotWrite: ExitCode(.ioError)
        case .cannotRun: ExitCode(.unavailable)
        }
    }
}
