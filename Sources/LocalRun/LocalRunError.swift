import RelnaCore

/// Why a local run could not start (what the trainer itself does is reported by its exit status).
public enum LocalRunError: Error, Sendable, Hashable, CustomStringConvertible {
    case pythonNotFound(String)
    case venvUnavailable(python: String, output: String)
    case commandFailed(what: String, command: [String], status: Int32, output: String)
    case cannotSpawn(String, errno: Int32)
    case io(String)

    public var description: String {
        switch self {
        case .pythonNotFound(let name):
            "\(name) was not found; install Python 3 (Debian/Ubuntu: apt-get install python3 python3-venv)"
        case .venvUnavailable(let python, let output):
            "\(python) cannot create virtual environments; install the venv module "
                + "(Debian/Ubuntu: apt-get install python3-venv)" + Self.tail(output)
        case .commandFailed(let what, let command, let status, let output):
            "\(what) failed (exit \(status)): \(command.joined(separator: " "))" + Self.tail(output)
        case .cannotSpawn(let path, let code):
            "cannot start \(path) (errno \(code))"
        case .io(let message):
            message
        }
    }

    /// The end of a tool's output, indented, so the reason is visible without flooding the terminal.
    private static func tail(_ output: String) -> String {
        let lines = output.split(separator: "\n", omittingEmptySubsequences: true).suffix(15)
        return lines.isEmpty ? "" : "\n" + lines.map { "    " + $0 }.joined(separator: "\n")
    }
}

extension LocalRunError {
    public init(_ error: ChildProcessError) {
        switch error {
        case .cannotSpawn(let path, let code): self = .cannotSpawn(path, errno: code)
        case .io(let message): self = .io(message)
        }
    }
}
