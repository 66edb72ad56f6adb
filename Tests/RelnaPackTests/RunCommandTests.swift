import Foundation
import Testing

/// `relna-pack run`'s refusals, which come before any training (the training itself is tested end to
/// end in Tests/Python/test_run_local.py).
@Suite struct RunCommandTests {
    static let agent = CLI.root.appendingPathComponent("Fixtures/agents/mini/good.py").path
    static let domains = CLI.root.appendingPathComponent("Fixtures/domains").path

    static func run(_ extra: [String] = [], environment: [String: String]) throws -> (CLI.Result, URL) {
        let folder = try CLI.temporaryFolder()
        var env = environment
        env["XDG_CACHE_HOME"] = folder.appendingPathComponent("cache").path
        let result = try CLI.run(
            [
                "run", agent, "--domain", "mini", "--templates", domains, "--job-dir",
                folder.appendingPathComponent("job").path,
            ]
                + extra, environment: env)
        return (result, folder)
    }

    /// The hyperparameter flags `explain` lists are accepted before `--` (they pass validation and
    /// reach the interpreter check); anything else names them.
    @Test func hyperparameterFlagsAreAcceptedAndTyposNamed() throws {
        let missing = ["RELNA_PYTHON": "/nonexistent/python3"]
        for extra in [
            ["--episodes", "3"], ["--rate=0.5", "--", "--anything", "1"], ["--", "--episodes", "3"],
        ] {
            let (result, folder) = try Self.run(extra, environment: missing)
            defer { try? FileManager.default.removeItem(at: folder) }
            #expect(result.status == 69, "\(extra): \(result.stderr)")
        }
        let (typo, folder) = try Self.run(["--episods", "3"], environment: missing)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(typo.status == 64)
        #expect(typo.stderr.contains("did you mean '--episodes'?"), "\(typo.stderr)")
        #expect(typo.stderr.contains("other trainer arguments go after --"))
        let (bare, other) = try Self.run(["--episodes"], environment: missing)
        defer { try? FileManager.default.removeItem(at: other) }
        #expect(bare.status == 64 && bare.stderr.contains("--episodes needs a value"), "\(bare.stderr)")
    }

    @Test func aMissingInterpreterNamesWhatToInstall() throws {
        let (result, folder) = try Self.run(environment: ["RELNA_PYTHON": "/nonexistent/python3"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.status == 69)
        #expect(result.stderr.contains("/nonexistent/python3 was not found"))
        #expect(result.stderr.contains("apt-get install python3 python3-venv"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("job").path))
    }

    @Test func noPython3OnPathIsUnavailable() throws {
        let empty = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: empty) }
        let (result, folder) = try Self.run(environment: ["RELNA_PYTHON": "", "PATH": empty.path])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.status == 69)
        #expect(result.stderr.contains("python3 was not found"))
    }

    @Test func aPythonWithoutVenvNamesPython3Venv() throws {
        let bin = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: bin) }
        // What Debian's python3 says when python3-venv is not installed.
        let script = """
            #!/bin/sh
            if [ "$1" = "-c" ]; then echo '3.11.2 (main)'; exit 0; fi
            if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
                echo 'The virtual environment was not created successfully because ensurepip is not' >&2
                echo 'available.  On Debian/Ubuntu systems, you need to install the python3-venv' >&2
                exit 1
            fi
            exit 2

            """
        let python = bin.appendingPathComponent("python3")
        try Data(script.utf8).write(to: python)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: python.path)
        let (result, folder) = try Self.run(environment: ["RELNA_PYTHON": "", "PATH": bin.path])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.status == 69)
        #expect(result.stderr.contains("cannot create virtual environments"))
        #expect(result.stderr.contains("apt-get install python3-venv"))
        #expect(
            result.stderr.contains("creating a Python environment in \(folder.path)/cache/relna-pack/venvs/"))
        // The half-made environment is not left where a later run would trust it.
        let venvs = folder.appendingPathComponent("cache/relna-pack/venvs").path
        #expect((try? FileManager.default.contentsOfDirectory(atPath: venvs)) ?? [] == [])
    }

    @Test func usageErrorsComeFirst() throws {
        let (json, folder) = try Self.run(["--json"], environment: [:])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(json.status == 64)
        let stdin = try CLI.run(["run", "-", "--domain", "mini", "--templates", Self.domains])
        #expect(stdin.status == 64)
        let unknown = try CLI.run([
            "run", Self.agent, "--domain", "mini", "--templates", Self.domains, "--set", "nope=1",
        ])
        #expect(unknown.status == 64)
    }
}
