import ArgumentParser
import Testing

@testable import relna_pack

/// `build`'s fast path must read every line it accepts exactly as ArgumentParser does, and leave the
/// rest (errors, help, unusual spellings) to ArgumentParser.
@Suite struct BuildFastPathTests {
    static let accepted: [[String]] = [
        ["build", "agent.py", "--domain", "dqn"],
        ["build", "agent.py", "--domain", "dqn", "--output-dir", "/tmp/out"],
        ["build", "--domain", "dqn", "agent.py", "--json"],
        ["build", "-", "--domain=dqn", "-o", "-"],
        ["build", "agent.py", "--domain", "dqn", "-o", "x.tar.gz", "--env", "CartPole-v1"],
        [
            "build", "agent.py", "--domain", "dqn", "--set", "gamma=0.9", "--set=learning_rate=-0.5", "--set",
            "x=",
        ],
        [
            "build", "agent.py", "--domain", "dqn", "--framework", "torch", "--templates", "T", "--label",
            "Ada L.",
        ],
        ["build", "agent.py", "--domain", "dqn", "--name", "my-trainer", "--package-version", "1.2.3"],
        ["build", "agent.py", "--domain", "dqn", "--bucket", "gs://b", "--region", "europe-west4"],
        ["build", "agent.py", "--domain", "dqn", "--machine-type", "n1-standard-8", "--image", "img:1"],
        [
            "build", "agent.py", "--domain", "dqn", "--executor-image=img:2", "--seed", "7", "--job-target",
            "both",
        ],
        ["build", "agent.py", "--domain", "dqn", "--seed=-3", "--job-target=aiplatform", "--output=o.tgz"],
        ["build", "agent.py", "--domain", "dqn", "--label=--odd", "--env", ""],
        ["build", "", "--domain", "dqn"],
        ["build", "agent.py", "--domain", "dqn", "--region", "caf\u{E9} \u{1F680}", "--output-dir", " "],
    ]

    /// Lines the fast path declines (ArgumentParser reports most of them as errors).
    static let declined: [[String]] = [
        ["check", "agent.py", "--domain", "dqn"],
        ["build", "agent.py"],
        ["build", "--domain", "dqn"],
        ["build", "agent.py", "--domain", "dqn", "--help"],
        ["build", "agent.py", "--domain", "dqn", "-h"],
        ["build", "agent.py", "--domain", "dqn", "--version", "1.0"],
        ["build", "agent.py", "--domain", "dqn", "--", "x"],
        ["build", "agent.py", "other.py", "--domain", "dqn"],
        ["build", "agent.py", "--domain", "dqn", "--domain", "pg"],
        ["build", "agent.py", "--domain", "dqn", "--json", "--json"],
        ["build", "agent.py", "--domain", "dqn", "--json=true"],
        ["build", "agent.py", "--domain", "dqn", "--seed", "x"],
        ["build", "agent.py", "--domain", "dqn", "--seed", "-3"],
        ["build", "agent.py", "--domain", "dqn", "--job-target", "gke"],
        ["build", "agent.py", "--domain", "dqn", "--label"],
        ["build", "agent.py", "--domain", "dqn", "--label", "--json"],
        ["build", "agent.py", "--domain", "dqn", "--label="],
        ["build", "agent.py", "--domain", "dqn", "--env="],
        ["build", "agent.py", "--domain", "dqn", "-o", "-", "--json"],
        ["build", "agent.py", "--domain", "dqn", "--tune", "eval_mean_return"],
        ["build", "agent.py", "--domain", "dqn", "-o=x"],
        ["build", "agent.py", "--domain", "dqn", "--Domain", "x"],
        ["build", "agent.py", "--domain", "dqn", "-j"],
        ["build", "agent.py", "--domain", "dqn", "--generate-completion-script", "bash"],
    ]

    static func argumentParserReading(_ arguments: [String]) -> BuildInvocation? {
        guard let command = try? RelnaPack.parseAsRoot(arguments) else { return nil }
        return (command as? BuildCommand)?.invocation
    }

    @Test(arguments: accepted)
    func readsAsArgumentParserDoes(_ arguments: [String]) throws {
        let fast = try #require(BuildFastPath.invocation(arguments), "declined \(arguments)")
        #expect(fast == Self.argumentParserReading(arguments))
    }

    @Test(arguments: declined)
    func leavesTheRestToArgumentParser(_ arguments: [String]) {
        #expect(BuildFastPath.invocation(arguments) == nil)
    }
}
