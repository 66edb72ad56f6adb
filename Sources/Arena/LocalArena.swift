import Build
import Foundation
import LocalRun
import RelnaCore

/// `--local`: a bounded pool of trainers, each run refereed (always) and sandboxed (unless
/// `--trust`), killed when it passes its timeout; every end is a recorded per-run outcome.
struct LocalArena {
    var training: ArenaTraining
    var options: ArenaMode.LocalOptions

    /// Refuses to start without the sandbox unless `--trust`, naming the fix.
    static func checkSandbox(_ options: ArenaMode.LocalOptions) throws(ArenaError) {
        guard !options.trust,
            let problem = SandboxCheck.problem(environment: ProcessInfo.processInfo.environment)
        else { return }
        throw .sandboxUnavailable(
            "arena --local runs other people's code under the sandbox: "
                + problem
                .replacingOccurrences(of: "run without --sandbox", with: "pass --trust to run without it"))
    }

    func train(_ runs: [PlannedRun]) throws(ArenaError) {
        guard !runs.isEmpty else { return }
        let environment = ProcessInfo.processInfo.environment
        let base: VirtualEnvironment.BaseInterpreter
        do {
            base = try .fromEnvironment(environment)
        } catch {
            throw .unavailable(error.description)
        }
        let installer = PackageInstaller(
            base: base, cacheRoot: VirtualEnvironment.cacheRoot(environment), observer: training.observer)
        defer { installer.removeAll() }
        let queue = RunQueue(runs)
        let group = DispatchGroup()
        let failure = Slots<OutputError>(count: 1)
        for _ in 0..<min(options.jobs, runs.count) {
            group.enter()
            let worker = Thread {
                defer { group.leave() }
                while let run = queue.next() {
                    do throws(OutputError) {
                        try trainOne(run, installer: installer)
                    } catch {
                        failure.set(0, error)
                        queue.stop()
                    }
                }
            }
            worker.stackSize = 1 << 20
            worker.start()
        }
        group.wait()
        if let error = failure.values.first ?? nil { throw .io(error.description) }
    }

    private func trainOne(_ run: PlannedRun, installer: PackageInstaller) throws(OutputError) {
        var state = training.store.run(run.id) ?? RunState(run)
        guard let package = training.packages[run.packageSHA256] else { return }
        state.status = .running
        try training.store.setRun(state)
        training.observer(.runStarted(id: run.id))
        let started = Date()
        let reason = execute(run, package: package, installer: installer)
        state.status = reason == nil ? .succeeded : .failed
        state.reason = reason
        state.seconds = (Date().timeIntervalSince(started) * 10).rounded() / 10
        try training.store.setRun(state)
        training.observer(.runFinished(state))
    }

    /// Nil when the run succeeded, else why it failed.
    private func execute(_ run: PlannedRun, package: ArenaPackage, installer: PackageInstaller) -> String? {
        let installed = installer.installation(for: package) { () throws(BuildFailure) in
            try training.product(package)
        }
        let installation: LocalInstallation
        let env: String
        switch installed {
        case .success(let value): (installation, env) = value
        case .failure(let problem): return "could not install the package: \(problem.message)"
        }
        let jobDirectory = training.jobDirectory(run)
        let logPath = ArenaPaths.log(output: training.configuration.output, run: run.id)
        let files = FileManager.default
        try? files.removeItem(atPath: jobDirectory)
        do {
            try files.createDirectory(atPath: jobDirectory, withIntermediateDirectories: true)
            try files.createDirectory(
                atPath: (logPath as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        } catch {
            return "could not create \(jobDirectory): \(error.localizedDescription)"
        }
        let command = LocalTraining.trainerCommand(
            python: installation.environment.python, envId: env, jobDirectory: jobDirectory, seed: run.seed,
            sandbox: !options.trust, settings: [], extraArgs: [])
        let timeout = training.runTimeout(package)
        let result = TrainerProcess.run(
            command, environment: installation.processEnvironment(ProcessInfo.processInfo.environment),
            log: logPath, timeout: timeout)
        return RunOutcome.reason(result, jobDirectory: jobDirectory, log: logPath, timeout: timeout)
    }
}

/// The planned runs handed out one at a time to the pool's threads.
final class RunQueue: @unchecked Sendable {
    private var pending: [PlannedRun]
    private var index = 0
    private let lock = NSLock()

    init(_ runs: [PlannedRun]) {
        pending = runs
    }

    func next() -> PlannedRun? {
        lock.lock()
        defer { lock.unlock() }
        guard index < pending.count else { return nil }
        index += 1
        return pending[index - 1]
    }

    func stop() {
        lock.lock()
        index = pending.count
        lock.unlock()
    }
}
