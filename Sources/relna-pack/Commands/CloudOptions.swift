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
}
