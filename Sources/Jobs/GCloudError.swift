/// Why a gcloud step of `submit` or `jobs` did not give what was needed. Each case says what the
/// user can do; `JobsCommand` maps them to exit codes (docs/jobs.md, "Exit codes").
public enum GCloudError: Error, Sendable, Hashable, CustomStringConvertible {
    /// gcloud is not on PATH; the commands to run by hand.
    case missing(commands: [[String]])
    case cannotRun(String, String)
    /// Not logged in, or the account lacks a role (stderr says UNAUTHENTICATED, PERMISSION_DENIED…).
    case access(command: [String], message: String)
    /// RESOURCE_EXHAUSTED / HTTP 429 after the paced retries ran out.
    case quota(command: [String], message: String, attempts: Int)
    /// Any other non-zero exit; gcloud's status and its stderr.
    case failed(command: [String], status: Int32, message: String)
    /// `--format=json` output that is not the JSON expected.
    case malformed(command: [String], message: String)
    /// The job's output folder holds no trainer results.
    case noResults(uri: String, detail: String)
    case badJobName(String)
    /// A job kind gcloud has no such command for (e.g. logs of a tuning job).
    case unsupported(String)
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .missing:
            "gcloud is not on PATH; install the Google Cloud CLI (https://cloud.google.com/sdk), or run "
                + "these commands by hand"
        case .cannotRun(let path, let message): "cannot run \(path): \(message)"
        case .access(let command, let message):
            "\(Self.line(command)) was refused: \(message)\n"
                + "  Log in with `gcloud auth login` and check the roles in docs/jobs.md (IAM)"
        case .quota(let command, let message, let attempts):
            "\(Self.line(command)) hit the Vertex AI quota \(attempts) times, backing off between tries: "
                + "\(message)\n  Try again later, or ask for more quota (docs/jobs.md, Quotas)"
        case .failed(let command, let status, let message):
            "\(Self.line(command)) failed (exit \(status)): \(message)"
        case .malformed(let command, let message):
            "\(Self.line(command)) answered with output relna-pack cannot read: \(message)"
        case .noResults(let uri, let detail):
            "no trainer results (metrics.json) under \(uri): \(detail)"
        case .badJobName(let text):
            "\(text): not a job id or projects/P/locations/R/customJobs/ID"
        case .unsupported(let message): message
        case .cannotWrite(let path, let message): "\(path): cannot write: \(message)"
        }
    }

    static func line(_ command: [String]) -> String {
        SubmitPlan.shellLine(["gcloud"] + command.prefix(3))
    }
}
