import Foundation

/// What every suite needs from its surroundings: the repository, the reference Python, a way to run
/// programs and scratch folders of its own (tests run in parallel). The one place for each.
public enum TestEnvironment {
    public static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The bytes of a file of the repository (`relative` to its root).
    public static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: repositoryRoot.appendingPathComponent(relative)))
    }

    /// The reference Python as an executable path: RELNA_PYTHON, else the repository's .venv, else
    /// python3 on PATH (resolved, so callers can start it directly). Suites that need the venv's
    /// packages fail with the oracle's own message when this interpreter lacks them.
    public static var python: String {
        let environment = ProcessInfo.processInfo.environment
        if let given = environment["RELNA_PYTHON"], !given.isEmpty { return given }
        let venv = repositoryRoot.appendingPathComponent(".venv/bin/python").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        for folder in (environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(folder)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/usr/bin/python3"
    }

    /// The Kubeflow Pipelines compiler's Python: RELNA_KFP_PYTHON, else the repository's .venv-kfp
    /// (scripts/setup --python makes it). nil when neither exists; the suite that needs it fails then.
    public static var kfpPython: String? {
        if let given = ProcessInfo.processInfo.environment["RELNA_KFP_PYTHON"], !given.isEmpty {
            return given
        }
        let venv = repositoryRoot.appendingPathComponent(".venv-kfp/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : nil
    }

    public struct ProgramResult: Sendable {
        public var status: Int32
        public var output: [UInt8]
        public var stderr: String
        public var stdout: String { String(decoding: output, as: UTF8.self) }
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    /// Runs a program with `stdin` as its input. The input is written and stderr drained on threads of
    /// their own while stdout is read, so that no pipe can fill up and block the child.
    public static func run(
        _ arguments: [String], stdin: [UInt8] = [], environment: [String: String]? = nil, cwd: URL? = nil
    ) throws -> ProgramResult {
        guard let executable = arguments.first else { throw Failure(description: "no command given") }
        _ = ignoreBrokenPipes
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = Array(arguments.dropFirst())
        if let environment { process.environment = environment }
        if let cwd { process.currentDirectoryURL = cwd }
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        group.enter()
        DispatchQueue.global().async {
            // A child that exits without reading all its input must not fail the run.
            if !stdin.isEmpty { try? input.fileHandleForWriting.write(contentsOf: Data(stdin)) }
            try? input.fileHandleForWriting.close()
            group.leave()
        }
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProgramResult(
            status: process.terminationStatus, output: [UInt8](outputData),
            stderr: String(decoding: errorData, as: UTF8.self))
    }

    /// Writing to a child that has stopped reading must be an error (EPIPE) the writer ignores, not a
    /// SIGPIPE that ends the whole test process.
    private static let ignoreBrokenPipes: Void = { _ = signal(SIGPIPE, SIG_IGN) }()

    /// A fresh temporary folder unique to the caller.
    public static func scratchFolder(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "relna-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
