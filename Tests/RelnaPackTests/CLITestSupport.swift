import Foundation
import Testing

/// Runs the built `relna-pack` binary the way users and services that embed it do.
enum CLI {
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent()
        .deletingLastPathComponent()

    /// RELNA_PACK when set; else the binary beside this test bundle (SwiftPM's bin folder).
    static var binary: URL {
        if let path = ProcessInfo.processInfo.environment["RELNA_PACK"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // On macOS the runner sits inside the .xctest bundle; climb to the bin folder.
        while folder.path.contains(".xctest") { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("relna-pack")
    }

    struct Result {
        var status: Int32
        var stdout: [UInt8]
        var stderr: String
        var stdoutText: String { String(decoding: stdout, as: UTF8.self) }

        /// The `--json` document.
        func json() throws -> [String: Any] {
            let object = try JSONSerialization.jsonObject(with: Data(stdout))
            guard let dictionary = object as? [String: Any] else { throw CLIError.notAnObject(stdoutText) }
            return dictionary
        }
    }

    enum CLIError: Error {
        case notAnObject(String)
    }

    static func run(
        _ arguments: [String], binary: URL? = nil, cwd: URL? = nil, environment: [String: String] = [:],
        stdin: [UInt8] = []
    ) throws -> Result {
        let process = Process()
        process.executableURL = binary ?? self.binary
        process.arguments = arguments
        process.currentDirectoryURL = cwd ?? root
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "SOURCE_DATE_EPOCH")
        env.removeValue(forKey: "RELNA_TEMPLATES")
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let output = Pipe()
        let errors = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input
        try process.run()
        // Read both pipes concurrently so neither fills up and blocks the child.
        let stdoutBox = DataBox()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            stdoutBox.data = output.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        input.fileHandleForWriting.write(Data(stdin))
        try input.fileHandleForWriting.close()
        let stderrData = errors.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: [UInt8](stdoutBox.data),
            stderr: String(decoding: stderrData, as: UTF8.self))
    }

    final class DataBox: @unchecked Sendable {
        var data = Data()
    }

    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "relna-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func sha256(_ url: URL) throws -> String {
        let result = try run(
            [
                "-c", "import hashlib,sys;print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())",
                url.path,
            ], binary: python)
        return result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static var python: URL {
        if let path = ProcessInfo.processInfo.environment["RELNA_PYTHON"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        let venv = root.appendingPathComponent(".venv/bin/python")
        return FileManager.default.isExecutableFile(atPath: venv.path)
            ? venv : URL(fileURLWithPath: "/usr/bin/python3")
    }
}
