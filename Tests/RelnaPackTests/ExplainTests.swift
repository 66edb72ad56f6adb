import Foundation
import Testing

/// `relna-pack explain`: a domain's contract as a student reads it, and as JSON.
@Suite struct ExplainTests {
    static let templates = CLI.brokenDomains

    @Test func printsTheContractAsPythonSignatures() throws {
        let result = try AuthoringCLI.run(["explain", "control_clean", "--templates", Self.templates])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("control_clean — Control domain (template 1.0.0, from "))
        for line in [
            "    class Policy:    # required",
            "        # The policy the trainer asks for actions.",
            "        def __init__(self, observation_space, action_space):",
            "        def act(self, observation):  # -> action",
            "            # The action to take for one observation.",
            "    --learning-rate  float, default 0.01, in [0.0, 1.0]",
            "        Step size.",
            "Environments (discrete actions): CartPole-v1 (default), Acrobot-v1",
            "    torch: import torch; installs gymnasium>=1.0, numpy>=1.24, torch>=2.0",
            "Start from a working file: relna-pack init --domain control_clean --templates \(Self.templates) > agent.py",
        ] {
            #expect(result.stdout.contains(line + "\n"), "missing line: \(line)\n\(result.stdout)")
        }
        // The footer's command works as printed: it keeps --templates (issue 14 §7).
        let footer = try #require(result.stdout.split(separator: "\n").last { $0.hasPrefix("Start from") })
        let words = footer.split(separator: " ").map(String.init)
        let initArguments = Array(words.drop { $0 != "init" }.prefix { $0 != ">" })
        let started = try AuthoringCLI.run(initArguments)
        #expect(started.status == 0 && started.stdout.contains("class Policy"), "\(started.stderr)")
        let builtIn = try AuthoringCLI.run(["explain", "dqn"])
        #expect(
            builtIn.stdout.hasSuffix("Start from a working file: relna-pack init --domain dqn > agent.py\n"))
    }

    /// `--domain` works as it does for every other command; the positional form stays.
    @Test func domainFlagIsTheSameAsThePositionalForm() throws {
        let positional = try AuthoringCLI.run(["explain", "control_clean", "--templates", Self.templates])
        let flag = try AuthoringCLI.run([
            "explain", "--domain", "control_clean", "--templates", Self.templates,
        ])
        #expect(flag.status == 0, "\(flag.stderr)")
        #expect(flag.stdout == positional.stdout)
        let both = try AuthoringCLI.run([
            "explain", "control_clean", "--domain", "control_clean", "--templates", Self.templates,
        ])
        #expect(both.status == 0)
        let neither = try AuthoringCLI.run(["explain", "--templates", Self.templates])
        #expect(neither.status == 64 && neither.stderr.contains("--domain"), "\(neither.stderr)")
        let clash = try AuthoringCLI.run(["explain", "dqn", "--domain", "imitation"])
        #expect(clash.status == 64 && clash.stderr.contains("give one"), "\(clash.stderr)")
    }

    @Test func jsonCarriesEveryPartOfTheContract() throws {
        let result = try AuthoringCLI.run([
            "explain", "control_clean", "--json", "--templates", Self.templates,
        ])
        #expect(result.status == 0)
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["domain"] as? String == "control_clean")
        let entry = try #require((object["entry_points"] as? [[String: Any]])?.first)
        #expect(entry["signature"] as? String == "class Policy:")
        let methods = try #require(entry["methods"] as? [[String: Any]])
        #expect(methods.map { $0["name"] as? String } == ["__init__", "act"])
        let hp = try #require((object["hyperparameters"] as? [[String: Any]])?.first)
        #expect(hp["default"] as? Double == 0.01)
        #expect(hp["flag"] as? String == "--learning-rate")
        let frameworks = try #require(object["frameworks"] as? [[String: Any]])
        #expect(frameworks.map { $0["name"] as? String } == ["numpy", "torch"])
    }

    @Test(arguments: ["dqn", "policy_gradient", "imitation"])
    func explainsEveryBuiltInDomain(_ domain: String) throws {
        let result = try AuthoringCLI.run(["explain", domain], removing: ["RELNA_TEMPLATES"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("class ") || result.stdout.contains("def "))
        #expect(result.stdout.contains("Frameworks"))
    }

    @Test func anUnknownDomainIsAUsageErrorWithASuggestion() throws {
        let result = try AuthoringCLI.run(["explain", "dqm"], removing: ["RELNA_TEMPLATES"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("unknown domain 'dqm'; did you mean 'dqn'?"))
        #expect(result.stdout.isEmpty)
    }

    @Test func aBrokenManifestIsBadData() throws {
        let result = try AuthoringCLI.run(["explain", "manifest_unknown_key", "--templates", Self.templates])
        #expect(result.status == 65)
        #expect(result.stderr.contains("manifest.yaml:2:1: error:"))
    }
}
