import Foundation
import TestSupport
import Testing

/// Runs the built `relna-pack` binary the way users and services that embed it do.
enum CLI {
    static var root: URL { TestEnvironment.repositoryRoot }

    /// Fixtures several suites run the CLI on: a good agent and the domains with authoring mistakes.
    static let goodAgent = root.appendingPathComponent("Fixtures/agents/mini/good.py").path
    static let brokenDomains = root.appendingPathComponent("Fixtures/broken-domains").path

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
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env.removeValue(forKey: "SOURCE_DATE_EPOCH")
        env.removeValue(forKey: "RELNA_TEMPLATES")
        for (key, value) in environment { env[key] = value }
        let result = try TestEnvironment.run(
            [(binary ?? self.binary).path] + arguments, stdin: stdin, environment: env, cwd: cwd ?? root)
        return Result(status: result.status, stdout: result.output, stderr: result.stderr)
    }

    static func temporaryFolder() throws -> URL { try TestEnvironment.scratchFolder("cli-tests") }

    static func sha256(_ url: URL) throws -> String {
        let result = try run(
            [
                "-c", "import hashlib,sys;print(hashlib.sha256(open(sys.argv[1],'rb').read()).hexdigest())",
                url.path,
            ], binary: python)
        return result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static var python: URL { URL(fileURLWithPath: TestEnvironment.python) }
}
