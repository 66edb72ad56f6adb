import ArgumentParser
import Foundation
import TrainerGen

struct JobsLogsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logs", abstract: "Show a job's logs; --follow streams them until the job ends.",
        discussion: """
            Runs `gcloud ai custom-jobs stream-logs` and stops it itself: gcloud never stops streaming \
            a job that was running when it started, so relna-pack polls `describe` every --poll \
            seconds and ends the stream one interval after the job ended (without --follow, after \
            one interval). Exit status: 0 (the job's own outcome is `jobs wait`'s).
            """)

    @Argument(help: "The job's id or full name.") var job: String
    @OptionGroup var cloud: CloudOptions
    @Flag(help: "Keep streaming until the job ends.") var follow = false
    @Option(help: "Seconds between state checks (and gcloud's polling interval).") var poll: Double = 30

    func validate() throws {
        guard poll > 0 else { throw ValidationError("--poll must be positive") }
    }

    func run() throws {
        let command = "jobs logs"
        try cloud.withJob(
            job, command: command, commands: { [$0.command("stream-logs")] },
            work: { reference, gcloud in
                _ = try JobLogStream.stream(
                    reference, jobs: CloudJobs(gcloud: gcloud), follow: follow, poll: poll)
            })
    }
}
