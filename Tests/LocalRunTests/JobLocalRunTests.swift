import Foundation
import RelnaCore
import Synchronization
import TestSupport
import Testing

@testable import Jobs
@testable import LocalRun

/// The pieces of `relna-pack run` below the command: job dirs, trainer command lines, the venv cache
/// key, child processes and the metrics summary.
@Suite struct JobLocalRunTests {
    @Test func defaultJobDirectoryIsUnderRunsWithAUTCTimestamp() {
        let directory = LocalTraining.defaultJobDirectory(
            domain: "dqn", envId: "ALE/Pong-v5", now: Date(timeIntervalSince1970: 1_800_000_000), base: "/w")
        #expect(directory == "/w/runs/dqn-ALE_Pong-v5-20270115-080000")
    }

    @Test func trainerCommandPassesEnvJobDirSeedSettingsThenExtras() {
        let command = LocalTraining.trainerCommand(
            python: "/v/bin/python", envId: "CartPole-v1", jobDirectory: "/j", seed: 4,
            settings: [.init(flag: "--gamma", value: "-0.5")], extraArgs: ["--eval-episodes", "2"])
        #expect(
            command == [
                "/v/bin/python", "-u", "-m", "trainer.task", "--env=CartPole-v1", "--job-dir=/j", "--seed=4",
                "--gamma=-0.5", "--eval-episodes", "2",
            ])
    }

    @Test func metricsSummaryReadsTheTrainersMetricsFile() throws {
        let folder = try TestEnvironment.scratchFolder("metrics")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(LocalTraining.metricsSummary(jobDirectory: folder.path) == nil)
        let json = """
            {"domain": "dqn", "env": "CartPole-v1", "seed": 0, "eval_mean_return": 187.25,
             "eval_std_return": 12.5, "eval_episodes": 20, "train_episodes": 311, "train_steps": 30000,
             "wall_time_s": 41.718, "provenance": {}}
            """
        try Data(json.utf8).write(to: folder.appendingPathComponent("metrics.json"))
        #expect(
            LocalTraining.metricsSummary(jobDirectory: folder.path) == """
                final metrics (\(folder.path)/metrics.json):
                  evaluation return: 187.250 ± 12.500 over 20 episodes
                  training episodes: 311
                  training steps: 30000
                  wall time (s): 41.718
                """)
        try Data("{not json".utf8).write(to: folder.appendingPathComponent("metrics.json"))
        #expect(LocalTraining.metricsSummary(jobDirectory: folder.path) == nil)
    }

    @Test func venvCacheKeyCoversPythonRequirementsAndSiteAccess() {
        let isolated = VirtualEnvironment.BaseInterpreter(path: "/usr/bin/python3", systemSitePackages: false)
        let shared = VirtualEnvironment.BaseInterpreter(path: "/r/.venv/bin/python", systemSitePackages: true)
        let key = VirtualEnvironment.digest(
            pythonVersion: "3.11.7", base: isolated, requirements: ["numpy", "gym"])
        #expect(key.count == 64)
        #expect(
            key
                == VirtualEnvironment.digest(
                    pythonVersion: "3.11.7", base: isolated, requirements: ["gym", "numpy"]))
        #expect(
            key
                != VirtualEnvironment.digest(
                    pythonVersion: "3.12.1", base: isolated, requirements: ["numpy", "gym"]))
        #expect(
            key != VirtualEnvironment.digest(pythonVersion: "3.11.7", base: isolated, requirements: ["numpy"])
        )
        #expect(
            key
                != VirtualEnvironment.digest(
                    pythonVersion: "3.11.7", base: shared, requirements: ["numpy", "gym"]))
    }

    /// Two threads of one process (the arena's installers) asking for the same environment at once:
    /// the second waits for the first and uses its environment; neither breaks the other's.
    @Test func concurrentPreparesOfOneEnvironmentBothSucceed() throws {
        let cacheRoot = try TestEnvironment.scratchFolder("venv-race")
        defer { try? FileManager.default.removeItem(at: cacheRoot) }
        let base = VirtualEnvironment.BaseInterpreter(path: TestEnvironment.python, systemSitePackages: true)
        let results = Mutex<[Result<VirtualEnvironment, LocalRunError>]>([])
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            // The second starts while the first is installing into its staging folder.
            if index == 1 { Self.waitForStagedPython(in: cacheRoot.path) }
            let result = Result { () throws(LocalRunError) in
                try VirtualEnvironment.prepare(
                    requirements: [], base: base, cacheRoot: cacheRoot.path, progress: { _ in })
            }
            results.withLock { $0.append(result) }
        }
        let environments = try results.withLock { try $0.map { try $0.get() } }
        #expect(environments.count == 2)
        #expect(Set(environments.map(\.directory)).count == 1)
        let left = try FileManager.default.contentsOfDirectory(atPath: cacheRoot.path)
        #expect(left.filter { $0.hasPrefix(".staging-") }.isEmpty, "\(left)")
        #expect(FileManager.default.fileExists(atPath: environments[0].directory + "/.relna-ready"))
    }

    static func waitForStagedPython(in folder: String) {
        for _ in 0..<600 {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            if names.contains(where: {
                $0.hasPrefix(".staging-")
                    && FileManager.default.fileExists(atPath: folder + "/" + $0 + "/bin/python")
            }) {
                return
            }
            usleep(100_000)
        }
    }

    @Test func cacheRootFollowsXDGThenHome() {
        #expect(
            VirtualEnvironment.cacheRoot(["XDG_CACHE_HOME": "/c", "HOME": "/h"]) == "/c/relna-pack/venvs")
        // The XDG spec ignores relative paths.
        #expect(
            VirtualEnvironment.cacheRoot(["XDG_CACHE_HOME": "rel", "HOME": "/h"])
                == "/h/.cache/relna-pack/venvs")
        #expect(VirtualEnvironment.cacheRoot(["HOME": "/h"]) == "/h/.cache/relna-pack/venvs")
    }

    @Test func attachedChildReportsItsExitStatusOrSignal() throws {
        #expect(try ChildProcess.runAttached(["/bin/sh", "-c", "exit 5"], environment: [:]) == 5)
        #expect(try ChildProcess.runAttached(["/bin/sh", "-c", "kill -TERM $$"], environment: [:]) == 143)
        // Its stdin is /dev/null, so a read ends at once instead of waiting on the terminal.
        #expect(try ChildProcess.runAttached(["/bin/sh", "-c", "read x; exit $?"], environment: [:]) == 1)
        #expect(
            try ChildProcess.runAttached(
                ["/bin/sh", "-c", "[ \"$RELNA_X\" = 1 ]"], environment: ["RELNA_X": "1"]) == 0)
        // Its own process group, so a terminal's Ctrl-C reaches only relna-pack, which passes it on once.
        let script = "[ \"$(ps -o pgid= -p $$ | tr -d ' ')\" = \"$$\" ]"
        #expect(
            try ChildProcess.runAttached(["/bin/sh", "-c", script], environment: ["PATH": "/usr/bin:/bin"])
                == 0)
        #expect(throws: ChildProcessError.self) {
            try ChildProcess.runAttached(["/nonexistent/x"], environment: [:])
        }
    }

    @Test func capturedChildOutputAndExecutableSearch() throws {
        let result = try ChildProcess.capture(["/bin/sh", "-c", "echo out; echo err >&2; exit 2"])
        #expect(result.status == 2)
        #expect(result.output.contains("out\n") && result.output.contains("err\n"))
        #expect(ExecutableSearch.find("sh", path: "/nonexistent:/bin") == "/bin/sh")
        #expect(ExecutableSearch.find("sh", path: "/nonexistent") == nil)
        #expect(ExecutableSearch.find("sh", path: nil) == nil)
    }
}
