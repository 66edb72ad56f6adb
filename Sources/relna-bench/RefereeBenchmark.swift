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

    @Option(help: "The relna-pack binary (default: beside relna-bench).")
    var relnaPack: String?

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
        let binDir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        let ours = relnaPack ?? binDir.appendingPathComponent("relna-pack").path
        guard FileManager.default.isExecutableFile(atPath: ours) else {
            throw BenchmarkFailure(
                "relna-pack is not built at \(ours); run `swift build` first or pass --relna-pack")
        }
        guard FileManager.default.fileExists(atPath: script) else {
            throw BenchmarkFailure("no \(script) here; run relna-bench from the repository's root")
        }
        var environment = ProcessInfo.processInfo.environment
        environment["RELNA_PACK"] = ours
        environment["RELNA_PYTHON"] = interpreter
        let status = try ChildProcess.runInherited(
            [interpreter, script, String(rounds)], environment: environment)
        guard status == 0 else { throw BenchmarkFailure("\(script) failed (status \(status))") }
    }
}
