import Foundation

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

    /// The interpreter for checks that need the repository's packages: RELNA_PYTHON or the repo's venv.
    static var python: String? {
        if let path = ProcessInfo.processInfo.environment["RELNA_PYTHON"], !path.isEmpty { return path }
        let venv = repositoryRoot.appendingPathComponent(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
    }

    /// Runs with stdin from /dev/null; output goes through files so neither pipe can fill and block.
    static func run(
        _ arguments: [String], environment: [String: String] = [:], removing: [String] = [],
        in directory: URL? = nil, executable: String = executable
    ) throws -> Result {
        let scratch = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)  // relna-pack unless told otherwise
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for name in removing { env[name] = nil }
        env.merge(environment) { _, new in new }
        process.environment = env
        if let directory { process.currentDirectoryURL = directory }
        process.standardInput = FileHandle.nullDevice
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        try process.run()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return Result(
            status: process.terminationStatus,
            stdout: try String(contentsOf: outURL, encoding: .utf8),
            stderr: try String(contentsOf: errURL, encoding: .utf8))
    }

    /// A fresh folder for one test; remove it with `FileManager.default.removeItem`.
    static func scratchFolder() throws -> URL { try CLI.temporaryFolder() }
}
