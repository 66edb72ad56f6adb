import Foundation
import RelnaCore

/// `gcloud ai custom-jobs stream-logs`, stopped at the right time. gcloud decides once, when it
/// starts, whether the job has ended; for a job that was running then it streams forever. So the
/// stream runs as a child while `describe` is polled, and is stopped one polling interval after the
/// job ended (logs reach Cloud Logging with a delay), or, without `follow`, after one interval.
public enum JobLogStream {
    /// Streams the job's logs to this process's stdout (stderr with `toStandardError`, when stdout
    /// carries a JSON document); returns the last status seen.
    public static func stream(
        _ job: CloudJobReference, jobs: CloudJobs, follow: Bool, poll: Double, toStandardError: Bool = false
    ) throws(GCloudError) -> CloudJobStatus {
        guard job.kind == .customJob else {
            throw .unsupported("gcloud streams the logs of custom jobs only; \(job) is a tuning job")
        }
        var status = try jobs.describe(job)
        let interval = max(1, Int(poll.rounded(.up)))
        let process: Process
        do {
            process = try ChildProcess.start(
                [jobs.gcloud.executable] + job.command("stream-logs") + ["--polling-interval=\(interval)"],
                environment: jobs.gcloud.environment, output: toStandardError ? FileHandle.standardError : nil
            )
        } catch {
            throw .cannotRun(jobs.gcloud.executable, error.description)
        }
        defer { stop(process) }
        // A job that had ended when gcloud started: gcloud prints its logs and exits by itself.
        let endedAtStart = status.isFinal
        var rounds = 0
        while process.isRunning {
            jobs.sleep(poll)
            rounds += 1
            if endedAtStart {
                if rounds > 60 { break }  // a stuck gcloud: give up after 60 intervals
                continue
            }
            status = try jobs.describe(job)
            if status.isFinal || !follow {
                // One more interval so that the last lines reach the stream.
                jobs.sleep(poll)
                break
            }
        }
        return status
    }

    /// SIGTERM, then SIGKILL after two seconds; always reaped.
    private static func stop(_ process: Process) {
        guard process.isRunning else {
            process.waitUntilExit()
            return
        }
        process.terminate()
        let deadline = Date().addingTimeInterval(2)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}
