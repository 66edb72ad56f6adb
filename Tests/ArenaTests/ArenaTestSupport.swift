import Arena
import Foundation
import LocalRun
import TestSupport

/// The Fixtures/arena cohort copied into a scratch folder, with what git cannot hold added: a
/// symlink leading out of the folder, an id given twice and a huge file.
enum Cohort {
    static let fixture = TestEnvironment.repositoryRoot.appendingPathComponent("Fixtures/arena/cohort")
    /// Tiny budgets: a run takes seconds.
    static let settings = ["total_steps=600", "learning_starts=50", "check_interval=300"]

    static func copy(_ label: String) throws -> (submissions: String, output: String) {
        let scratch = try TestEnvironment.scratchFolder("arena-\(label)")
        let submissions = scratch.appendingPathComponent("submissions")
        try FileManager.default.copyItem(at: fixture, to: submissions)
        try FileManager.default.removeItem(at: submissions.appendingPathComponent("README.md"))
        let outside = scratch.appendingPathComponent("outside.py")
        try Data("x = 1\n".utf8).write(to: outside)
        try FileManager.default.createSymbolicLink(
            atPath: submissions.appendingPathComponent("oscar.py").path, withDestinationPath: outside.path)
        try FileManager.default.createDirectory(
            at: submissions.appendingPathComponent("peggy"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: submissions.appendingPathComponent("carol.py"),
            to: submissions.appendingPathComponent("peggy/agent.py"))
        try FileManager.default.copyItem(
            at: submissions.appendingPathComponent("bob.py"),
            to: submissions.appendingPathComponent("peggy.py"))
        // Larger than anything check would read: refused before it is read.
        try Data(repeating: UInt8(ascii: "#"), count: 2 << 20).write(
            to: submissions.appendingPathComponent("zed.py"))
        return (submissions.path, scratch.appendingPathComponent("out").path)
    }

    static func configuration(
        _ paths: (submissions: String, output: String), mode: ArenaMode, seeds: [Int] = [0]
    ) -> ArenaConfiguration {
        ArenaConfiguration(
            submissions: paths.submissions, domain: "dqn", seeds: seeds, settings: settings,
            output: paths.output,
            mode: mode, sourceDateEpoch: "0")
    }

    /// Local runs under the sandbox when this machine has one, else trusted (the fixtures are ours).
    static var localOptions: ArenaMode.LocalOptions {
        let sandboxed = SandboxCheck.problem(environment: ProcessInfo.processInfo.environment) == nil
        return ArenaMode.LocalOptions(jobs: 2, trust: !sandboxed)
    }

    /// Runs see the repository's venv (gymnasium, numpy) through RELNA_PYTHON, as `run`'s tests do.
    static func preparePython() {
        if ProcessInfo.processInfo.environment["RELNA_PYTHON"] == nil {
            setenv("RELNA_PYTHON", TestEnvironment.python, 1)
        }
    }

    static func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    static func text(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }
}

/// Collects events from the arena's threads.
final class EventLog: @unchecked Sendable {
    private var events: [ArenaEvent] = []
    private let lock = NSLock()

    var observer: ArenaObserver {
        { [self] event in
            lock.lock()
            events.append(event)
            lock.unlock()
        }
    }

    var startedRuns: [String] {
        lock.lock()
        defer { lock.unlock() }
        return events.compactMap { if case .runStarted(let id) = $0 { id } else { nil } }
    }
}
