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

    @Test("--local without a sandbox refuses to start and names the fix")
    func noSandbox() throws {
        let folder = try CLI.temporaryFolder()
        let result = try CLI.run(
            ["arena", Self.cohort, "--domain", "dqn", "--local", "--out", folder.path + "/out"],
            environment: ["PATH": folder.path])
        #expect(result.status == 64)
        #expect(result.stderr.contains("apt-get install bubblewrap"))
        #expect(result.stderr.contains("--trust"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out/state.json"))
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

extension ArenaCommandTests {
    @Test(
        "--vertex against the fake gcloud: submitted, waited for, fetched, ranked; resumption waits, never resubmits"
    )
    func vertex() throws {
        let cloud = try FakeCloud()
        let submissions = cloud.folder.appendingPathComponent("submissions")
        try FileManager.default.createDirectory(at: submissions, withIntermediateDirectories: true)
        for name in ["alice.py", "carol.py", "frank.py"] {
            try FileManager.default.copyItem(
                atPath: Self.cohort + "/" + name, toPath: submissions.appendingPathComponent(name).path)
        }
        let out = cloud.folder.appendingPathComponent("out").path
        let arguments = [
            "arena", submissions.path, "--domain", "dqn", "--seeds", "0", "--set", "total_steps=600",
            "--vertex", "--project", "p", "--bucket", "gs://bkt", "--poll", "0.5", "--out", out, "--json",
        ]
        let first = try cloud.run(arguments)
        #expect(first.status == 0, "\(first.stderr)")
        let students = try #require(try first.json()["students"] as? [[String: Any]])
        let alice = try #require(students.first { $0["id"] as? String == "alice" })
        #expect(alice["rank"] as? Int == 1)
        #expect(students.first { $0["id"] as? String == "carol" }?["rank"] as? Int == 2)
        func creates() throws -> Int {
            try cloud.calls().filter { $0.starts(with: ["ai", "custom-jobs", "create"]) }.count
        }
        #expect(try creates() == 2)
        try cloud.expectOnlyAllowedCommands()

        // As if the first arena had stopped while the jobs ran: the next one waits for them.
        let statePath = out + "/state.json"
        let state = try String(contentsOfFile: statePath, encoding: .utf8)
        try state.replacingOccurrences(of: "\"succeeded\"", with: "\"submitted\"").write(
            toFile: statePath, atomically: true, encoding: .utf8)
        let second = try cloud.run(arguments)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(try creates() == 2)
        let again = try #require(try second.json()["students"] as? [[String: Any]])
        #expect(again.first { $0["id"] as? String == "alice" }?["rank"] as? Int == 1)
    }
}
