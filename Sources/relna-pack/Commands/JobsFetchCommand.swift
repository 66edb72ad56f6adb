import ArgumentParser
import Foundation
import TrainerGen

struct JobsFetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch", abstract: "Copy a job's results from Cloud Storage for rank.",
        discussion: """
            Reads the job's output folder from `describe` (baseOutputDirectory, the parent of \
            AIP_MODEL_DIR), lists it (`gcloud storage ls --json`), and copies each run's \
            metrics.json, progress.csv and model/ into DIR/<job dir name>/ (`gcloud storage cp`). \
            Prints the local run folders. Exit status: 0; 74 the folder holds no metrics.json.
            """)

    @Argument(help: "The job's id or full name.") var job: String
    @OptionGroup var cloud: CloudOptions
    @Option(help: ArgumentHelp("Folder to copy into (rank reads it).", valueName: "dir")) var to = "runs"

    func run() throws {
        let command = "jobs fetch"
        let commands = { (reference: CloudJobReference) in
            [
                reference.command("describe") + ["--format=json"],
                ["storage", "ls", "--json", "OUTPUT_DIRECTORY**"],
                ["storage", "cp", "OBJECTS…", "\(to)/…"],
            ]
        }
        let fetched = try cloud.withJob(
            job, command: command, commands: commands,
            work: { reference, gcloud in
                let status = try CloudJobs(gcloud: gcloud).describe(reference)
                return try BucketResults.fetch(status, into: to, gcloud: gcloud)
            })
        CommandOutput.writeStdout(Array(fetched.runs.map { $0 + "\n" }.joined().utf8))
        CommandOutput.writeStderr("relna-pack jobs fetch: copied \(fetched.files) files")
    }
}
