import ArgumentParser
import Foundation
import RelnaCore
import TrainerGen

/// What the cloud commands share: finding gcloud, printing failures, and their exit codes.
enum CloudCommand {
    /// gcloud from PATH; without it, prints the commands to run by hand and exits 69.
    static func gcloud(_ command: String, commands: [[String]]) throws -> GCloud {
        let environment = ProcessInfo.processInfo.environment
        if let gcloud = GCloud.find(environment: environment) { return gcloud }
        let error = GCloudError.missing(commands: commands)
        fail(
            command,
            error.description + ":\n"
                + commands.map { "  " + SubmitPlan.shellLine(["gcloud"] + $0) }
                .joined(separator: "\n"))
        throw ExitCode(.unavailable)
    }

    /// The library's pieces with the test-only clock settings (docs/jobs.md): RELNA_SUBMIT_BACKOFF
    /// is the first backoff in seconds.
    static func pacer() -> SubmissionPacer {
        let environment = ProcessInfo.processInfo.environment
        let backoff = environment["RELNA_SUBMIT_BACKOFF"].flatMap(Double.init).flatMap { $0 >= 0 ? $0 : nil }
        return SubmissionPacer(initialBackoff: backoff ?? 10)
    }

    static func fail(_ command: String, _ message: String) {
        let style = TerminalStyle.forStream(fileDescriptor: 2)
        CommandOutput.writeStderr(
            style.bold("relna-pack \(command):") + " " + style.red("error:") + " " + message)
    }

    /// Prints the error and gives the exit code: 69 gcloud missing or refused (credentials, roles);
    /// 75 quota still exhausted after the retries; 65 gcloud's JSON unreadable; 74 no results in the
    /// bucket or a local file unwritable; 64 a bad job name; otherwise gcloud's own status.
    static func exit(_ command: String, _ error: GCloudError) -> ExitCode {
        fail(command, error.description)
        switch error {
        case .missing, .cannotRun, .access: return ExitCode(.unavailable)
        case .quota: return ExitCode(temporaryFailure)
        case .failed(_, let status, _): return ExitCode(status == 0 ? 1 : status)
        case .malformed: return ExitCode(.badData)
        case .noResults, .cannotWrite: return ExitCode(.ioError)
        case .badJobName, .unsupported: return ExitCode(.usage)
        }
    }

    /// EX_TEMPFAIL: a job still running when `wait` gave up, or a quota that did not clear.
    static let temporaryFailure: Int32 = 75

    static func json(_ status: CloudJobStatus) -> JSONValue {
        .object([
            ("name", .string(status.name)),
            ("display_name", .string(status.displayName)),
            ("state", .string(status.state)),
            ("create_time", status.createTime.map(JSONValue.string) ?? .null),
            ("start_time", status.startTime.map(JSONValue.string) ?? .null),
            ("end_time", status.endTime.map(JSONValue.string) ?? .null),
            ("output_directory", status.outputDirectory.map(JSONValue.string) ?? .null),
            (
                "error",
                status.errorMessage.map {
                    .object([
                        ("code", status.errorCode.map(JSONValue.int) ?? .null), ("message", .string($0)),
                    ])
                } ?? .null
            ),
        ])
    }
}
