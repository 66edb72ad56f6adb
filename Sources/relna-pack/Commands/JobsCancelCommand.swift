import ArgumentParser
import Foundation
import TrainerGen

struct JobsCancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel", abstract: "Cancel a job.",
        discussion: """
            Runs `gcloud ai custom-jobs cancel`; the job then goes through CANCELLING to CANCELLED \
            (`jobs wait` exits 1 for it). Vertex bills the time a cancelled job ran.
            """)

    @Argument(help: "The job's id or full name.") var job: String
    @OptionGroup var cloud: CloudOptions

    func run() throws {
        let command = "jobs cancel"
        do {
            let reference = try cloud.reference(job)
            let gcloud = try CloudCommand.gcloud(command, commands: [reference.command("cancel")])
            try CloudJobs(gcloud: gcloud).cancel(reference)
            CommandOutput.writeStderr("relna-pack jobs cancel: asked Vertex AI to cancel \(reference)")
        } catch let error as GCloudError {
            throw CloudCommand.exit(command, error)
        }
    }
}
