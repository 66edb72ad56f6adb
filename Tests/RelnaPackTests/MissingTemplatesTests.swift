import Foundation
import Testing

/// Every command that names a domain reads `--templates` the one way (`DomainLoader`): a folder that
/// does not exist is a usage error, never a silent fall back to the built-in domains.
@Suite struct MissingTemplatesTests {
    static let agent = CLI.root.appendingPathComponent("Fixtures/agents/mini/good.py").path
    static let missing = "/nonexistent/relna-templates"
    static let message = "<command-line>: error: --templates /nonexistent/relna-templates: no such folder\n"

    @Test func buildRejectsAMissingTemplatesFolder() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(
            ["build", Self.agent, "--domain", "dqn", "--templates", Self.missing], cwd: folder)
        #expect(result.status == 64)
        #expect(result.stderr == Self.message)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func runRejectsItExactlyAsBuildDoes() throws {
        let folder = try CLI.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLI.run(
            ["run", Self.agent, "--domain", "dqn", "--templates", Self.missing], cwd: folder,
            environment: ["XDG_CACHE_HOME": folder.appendingPathComponent("cache").path])
        let build = try CLI.run(
            ["build", Self.agent, "--domain", "dqn", "--templates", Self.missing], cwd: folder)
        #expect(run.status == 64)
        #expect(run.stderr == build.stderr)
        #expect(run.stdout.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test(arguments: [
        ["check", agent, "--domain", "dqn"], ["explain", "dqn"], ["init", "--domain", "dqn"], ["domains"],
    ])
    func everyDomainCommandRejectsIt(_ arguments: [String]) throws {
        let result = try CLI.run(arguments + ["--templates", Self.missing])
        #expect(result.status == 64, "\(arguments)")
        #expect(result.stderr == Self.message, "\(arguments)")
        #expect(result.stdout.isEmpty, "\(arguments)")
    }
}
