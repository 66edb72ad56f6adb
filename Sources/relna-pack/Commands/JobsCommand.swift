import ArgumentParser
import Foundation
import TrainerGen

/// `relna-pack jobs`: follow a submitted Vertex AI job as a pipeline step would. Parsing and
/// printing only; the gcloud calls live in the Jobs target (`CloudJobs`, `JobLogStream`,
/// `BucketResults`).
struct JobsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "jobs",
        abstract: "Status, logs, wait, fetch and cancel of submitted Vertex AI jobs.",
        discussion: """
            JOB is the job's id (with --region, and --project unless gcloud has one configured) or its \
            full name, projects/P/locations/R/customJobs/ID, as `submit --json` prints it. Every \
            command runs gcloud (`ai custom-jobs describe|stream-logs|cancel`, `storage ls|cp`); \
            without gcloud on PATH it prints them and exits 69. docs/jobs.md has the details.
            """,
        subcommands: [
            JobsStatusCommand.self, JobsLogsCommand.self, JobsWaitCommand.self, JobsFetchCommand.self,
            JobsCancelCommand.self,
        ])
}
