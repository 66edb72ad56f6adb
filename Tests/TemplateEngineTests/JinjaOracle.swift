import Foundation

/// Runs Tests/Oracles/jinja_oracle.py once for a whole batch and returns its JSON answer.
enum JinjaOracle {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// RELNA_PYTHON, else the repository's .venv, else python3 on PATH.
    static var python: String {
        if let path = ProcessInfo.processInfo.environment["RELNA_PYTHON"], !path.isEmpty { return path }
        let venv = repositoryRoot.appendingPathComponent(".venv/bin/python").path
        if FileManager.default.isExecutableFile(atPath: venv) { return venv }
        return "/usr/bin/env"
    }

    static func run(_ request: [String: Any]) throws -> [String: Any] {
        let process = Process()
        let executable = python
        process.executableURL = URL(fileURLWithPath: executable)
        let script = repositoryRoot.appendingPathComponent("Tests/Oracles/jinja_oracle.py").path
        process.arguments = executable == "/usr/bin/env" ? ["python3", script] : [script]
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let payload = try JSONSerialization.data(withJSONObject: request)
        // Write on another thread so a large answer cannot deadlock against a full input pipe.
        let writer = Thread {
            input.fileHandleForWriting.write(payload)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let answer = output.fileHandleForReading.readDataToEndOfFile()
        let diagnostics = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(
                description: "the Jinja2 oracle failed: " + String(decoding: diagnostics, as: UTF8.self))
        }
        guard let object = try JSONSerialization.jsonObject(with: answer) as? [String: Any] else {
            throw Failure(description: "the Jinja2 oracle printed no JSON object")
        }
        return object
    }
}
