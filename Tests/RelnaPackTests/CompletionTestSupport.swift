import Foundation
import TestSupport

/// Runs the built `relna-pack` executable for the authoring commands' tests (init, explain, domains,
/// template check, completions): arguments, extra environment, captured output and exit status.
enum AuthoringCLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static var repositoryRoot: URL { CLI.root }

    static var executable: String { CLI.binary.path }

    /// The reference Python (TestEnvironment's, like every suite's).
    static var python: String { TestEnvironment.python }

    /// Runs with empty stdin; the one runner drains both outputs so neither pipe can block the child.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], removing: [String] = [],
        in directory: URL? = nil, executable: String = executable
    ) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        for name in removing { env[name] = nil }
        env.merge(environment) { _, new in new }
        let result = try TestEnvironment.run([executable] + arguments, environment: env, cwd: directory)
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }

    /// A fresh folder for one test; remove it with `FileManager.default.removeItem`.
    static func scratchFolder() throws -> URL { try CLI.temporaryFolder() }
}
