import Foundation
import Testing

/// `build` and the executor image table: Vertex by default, the image chosen from the table or
/// `--image`, and a warning by today's date that never changes the package.
@Suite struct ExecutorImageBuildTests {
    static let starter = CLI.root.appendingPathComponent("Templates/dqn/starters/torch.py").path

    static func build(_ flags: [String], today: String?) throws -> (CLI.Result, URL) {
        let folder = try CLI.temporaryFolder()
        var environment = ["SOURCE_DATE_EPOCH": "1700000000"]
        if let today { environment["RELNA_TODAY"] = today }
        let result = try CLI.run(
            ["build", starter, "--domain", "dqn", "--output-dir", folder.path, "--json"] + flags,
            environment: environment)
        return (result, folder)
    }

    static func warnings(_ result: CLI.Result) throws -> [String] {
        let diagnostics = try #require(try result.json()["diagnostics"] as? [[String: Any]])
        return diagnostics.filter { $0["code"] as? String == "job-image" }.compactMap {
            $0["message"] as? String
        }
    }

    @Test func theWarningFollowsTodayAndNeverTheBytes() throws {
        let (before, first) = try Self.build([], today: "2026-07-01")
        let (after, second) = try Self.build([], today: "2026-11-30")
        defer { for url in [first, second] { try? FileManager.default.removeItem(at: url) } }
        #expect(before.status == 0 && after.status == 0)
        #expect(try Self.warnings(before).isEmpty)
        let warning = try #require(try Self.warnings(after).first)
        #expect(
            warning.contains("pytorch-xla.2-4.py310:latest reached its end of availability on 2026-07-24"))
        #expect(warning.contains("No image in relna-pack's table is current on 2026-11-30"))
        let sha = { (result: CLI.Result) in
            (try? result.json()["package"] as? [String: Any])?["sha256"] as? String
        }
        #expect(sha(before) != nil && sha(before) == sha(after))
        let jobFile = "relna_trainer_dqn-0.1.0.job.yaml"
        let one = try Data(contentsOf: first.appendingPathComponent(jobFile))
        #expect(one == (try Data(contentsOf: second.appendingPathComponent(jobFile))))
        let text = String(decoding: one, as: UTF8.self)
        // Vertex only, by default; the image from the table.
        #expect(!text.contains("trainingInput"))
        #expect(
            text.contains(
                "executorImageUri: \"us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest\""))
    }

    @Test func imageOverridesTheTableAndTheLegacyExportSaysTheServiceIsGone() throws {
        let (result, folder) = try Self.build(
            [
                "--image", "europe-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest",
                "--job-target", "both",
            ],
            today: "2026-11-30")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Self.warnings(result).isEmpty)
        let text = try String(
            contentsOf: folder.appendingPathComponent("relna_trainer_dqn-0.1.0.job.yaml"), encoding: .utf8)
        #expect(
            text.contains(
                "executorImageUri: \"europe-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest\"")
        )
        // Vertex first; the AI Platform document follows as a marked legacy export.
        let vertex = try #require(text.range(of: "workerPoolSpecs:"))
        let legacy = try #require(text.range(of: "trainingInput:"))
        #expect(vertex.lowerBound < legacy.lowerBound)
        #expect(text.contains("AI Platform Training was shut down on 2025-01-31"))
        let notes = try #require(try result.json()["diagnostics"] as? [[String: Any]])
        #expect(notes.contains { $0["code"] as? String == "job-target" })
        let (old, oldFolder) = try Self.build(
            ["--executor-image", "us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-3.py310:latest"],
            today: "2026-05-01")
        defer { try? FileManager.default.removeItem(at: oldFolder) }
        let named = try #require(try Self.warnings(old).first)
        #expect(
            named.contains(
                "A current one: --image us-docker.pkg.dev/vertex-ai/training/pytorch-xla.2-4.py310:latest"))
    }
}
