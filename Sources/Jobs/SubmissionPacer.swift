import Foundation

/// Paces job creation to Vertex AI's quota, 60 job submissions per minute per project and region
/// (Vertex AI quotas page), and retries a submission that hit a quota (RESOURCE_EXHAUSTED / 429)
/// with exponential backoff, a bounded number of times. One pacer serves any number of submissions
/// (`submit`, and a cohort submitting hundreds), so they share the one budget per region.
public struct SubmissionPacer: Sendable {
    public var perMinute: Int
    /// Retries after the first quota answer; gcloud has already retried 429s itself (about five
    /// times within a minute) before it reports one, so these start at seconds, not milliseconds.
    public var maxRetries: Int
    public var initialBackoff: Double
    public var maximumBackoff: Double
    public var sleep: @Sendable (Double) -> Void
    public var now: @Sendable () -> Date
    /// When each region's recent submissions were made (the last minute's).
    private var recent: [String: [Date]] = [:]

    public init(
        perMinute: Int = 60, maxRetries: Int = 5, initialBackoff: Double = 10, maximumBackoff: Double = 300,
        sleep: @escaping @Sendable (Double) -> Void = { Thread.sleep(forTimeInterval: $0) },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.perMinute = max(1, perMinute)
        self.maxRetries = max(0, maxRetries)
        self.initialBackoff = initialBackoff
        self.maximumBackoff = maximumBackoff
        self.sleep = sleep
        self.now = now
    }

    /// Runs `attempt` (one gcloud create) when the region's budget allows, retrying quota answers;
    /// `retrying` hears each wait. Other errors are thrown at once.
    public mutating func submit<Result>(
        region: String, retrying: (GCloudError, Double) -> Void = { _, _ in },
        _ attempt: () throws(GCloudError) -> Result
    ) throws(GCloudError) -> Result {
        var retries = 0
        while true {
            waitForBudget(region: region)
            recent[region, default: []].append(now())
            do {
                return try attempt()
            } catch {
                guard case .quota(let command, let message, _) = error else { throw error }
                guard retries < maxRetries else {
                    throw .quota(command: command, message: message, attempts: retries + 1)
                }
                let delay = min(maximumBackoff, initialBackoff * pow(2, Double(retries)))
                retries += 1
                retrying(error, delay)
                sleep(delay)
            }
        }
    }

    /// Sleeps until fewer than `perMinute` submissions were made in the region in the last minute.
    private mutating func waitForBudget(region: String) {
        let window = 60.0
        let current = now()
        var times = (recent[region] ?? []).filter { current.timeIntervalSince($0) < window }
        if times.count >= perMinute, let oldest = times.first {
            sleep(window - current.timeIntervalSince(oldest))
            let later = now()
            times = times.filter { later.timeIntervalSince($0) < window }
        }
        recent[region] = times
    }
}
