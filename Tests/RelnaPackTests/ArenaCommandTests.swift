import Foundation
import Testing

/// `relna-pack arena` as users run it: flags, exit codes, the --json document, and Vertex through
/// the fake gcloud.
@Suite("arena command")
struct ArenaCommandTests {
    static let cohort = CLI.root.appendingPathComponent("Fixtures/arena/cohort").path

    @Test("--vertex --dry-run prints every command and job document and runs nothing")
    func vertexDryRun() throws {
        let cloud = try FakeCloud()
        let out = cloud.folder.appendingPathComponent("out").path
        let result = try cloud.run([
            "arena", Self.cohort, "--domain", "dqn", "--seeds", "0,1", "--set", "total_steps=600",
            "--vertex", "--project", "p", "--bucket", "gs://bkt", "--dry-run", "--out", out,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdoutText
        // Seven packages (alice and dave share one) on two seeds.
        let creates = text.components(separatedBy: "\n").filter {
            $0.hasPrefix("gcloud ai custom-jobs create")
        }
        #expect(creates.count == 14)
        #expect(text.components(separatedBy: "gcloud storage cp --no-clobber").count - 1 == 14)
        #expect(text.contains("workerPoolSpecs"))
        #expect(text.contains("--seed=1"))
        #expect(text.contains("gs://bkt/relna/packages/"))
        #expect(
            !FileManager.default.fileExists(atPath: cloud.root.appendingPathComponent("calls.jsonl").path))
        let state = try String(contentsOfFile: out + "/state.json", encoding: .utf8)
        #expect(!state.contains("\"submitted\""))
    }

    @Test("--json prints one document; progress stays on stderr")
    func json() throws {
        let folder = try CLI.temporaryFolder()
        let result = try CLI.run([
            "arena", Self.cohort, "--domain", "dqn", "--no-train", "--out", folder.path + "/out", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try result.json()
        #expect(document["status"] as? String == "ok")
        #expect(document["exit_code"] as? Int == 0)
        #expect(document["command"] as? String == "arena")
        let counts = try #require(document["counts"] as? [String: Any])
        #expect(counts["duplicate"] as? Int == 1)
        #expect(counts["runs"] as? Int == 21)
        #expect(result.stderr.contains("relna-pack arena: planned 21 runs"))
    }

    @Test("usage: no mode, an empty folder, both modes")
    func usage() throws {
        let folder = try CLI.temporaryFolder()
        let noMode = try CLI.run(["arena", Self.cohort, "--domain", "dqn"])
        #expect(noMode.status == 64)
        let both = try CLI.run(["arena", Self.cohort, "--domain", "dqn", "--local", "--vertex"])
        #expect(both.status == 64)
        let empty = try CLI.run([
            "arena", folder.path, "--domain", "dqn", "--no-train", "--out", folder.path + "/o",
        ])
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("holds no submissions"))
        let badSet = try CLI.run([
            "arena", Self.cohort, "--domain", "dqn", "--no-train", "--set", "nope=1", "--out",
            folder.path + "/o",
        ])
        #expect(badSet.status == 64)
    }
}
