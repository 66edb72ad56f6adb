import Build
import RelnaCore

/// Why the arena as a whole stopped (a student's problem never stops it).
public enum ArenaError: Error, Sendable, CustomStringConvertible {
    /// The submissions folder is empty, missing or unreadable.
    case submissions(SubmissionDiscovery.Failure)
    /// The flags or the domain are wrong (`--set`, `--env`, `--domain`, a broken template).
    case build(BuildFailure)
    /// Another arena holds OUT's lock.
    case locked(String)
    /// `--local` without a usable sandbox and without `--trust`.
    case sandboxUnavailable(String)
    /// Python, venv or gcloud is missing.
    case unavailable(String)
    /// OUT cannot be written.
    case io(String)
    /// A usage problem of the arena's own flags.
    case usage(String)

    public var status: ExitStatus {
        switch self {
        case .submissions(let failure):
            if case .unreadable = failure { return .ioError }
            return .rejected
        case .build(let failure): return failure.status
        case .locked, .io: return .ioError
        case .sandboxUnavailable, .usage: return .usage
        case .unavailable: return .unavailable
        }
    }

    /// The stable code of the diagnostic that reports it (`--json`).
    public var code: String {
        switch self {
        case .submissions: "arena-submissions"
        case .build(let failure): failure.diagnostics.first?.code ?? "arena-build"
        case .locked: "arena-locked"
        case .sandboxUnavailable: "arena-sandbox"
        case .unavailable: "arena-unavailable"
        case .io: "arena-io"
        case .usage: "arena-usage"
        }
    }

    public var description: String {
        switch self {
        case .submissions(let failure): failure.description
        case .build(let failure): failure.diagnostics.map(\.message).joined(separator: "; ")
        case .locked(let message), .sandboxUnavailable(let message), .unavailable(let message),
            .io(let message), .usage(let message):
            message
        }
    }
}
