import ArgumentParser
import Foundation
import RelnaCore
import TrainerGen

struct JobsStatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status", abstract: "Show a job's state.",
        discussion: "Exit status: 0 the state was read (whatever it is); see docs/jobs.md for the others.")

    @Argument(help: "The job's id or full name.") var job: String
    @OptionGroup var cloud: CloudOptions
    @Flag(help: "Print one JSON document on stdout.") var json = false

    func run() throws {
        let command = "jobs status"
        let status = try cloud.withJob(
            job, command: command, commands: { [$0.command("describe") + ["--format=json"]] },
            work: { reference, gcloud in try CloudJobs(gcloud: gcloud).describe(reference) })
        if json {
            CommandOutput.printJSON(
                .object([
                    ("status", .string(ExitStatus.success.word)), ("exit_code", .int(0)),
                    ("command", .string(command)), ("job", CloudCommand.json(status)),
                ]))
            return
        }
        var lines = [status.summary]
        for (label, value) in [
            ("created", status.createTime), ("started", status.startTime), ("ended", status.endTime),
            ("output", status.outputDirectory),
        ] {
            if let value { lines.append("  \(label): \(value)") }
        }
        CommandOutput.writeStdout(Array((lines.joined(separator: "\n") + "\n").utf8))
    }
}
