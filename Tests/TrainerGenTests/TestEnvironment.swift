import Foundation

/// What every TrainerGen suite needs from its surroundings: the repository, the reference Python and
/// scratch folders of its own (tests run in parallel).
enum TestEnvironment {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The reference Python as an executable path: RELNA_PYTHON, else the repository's .venv, else
    /// python3 on PATH (resolved, so callers can start it directly).
    static var python: String {
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

    struct ProgramResult {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs a program with `stdin` as its input; stdout and stderr are drained at the same time so
    /// that neither pipe can fill up and block the child.
    static func run(
        _ arguments: [String], stdin: [UInt8] = [], environment: [String: String]? = nil, cwd: URL? = nil
    ) throws -> ProgramResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
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
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return ProgramResult(
            status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData, as: UTF8.self))
    }

    /// A fresh temporary folder unique to the caller.
    static func scratchFolder(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "relna-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
