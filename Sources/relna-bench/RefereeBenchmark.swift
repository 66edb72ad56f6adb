import ArgumentParser
import Foundation
import RelnaCore

/// `relna-bench referee`: the referee's cost. Training wall time of the numpy dqn and policy_gradient
/// starters on CartPole-v1 at their default budgets, refereed versus the in-process reference run of
/// the same package (RELNA_REFEREE=in-process), alternating in one session. The measuring is
/// Tests/Python/bench_referee.py's (one implementation); this command finds the binaries and the
/// Python, runs it and passes its output on: the last line is one JSON object with the ratio.
struct RefereeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referee",
        abstract: "Training wall time refereed vs in-process (numpy dqn and policy_gradient on CartPole-v1).")

    @Option(help: "Rounds of each run; the medians are compared.")
    var rounds = 3

    @OptionGroup var relnaPack: RelnaPackOption

    @Option(
        help:
            "The Python with gymnasium and numpy (default: RELNA_PYTHON, else .venv/bin/python, else python3)."
    )
    var python: String?

    @Option(help: "The measuring script, in the repository.")
    var script = "Tests/Python/bench_referee.py"

    func validate() throws {
        guard rounds >= 1 else { throw ValidationError("--rounds must be at least 1") }
    }

    func run() throws {
        let interpreter = try ReferencePython.resolve(python)
        try RepositoryScript(script: script, interpreter: interpreter, relnaPack: relnaPack).run([
            String(rounds)
        ])
    }
}
