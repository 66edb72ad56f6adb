import Foundation
import Testing

@Suite struct BuildCommandTests {
    static let good = CLI.goodAgent
    static let domains = CLI.root.appendingPathComponent("Fixtures/domains").path

    /// `--version` alone shows relna-pack's version, as everywhere; the package version is
    /// `--package-version`, and `--version V` is still read as its old spelling.
    @Test func versionFlagDoesNotClash() throws {
        let bare = try CLI.run(["build", Self.good, "--domain", "mini", "--version"])
        #expect(bare.status == 0, "\(bare.stderr)")
        #expect(bare.stdoutText == (try CLI.run(["--version"])).stdoutText)
        let help = try CLI.run(["build", "--help"])
        #expect(help.stdoutText.contains("--package-version <package-version>"))
        #expect(!help.stdoutText.contains("--version <"))
        let output = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        for flag in ["--package-version", "--version"] {
            let result = try CLI.run([
                "build", Self.good, "--domain", "mini", "--templates", Self.domains, "--output-dir",
                output.path,
                flag, "2.1", "--json",
            ])
            #expect(result.status == 0, "\(result.stderr)")
            let package = try result.json()["package"] as? [String: Any]
            #expect(package?["version"] as? String == "2.1")
        }
        let clash = try CLI.run([
            "build", Self.good, "--domain", "mini", "--templates", Self.domains, "--package-version", "2.1",
            "--version", "2.2", "-o", output.appendingPathComponent("x.tar.gz").path,
        ])
        #expect(clash.status == 64 && clash.stderr.contains("give one"), "\(clash.stderr)")
    }

    @Test func jsonReportDescribesThePackage() throws {
        let output = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let result = try CLI.run([
            "build", Self.good, "--domain", "mini", "--templates", Self.domains, "--output-dir", output.path,
            "--set", "episodes=7", "--json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try result.json()
        #expect(report["status"] as? String == "ok")
        let package = try #require(report["package"] as? [String: Any])
        #expect(package["file_name"] as? String == "relna_trainer_mini-0.1.0.tar.gz")
        #expect(package["name"] as? String == "relna-trainer-mini")
        #expect(package["version"] as? String == "0.1.0")
        let path = try #require(package["path"] as? String)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(package["size"] as? Int == bytes.count)
        #expect(package["sha256"] as? String == (try CLI.sha256(URL(fileURLWithPath: path))))
        #expect(report["domain"] as? String == "mini")
        #expect(report["env"] as? String == "CartPole-v1")
        #expect(report["framework"] as? String == "plain")
        let files = (report["files"] as? [[String: Any]] ?? []).compactMap { $0["path"] as? String }
        #expect(
            files == [
                "PKG-INFO", "pyproject.toml", "setup.py", "trainer/__init__.py", "trainer/agent.py",
                "trainer/notes.txt", "trainer/provenance.json", "trainer/task.py",
            ])
        #expect(report["diagnostics"] as? [Any] != nil)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == [
                "relna_trainer_mini-0.1.0.job.yaml", "relna_trainer_mini-0.1.0.tar.gz",
            ])
    }

    @Test func readsStdinAndWritesStdout() throws {
        let agent = try Data(contentsOf: URL(fileURLWithPath: Self.good))
        let piped = try CLI.run(
            ["build", "-", "--domain", "mini", "--templates", Self.domains, "-o", "-"], stdin: [UInt8](agent))
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(piped.stdout.starts(with: [0x1F, 0x8B]))
        // The same package as building from the file, except the agent file name in provenance.
        let output = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: output) }
        let file = output.appendingPathComponent("x.tar.gz")
        let again = try CLI.run(
            ["build", "-", "--domain", "mini", "--templates", Self.domains, "-o", file.path],
            stdin: [UInt8](agent))
        #expect(again.status == 0)
        #expect(try Data(contentsOf: file) == Data(piped.stdout))
    }

    @Test func jsonAndStdoutPackageConflict() throws {
        let result = try CLI.run(["build", Self.good, "--domain", "mini", "-o", "-", "--json"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
    }

    /// The built-in domains are compiled in: a copy of the binary in another folder, run from yet
    /// another folder with no Templates/ in sight, still builds the dqn domain.
    @Test func builtInDomainsTravelWithTheBinary() throws {
        let elsewhere = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let copy = elsewhere.appendingPathComponent("bin/relna-pack")
        try FileManager.default.createDirectory(
            at: copy.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.binary, to: copy)
        let work = elsewhere.appendingPathComponent("work")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let agent = CLI.root.appendingPathComponent("Fixtures/agents/dqn/numpy_cartpole.py")
        try FileManager.default.copyItem(at: agent, to: work.appendingPathComponent("agent.py"))
        let result = try CLI.run(["build", "agent.py", "--domain", "dqn", "--json"], binary: copy, cwd: work)
        #expect(result.status == 0, "\(result.stderr)\(result.stdoutText)")
        let report = try result.json()
        #expect(report["framework"] as? String == "numpy")
        #expect(
            FileManager.default.fileExists(
                atPath: work.appendingPathComponent("dist/relna_trainer_dqn-0.1.0.tar.gz").path))
    }

    /// RELNA_TEMPLATES adds domains the same way --templates does.
    @Test func environmentVariableAddsDomains() throws {
        let result = try CLI.run(
            ["check", Self.good, "--domain", "mini", "--json"], environment: ["RELNA_TEMPLATES": Self.domains]
        )
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try result.json()["framework"] as? String == "plain")
    }

    @Test func checkWritesNothing() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(
            ["check", Self.good, "--domain", "mini", "--templates", Self.domains], cwd: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("ok for the mini domain"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }
}
