import Foundation
import TestSupport
import Testing

@testable import Jobs

/// Helpers for the job and local-run suites: the repository, the reference Python, scratch folders.
enum JobTestSupport {
    static var repoRoot: URL { TestEnvironment.repositoryRoot }
    static var python: String { TestEnvironment.python }

    /// The job defaults and tunable hyperparameters the request and submit suites build from.
    static let defaults = JobDefaults(
        runtimeVersion: "2.11", pythonVersion: "3.7",
        executorImage: "us-docker.pkg.dev/vertex-ai/training/sklearn-cpu.1-0:latest")
    static let hyperparameters = [
        TunableHyperparameter(name: "learning_rate", type: .float, min: 1e-05, max: 0.1, scale: .log),
        TunableHyperparameter(name: "gamma", type: .float, min: 0, max: 1),
        TunableHyperparameter(name: "batch_size", type: .int, min: 1.5, max: 4096),
        TunableHyperparameter(name: "total_steps", type: .int, min: 1),
        TunableHyperparameter(name: "hidden", type: .int, choices: [.number(128), .number(32), .number(64)]),
        TunableHyperparameter(name: "optimizer", type: .str, choices: [.text("adam"), .text("sgd")]),
        TunableHyperparameter(name: "double_q", type: .bool),
    ]

    static func scratchFolder(_ label: String) throws -> URL { try TestEnvironment.scratchFolder(label) }

    /// PyYAML's reading of `text` (every document), as JSON-compatible values.
    static func pyyamlDocuments(_ text: String) throws -> [Any] {
        let folder = try scratchFolder("pyyaml")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("doc.yaml")
        try Data(text.utf8).write(to: file)
        let script =
            "import json, sys, yaml; print(json.dumps(list(yaml.safe_load_all(open(sys.argv[1], encoding='utf-8')))))"
        let result = try TestEnvironment.run([python, "-c", script, file.path])
        try #require(result.status == 0, "PyYAML failed: \(result.stderr)")
        let parsed = try JSONSerialization.jsonObject(
            with: Data(result.stdout.utf8), options: [.fragmentsAllowed])
        return try #require(parsed as? [Any])
    }

    /// Tests/Python/test_job_schema.py's verdict on job files: each one's document kinds and violations.
    static func schemaCheck(_ texts: [String]) throws -> [(kinds: [String], errors: [String])] {
        let folder = try scratchFolder("schema")
        defer { try? FileManager.default.removeItem(at: folder) }
        var paths: [String] = []
        for (index, text) in texts.enumerated() {
            let file = folder.appendingPathComponent("job\(index).yaml")
            try Data(text.utf8).write(to: file)
            paths.append(file.path)
        }
        let script = repoRoot.appendingPathComponent("Tests/Python/test_job_schema.py").path
        let result = try TestEnvironment.run([python, script] + paths)
        try #require(result.status == 0, "schema check failed: \(result.stderr)")
        let verdicts = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        try #require(verdicts.count == texts.count)
        return verdicts.map { ($0["kinds"] as? [String] ?? [], $0["errors"] as? [String] ?? ["no verdict"]) }
    }

    static func schemaCheck(_ text: String) throws -> (kinds: [String], errors: [String]) {
        try schemaCheck([text])[0]
    }
}
