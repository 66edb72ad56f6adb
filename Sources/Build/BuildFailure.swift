import RelnaCore

/// Why a build or check stopped, grouped by the exit code each kind gets (`ExitStatus`).
public enum BuildFailure: Error, Sendable, Hashable {
    /// A flag's value is wrong (`--set`, `--env`, `--name`, `--package-version`, `--framework`, `--domain`,
    /// `--templates`, `SOURCE_DATE_EPOCH`, the job flags).
    case usage([Diagnostic])
    /// The agent was rejected.
    case rejected([Diagnostic])
    /// A manifest or template is broken.
    case badData([Diagnostic])
    /// Reading or writing a file failed.
    case io(path: String, message: String)
    /// A bug.
    case `internal`(String)

    public var status: ExitStatus {
        switch self {
        case .usage: return .usage
        case .rejected: return .rejected
        case .badData: return .badData
        case .io: return .ioError
        case .internal: return .internalError
        }
    }

    /// The diagnostics to print; I/O and internal failures become one diagnostic each.
    public var diagnostics: [Diagnostic] {
        switch self {
        case .usage(let list), .rejected(let list), .badData(let list): return list
        case .io(let path, let message):
            return [
                Diagnostic(severity: .error, code: "io", file: path, line: 0, column: 0, message: message)
            ]
        case .internal(let message):
            return [
                Diagnostic(
                    severity: .error, code: "internal", file: "relna-pack", line: 0, column: 0,
                    message: "internal error: \(message)")
            ]
        }
    }

    /// A flag problem as a diagnostic located on the command line.
    static func flag(_ code: String, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(
            severity: .error, code: code, file: "<command-line>", line: 0, column: 0, message: message,
            hint: hint)
    }
}
