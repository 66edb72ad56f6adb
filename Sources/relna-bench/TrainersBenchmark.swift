import ArgumentParser
import Foundation
import RelnaCore

/// `relna-bench trainers`: every domain × framework starter trained on CartPole-v1 at its default
/// budget, one run at a time: steps per second and the final network's mean return, with
/// Stable-Baselines3 (DQN and PPO at RL Zoo's settings) in the same run where `--sb3-python` (else the
/// framework Python) has it. The measuring is Tests/Python/bench_trainers.py's (one implementation); this command finds the
/// binaries and the two Pythons, runs it and passes its output on: the last line is one JSON object.
struct TrainersBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainers",
        abstract: "Steps per second and final return of every domain × framework starter (CartPole-v1).")

    @Option(name: .customLong("seed"), help: "A training seed (repeatable; default 0).")
    var seeds: [Int] = []

    @OptionGroup var relnaPack: RelnaPackOption

    @Option(
        help:
            "The Python with Jinja2 and PyYAML that runs the script (default: RELNA_PYTHON, else .venv/bin/python, else python3)."
    )
    var python: String?

    @Option(
        help: """
            The Python with numpy, gymnasium, torch and tensorflow (and stable-baselines3, for the \
            reference) the packages install against (default: RELNA_FRAMEWORKS_PYTHON, else --python; \
            `scripts/setup --frameworks` prints the venv).
            """)
    var frameworksPython: String?

    @Option(
        help:
            "The Python with stable-baselines3 for the reference runs (default: RELNA_SB3_PYTHON, else the framework Python)."
    )
    var sb3Python: String?

    @Option(help: "The measuring script, in the repository.")
    var script = "Tests/Python/bench_trainers.py"

    func run() throws {
        let interpreter = try ReferencePython.resolve(python)
        let frameworks =
            frameworksPython ?? ProcessInfo.processInfo.environment["RELNA_FRAMEWORKS_PYTHON"] ?? interpreter
        guard FileManager.default.isExecutableFile(atPath: frameworks) else {
            throw BenchmarkFailure("no Python at \(frameworks) (--frameworks-python)")
        }
        var environment = ["RELNA_FRAMEWORKS_PYTHON": frameworks]
        if let sb3Python { environment["RELNA_SB3_PYTHON"] = sb3Python }
        try RepositoryScript(script: script, interpreter: interpreter, relnaPack: relnaPack)
            .run(seeds.map(String.init), environment: environment)
    }
}
