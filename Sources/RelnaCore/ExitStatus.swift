/// The exit codes relna-pack promises to scripts, and to a service that embeds TrainerGen and wants
/// to answer as the CLI does (sysexits.h values where one fits). README.md, "Exit codes", lists them.
public enum ExitStatus: Int32, Sendable, Hashable, CaseIterable {
    case success = 0
    /// The input (the user's agent or flags' values) was rejected; diagnostics were printed.
    case rejected = 1
    /// A flag or its value is wrong.
    case usage = 64
    /// Bad data that is not the user's agent: a broken manifest or template.
    case badData = 65
    /// A required external program (gcloud, python3, venv, pip) is unavailable.
    case unavailable = 69
    case internalError = 70
    /// An output file cannot be created because it exists (`init -o` without `--force`).
    case cannotCreate = 73
    case ioError = 74

    /// The `status` word of a `--json` report (docs/json-output.md).
    public var word: String {
        switch self {
        case .success: return "ok"
        case .rejected: return "rejected"
        case .usage: return "usage"
        case .badData: return "bad-data"
        case .unavailable: return "unavailable"
        case .internalError: return "internal-error"
        case .cannotCreate: return "cannot-create"
        case .ioError: return "io-error"
        }
    }
}
