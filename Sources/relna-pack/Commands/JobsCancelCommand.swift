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
        try cloud.withJob(
            job, command: command, commands: { [$0.command("cancel")] },
            work: { reference, gcloud in
                try CloudJobs(gcloud: gcloud).cancel(reference)
                CommandOutput.writeStderr("relna-pack jobs cancel: asked Vertex AI to cancel \(reference)")
            })
    }
}
