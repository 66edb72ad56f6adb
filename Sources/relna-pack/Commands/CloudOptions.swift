import ArgumentParser
import Foundation
import TrainerGen

/// Where a job named by its id lives (`jobs`); a full name `projects/P/locations/R/customJobs/ID`
/// needs neither flag.
struct CloudOptions: ParsableArguments {
    @Option(help: "Google Cloud project [default: gcloud's configured one].")
    var project: String?

    @Option(help: "Region of a job given by its id.")
    var region = "us-central1"

    func reference(_ job: String) throws(GCloudError) -> CloudJobReference {
        try CloudJobReference(job, region: region, project: project)
    }

    /// What every `jobs` subcommand does around its own step: finds `job` and gcloud (without gcloud,
    /// prints `commands(reference)` to run by hand), runs `work`, and turns a `GCloudError` into its
    /// message and exit code.
    func withJob<Result>(
        _ job: String, command: String, commands: (CloudJobReference) -> [[String]],
        work: (CloudJobReference, GCloud) throws -> Result
    ) throws -> Result {
        do {
            let reference = try reference(job)
            let gcloud = try CloudCommand.gcloud(command, commands: commands(reference))
            return try work(reference, gcloud)
        } catch let error as GCloudError {
            throw CloudCommand.exit(command, error)
        }
    }
}
