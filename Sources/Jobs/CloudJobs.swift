import Foundation

/// The life cycle of submitted Vertex AI jobs: status, wait, cancel (logs: `JobLogStream`; results:
/// `BucketResults`), each through gcloud with `--format=json` parsed by the project's JSON reader.
public struct CloudJobs: Sendable {
    public var gcloud: GCloud
    /// Injected so that tests need not wait for real seconds.
    public var sleep: @Sendable (Double) -> Void
    public var now: @Sendable () -> Date

    public init(
        gcloud: GCloud, sleep: @escaping @Sendable (Double) -> Void = { Thread.sleep(forTimeInterval: $0) },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.gcloud = gcloud
        self.sleep = sleep
        self.now = now
    }

    public func describe(_ job: CloudJobReference) throws(GCloudError) -> CloudJobStatus {
        let command = job.command("describe")
        return try CloudJobStatus(gcloud.json(command), command: command)
    }

    /// Asks Vertex to cancel; the job then goes through CANCELLING to CANCELLED.
    public func cancel(_ job: CloudJobReference) throws(GCloudError) {
        guard job.kind == .customJob else {
            throw .unsupported("gcloud cannot cancel a tuning job; cancel \(job) in the Cloud console")
        }
        try gcloud.run(job.command("cancel"))
    }

    public enum WaitOutcome: Sendable, Hashable {
        case finished(CloudJobStatus)
        case timedOut(CloudJobStatus)
    }

    /// Polls `describe` every `poll` seconds until the job ends or `timeout` seconds have passed
    /// (nil: no limit); `changed` hears each new state.
    public func wait(
        _ job: CloudJobReference, timeout: Double?, poll: Double, changed: (CloudJobStatus) -> Void = { _ in }
    ) throws(GCloudError) -> WaitOutcome {
        let start = now()
        var last: String?
        while true {
            let status = try describe(job)
            if status.state != last { changed(status) }
            last = status.state
            if status.isFinal { return .finished(status) }
            let elapsed = now().timeIntervalSince(start)
            if let timeout, elapsed + poll > timeout {
                // Sleep out the remainder once, then look a last time.
                if elapsed < timeout { sleep(timeout - elapsed) }
                let final = try describe(job)
                return final.isFinal ? .finished(final) : .timedOut(final)
            }
            sleep(poll)
        }
    }
}
