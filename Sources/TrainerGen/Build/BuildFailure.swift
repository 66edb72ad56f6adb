/// Why a build or check stopped, grouped by the exit code each kind gets (`ExitStatus`).
public enum BuildFailure: Error, Sendable, Hashable {
    /// A flag's value is wrong (`--set`, `--env`, `--name`, `--version`, `--framework`, `--domain`): 64.
    case usage([Diagnostic])
    /// The agent was rejected: 1.
    case rejected([Diagnostic])
    /// A manifest or template is broken: 65.
    case badData([Diagnostic])
    /// Reading or writing a file failed: 74.
    case io(path: String, message: String)
    /// A bug: 70.
    case `internal`(String)

    public var exitCode: Int32 {
        switch self {
        case .usage: return 64
        case .rejected: return 1
        case .badData: return 65
        case .io: return 74
        case .internal: return 70
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
