import Foundation
import Testing

@testable import TrainerGen

/// Paths and helpers for the manifest, packaging and build suites.
enum BuildFixtures {
    static let root: URL = TestEnvironment.repositoryRoot

    static func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    static func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: url(relative)))
    }

    /// The search path of the test domains (Fixtures/domains) before the built-in ones.
    static var searchPath: TemplateSearchPath {
        TemplateSearchPath(roots: [.directory(url("Fixtures/domains")), .builtIn])
    }

    static var python: String { TestEnvironment.python }

    /// Runs a program, returning its exit status and standard output.
    @discardableResult
    static func run(_ arguments: [String], stdin: [UInt8] = [], cwd: URL? = nil) throws -> (
        status: Int32, stdout: String
    ) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
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
    static func temporaryFolder() throws -> URL { try TestEnvironment.scratchFolder("build-tests") }
}
