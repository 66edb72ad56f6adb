import ArgumentParser
import Foundation
import RelnaCore
import TrainerGen

struct JobsWaitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wait", abstract: "Wait for a job to end.",
        discussion: """
            Polls `gcloud ai custom-jobs describe` every --poll seconds; prints each new state on \
            stderr and the final one on stdout. Exit status: 0 succeeded; 1 failed, cancelled or \
            expired; 75 still running when --timeout passed; see docs/jobs.md for the others.
            """)

    @Argument(help: "The job's id or full name.") var job: String
    @OptionGroup var cloud: CloudOptions
    @Option(help: "Give up after this many seconds [default: no limit].") var timeout: Double?
    @Option(help: "Seconds between state checks.") var poll: Double = 30
    @Flag(help: "Print the final state as one JSON document on stdout.") var json = false

    func validate() throws {
        guard poll > 0 else { throw ValidationError("--poll must be positive") }
        if let timeout, timeout < 0 { throw ValidationError("--timeout must not be negative") }
    }

    func run() throws {
        let command = "jobs wait"
        let outcome = try cloud.withJob(
            job, command: command, commands: { [$0.command("describe") + ["--format=json"]] },
            work: { reference, gcloud in
                try CloudJobs(gcloud: gcloud).wait(reference, timeout: timeout, poll: poll) { status in
                    CommandOutput.writeStderr("relna-pack jobs wait: \(status.state)")
                }
            })
        try Self.finish(outcome, command: command, json: json)
    }

    /// Prints the outcome and exits 0 / 1 / 75 (shared with `submit --wait`).
    static func finish(_ outcome: CloudJobs.WaitOutcome, command: String, json: Bool) throws {
        let (status, code): (CloudJobStatus, Int32) =
            switch outcome {
            case .finished(let status): (status, status.succeeded ? 0 : 1)
            case .timedOut(let status): (status, CloudCommand.temporaryFailure)
            }
        if json {
            let word = code == 0 ? "ok" : code == 1 ? "failed" : "timeout"
            CommandOutput.printJSON(
                .object([
                    ("status", .string(word)), ("exit_code", .int(Int(code))), ("command", .string(command)),
                    ("job", CloudCommand.json(status)),
                ]))
        } else {
            CommandOutput.writeStdout(Array((status.summary + "\n").utf8))
        }
        if case .timedOut = outcome {
            CommandOutput.writeStderr(
                "relna-pack \(command): still \(status.shortState) when the timeout passed")
        }
        if code != 0 { throw ExitCode(code) }
    }
}
