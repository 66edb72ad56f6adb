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

    /// A fresh temporary folder unique to the caller.
    static func scratchFolder(_ label: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "relna-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
