import Foundation
import RelnaCore

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

/// One trainer started with its output in a log file, and stopped when it passes its timeout:
/// SIGINT first (the referee then kills its worker and exits), SIGKILL after a grace period.
enum TrainerProcess {
    struct Result: Sendable {
        /// The exit status (128 + N for signal N), nil when it could not start.
        var status: Int32?
        var timedOut: Bool
        var startFailure: String?
    }

    static let grace = 5.0

    /// The trainers running now, so that an arena being stopped (Ctrl-C) can stop them too instead
    /// of leaving them to write into job dirs the next arena will reuse.
    static let running = RunningTrainers()

    static func run(_ command: [String], environment: [String: String], log: String, timeout: Double)
        -> Result
    {
        guard FileManager.default.createFile(atPath: log, contents: nil),
            let handle = FileHandle(forWritingAtPath: log)
        else { return Result(status: nil, timedOut: false, startFailure: "cannot create \(log)") }
        defer { try? handle.close() }
        let process: Process
        do {
            process = try ChildProcess.start(
                command, environment: environment, output: handle, errors: handle)
        } catch {
            return Result(status: nil, timedOut: false, startFailure: error.description)
        }
        running.add(process.processIdentifier)
        defer { running.remove(process.processIdentifier) }
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() >= deadline {
                timedOut = true
                stop(process)
                break
            }
            usleep(100_000)
        }
        process.waitUntilExit()
        let status =
            process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
        return Result(status: status, timedOut: timedOut, startFailure: nil)
    }

    /// SIGINT, then SIGKILL after the grace period; then SIGKILL to whatever the trainer had started
    /// and left running (a referee killed before it could kill its worker).
    private static func stop(_ process: Process) {
        let pid = process.processIdentifier
        var below = Set(ProcessTree.descendants(of: pid))
        kill(pid, SIGINT)
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning, Date() < deadline { usleep(100_000) }
        if process.isRunning {
            below.formUnion(ProcessTree.descendants(of: pid))
            kill(pid, SIGKILL)
        }
        process.waitUntilExit()
        for stray in below where ProcessTree.isAlive(stray) { kill(stray, SIGKILL) }
    }
}

/// The process ids of the trainers started and not yet ended.
final class RunningTrainers: @unchecked Sendable {
    private var pids: Set<Int32> = []
    private let lock = NSLock()

    func add(_ pid: Int32) {
        lock.lock()
        pids.insert(pid)
        lock.unlock()
    }

    func remove(_ pid: Int32) {
        lock.lock()
        pids.remove(pid)
        lock.unlock()
    }

    /// SIGKILL to every running trainer and everything below it (a sandboxed worker would die with
    /// it anyway, bubblewrap's `--die-with-parent`; an unsandboxed one has a session of its own).
    func killAll() {
        lock.lock()
        defer { lock.unlock() }
        for pid in pids {
            let below = ProcessTree.descendants(of: pid)
            kill(pid, SIGKILL)
            for stray in below { kill(stray, SIGKILL) }
        }
    }
}

/// A finished run's outcome in one line: nil for success, else the referee's `failure.json` reason
/// and message, the timeout, or the exit status with the log's last line.
enum RunOutcome {
    static func reason(_ result: TrainerProcess.Result, jobDirectory: String, log: String, timeout: Double)
        -> String?
    {
        if let failure = result.startFailure { return "could not start the trainer: \(failure)" }
        if result.timedOut {
            return "timeout: still running after \(Int(timeout.rounded())) s (--run-timeout); killed"
        }
        let files = FileManager.default
        if result.status == 0, files.fileExists(atPath: jobDirectory + "/metrics.json") { return nil }
        if let refereed = failureJSON(jobDirectory + "/failure.json") { return refereed }
        let status = result.status.map { "the trainer exited with status \($0)" } ?? "the trainer did not run"
        return status + (lastLine(log).map { ": \($0)" } ?? "")
    }

    static func failureJSON(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path),
            let document = try? LocatedJSON.parse([UInt8](data))
        else { return nil }
        let reason = document["reason"]?.string ?? "failed"
        let message = document["message"]?.string
        return message.map { "\(reason): \($0)" } ?? reason
    }

    static func lastLine(_ path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        try? handle.seek(toOffset: size > 4096 ? size - 4096 : 0)
        let text = String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).last.map(String.init)
        return line.map { String($0.prefix(300)) }
    }
}
