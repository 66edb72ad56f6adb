import Foundation
import Testing

/// `relna-pack init`: the starter it writes is the domain's, passes `check`, and never overwrites.
@Suite struct InitTests {
    static let builtIn: [(domain: String, framework: String)] = {
        let templates = AuthoringCLI.repositoryRoot.appendingPathComponent("Templates")
        var pairs: [(String, String)] = []
        for domain in ["dqn", "policy_gradient", "imitation"] {
            let starters = templates.appendingPathComponent("\(domain)/starters").path
            let files = (try? FileManager.default.contentsOfDirectory(atPath: starters)) ?? []
            for file in files.sorted() where file.hasSuffix(".py") {
                pairs.append((domain, String(file.dropLast(3))))
            }
        }
        return pairs
    }()

    @Test func everyDomainHasAStarterForNumpyTorchAndTensorflow() {
        for domain in ["dqn", "policy_gradient", "imitation"] {
            let frameworks = Set(Self.builtIn.filter { $0.domain == domain }.map(\.framework))
            #expect(frameworks == ["numpy", "torch", "tensorflow"], "\(domain): \(frameworks.sorted())")
        }
    }

    @Test(arguments: builtIn.map { "\($0.domain)/\($0.framework)" })
    func starterPassesCheck(_ pair: String) throws {
        let parts = pair.split(separator: "/").map(String.init)
        let (domain, framework) = (parts[0], parts[1])
        let folder = try AuthoringCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let agent = folder.appendingPathComponent("agent.py").path
        let made = try AuthoringCLI.run(
            ["init", "--domain", domain, "--framework", framework, "-o", agent], removing: ["RELNA_TEMPLATES"]
        )
        #expect(made.status == 0, "\(made.stderr)")
        let starter = AuthoringCLI.repositoryRoot.appendingPathComponent(
            "Templates/\(domain)/starters/\(framework).py")
        #expect(
            FileManager.default.contents(atPath: agent) == FileManager.default.contents(atPath: starter.path))
        let checked = try AuthoringCLI.run(
            ["check", agent, "--domain", domain, "--framework", framework], removing: ["RELNA_TEMPLATES"])
        #expect(checked.status == 0, "\(domain)/\(framework): \(checked.stderr)")
    }

    @Test func writesToStandardOutputByDefaultWithNumpy() throws {
        let result = try AuthoringCLI.run(
            ["init", "--domain", "control_clean", "--templates", DomainsTests.brokenDomains])
        #expect(result.status == 0)
        let starter = try String(
            contentsOfFile: DomainsTests.brokenDomains + "/control_clean/starters/numpy.py", encoding: .utf8)
        #expect(result.stdout == starter)
        #expect(result.stderr.isEmpty)
    }

    @Test func neverOverwritesWithoutForce() throws {
        let folder = try AuthoringCLI.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let agent = folder.appendingPathComponent("agent.py")
        try "mine\n".write(to: agent, atomically: true, encoding: .utf8)
        let arguments = ["init", "--domain", "control_clean", "--templates", DomainsTests.brokenDomains]
        let refused = try AuthoringCLI.run(arguments + ["-o", agent.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("--force"))
        #expect(try String(contentsOf: agent, encoding: .utf8) == "mine\n")
        let forced = try AuthoringCLI.run(arguments + ["-o", agent.path, "--force", "--framework", "torch"])
        #expect(forced.status == 0)
        #expect(try String(contentsOf: agent, encoding: .utf8).contains("import torch"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["agent.py"])
    }

    @Test func anUnknownFrameworkIsAUsageErrorWithASuggestion() throws {
        let result = try AuthoringCLI.run(
            [
                "init", "--domain", "control_clean", "--framework", "pytorch", "--templates",
                DomainsTests.brokenDomains,
            ])
        #expect(result.status == 64)
        #expect(result.stderr.contains("has no framework 'pytorch'"))
        #expect(result.stderr.contains("numpy, torch"))
        #expect(result.stdout.isEmpty)
    }

    @Test func aMissingStarterIsBadData() throws {
        let result = try AuthoringCLI.run(
            [
                "init", "--domain", "starter_missing", "--framework", "torch", "--templates",
                DomainsTests.brokenDomains,
            ])
        #expect(result.status == 65)
        #expect(result.stderr.contains("starters/torch.py"))
    }
}
