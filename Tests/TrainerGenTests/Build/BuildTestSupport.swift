import Foundation
import Testing

@testable import TrainerGen

/// Paths and helpers for the manifest, packaging and build suites.
enum BuildFixtures {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relative)))
    }

    /// The search path of the test domains (Fixtures/domains) before the built-in ones.
    static var searchPath: TemplateSearchPath {
        TemplateSearchPath(roots: [.directory(url("Fixtures/domains")), .builtIn])
    }

    /// The Python the tests use as an oracle: RELNA_PYTHON, else the repository's .venv, else python3.
    static var python: String {
        if let path = ProcessInfo.processInfo.environment["RELNA_PYTHON"], !path.isEmpty { return path }
        let venv = url(".venv/bin/python").path
        return FileManager.default.isExecutableFile(atPath: venv) ? venv : "/usr/bin/env python3"
    }

    /// Runs a program, returning its exit status and standard output.
    @discardableResult
    static func run(_ arguments: [String], stdin: [UInt8] = [], cwd: URL? = nil) throws -> (
        status: Int32, stdout: String
    ) {
        let process = Process()
        var command = arguments
        if command[0].contains(" ") {
            command = command[0].split(separator: " ").map(String.init) + command.dropFirst()
        }
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        if let cwd { process.currentDirectoryURL = cwd }
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// A fresh temporary folder unique to the caller.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "relna-build-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
