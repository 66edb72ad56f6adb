import Foundation
import Testing

/// A Google Cloud for one test: `Tests/Python/fake_gcloud.py` as the only `gcloud` on PATH (the real
/// SDK is never reachable), its state in a temporary folder, and a tiny dqn package built for it.
struct FakeCloud {
    let folder: URL
    let root: URL
    let bin: URL
    let package: String

    static let script = CLI.root.appendingPathComponent("Tests/Python/fake_gcloud.py")
    static let starter = CLI.root.appendingPathComponent("Templates/dqn/starters/numpy.py")
    /// Enough to write metrics.json and progress.csv in well under a second.
    static let tinyRun = [
        "--set", "total_steps=300", "--set", "learning_starts=50", "--set", "check_interval=150",
    ]

    /// `misbehave` becomes the fake's config.json (see fake_gcloud.py).
    init(agent: URL = FakeCloud.starter, misbehave: [String: Any] = [:]) throws {
        folder = try CLI.temporaryFolder()
        root = folder.appendingPathComponent("cloud")
        bin = folder.appendingPathComponent("bin")
        for url in [root, bin] {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }
        let gcloud = bin.appendingPathComponent("gcloud")
        let wrapper = "#!/bin/sh\nexec '\(CLI.python.path)' '\(Self.script.path)' \"$@\"\n"
        try Data(wrapper.utf8).write(to: gcloud)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: gcloud.path)
        if !misbehave.isEmpty {
            try JSONSerialization.data(withJSONObject: misbehave).write(
                to: root.appendingPathComponent("config.json"))
        }
        let dist = folder.appendingPathComponent("dist")
        let built = try CLI.run(
            ["build", agent.path, "--domain", "dqn", "--output-dir", dist.path] + Self.tinyRun,
            environment: ["RELNA_TODAY": "2026-01-01"])
        try #require(built.status == 0, "\(built.stderr)")
        package = dist.appendingPathComponent("relna_trainer_dqn-0.1.0.tar.gz").path
    }

    var environment: [String: String] {
        [
            "PATH": bin.path, "FAKE_GCLOUD_ROOT": root.path,
            "XDG_CACHE_HOME": folder.appendingPathComponent("cache").path,
            "RELNA_SUBMIT_BACKOFF": "0.01",
        ]
    }

    func run(_ arguments: [String]) throws -> CLI.Result {
        try CLI.run(arguments, cwd: folder, environment: environment)
    }

    /// `submit --json` without --wait: the job's full name.
    func submit(_ extra: [String] = []) throws -> String {
        let result = try run(["submit", package, "--project", "p", "--bucket", "gs://bkt", "--json"] + extra)
        try #require(result.status == 0, "\(result.stderr)")
        return try #require(try result.json()["name"] as? String)
    }

    /// Every gcloud call, in order.
    func calls() throws -> [[String]] {
        let text = try String(contentsOf: root.appendingPathComponent("calls.jsonl"), encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String])
        }
    }

    /// Only the commands issue 13 allows, with JSON asked for wherever output is parsed.
    func expectOnlyAllowedCommands() throws {
        for call in try calls() {
            let verb = call.prefix(call.first == "ai" ? 3 : 2).joined(separator: " ")
            #expect(
                [
                    "storage cp", "storage ls", "ai custom-jobs create", "ai custom-jobs describe",
                    "ai custom-jobs stream-logs", "ai custom-jobs cancel", "ai custom-jobs list",
                    "ai hp-tuning-jobs create", "ai hp-tuning-jobs describe",
                ].contains(verb), "\(call)")
            if ["ai custom-jobs create", "ai custom-jobs describe", "ai hp-tuning-jobs describe"].contains(
                verb)
            {
                #expect(call.contains("--format=json"), "\(call)")
            }
            if verb == "storage ls" { #expect(call.contains("--json"), "\(call)") }
        }
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
