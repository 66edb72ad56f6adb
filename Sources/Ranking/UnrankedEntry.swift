/// A submission that is on the leaderboard without a score: it failed, was rejected, or duplicates
/// another entry. It is listed after the ranked entries of its (domain, env) group, never dropped, so
/// everyone who submitted finds their line. The arena passes these in beside the runs.
public struct UnrankedEntry: Sendable, Hashable {
    public enum Status: Sendable, Hashable {
        /// Accepted, but its runs did not produce a score (crashed, timed out, disqualified).
        case failed
        /// Refused before running (did not pass the checks, could not be built).
        case rejected
        /// The same agent as the entry named (its display name): ranked once, under that name.
        case duplicate(of: String)

        /// The JSON / CSV spelling: `failed`, `rejected`, `duplicate`.
        public var name: String {
            switch self {
            case .failed: "failed"
            case .rejected: "rejected"
            case .duplicate: "duplicate"
            }
        }

        /// Listing order of the statuses: failed, rejected, duplicate.
        var order: Int {
            switch self {
            case .failed: 0
            case .rejected: 1
            case .duplicate: 2
            }
        }

        /// The entry this one duplicates, for `.duplicate`.
        public var duplicateOf: String? {
            if case .duplicate(let name) = self { return name }
            return nil
        }
    }

    /// The name shown (a student's display name or id).
    public var name: String
    public var domain: String
    public var env: String
    public var status: Status
    /// Why, in one line: shown beside the name.
    public var reason: String
    /// The agent file's SHA-256 when known (a rejected file that could be read, a failed package).
    public var agentSHA256: String?

    public init(
        name: String, domain: String, env: String, status: Status, reason: String, agentSHA256: String? = nil
    ) {
        self.name = name
        self.domain = domain
        self.env = env
        self.status = status
        self.reason = reason
        self.agentSHA256 = agentSHA256
    }

    /// Unranked entries are listed by status (failed, rejected, duplicate), then name, then reason
    /// (byte order), then the duplicated name: a total order, whatever order they were passed in.
    static func listsBefore(_ lhs: UnrankedEntry, _ rhs: UnrankedEntry) -> Bool {
        if lhs.status.order != rhs.status.order { return lhs.status.order < rhs.status.order }
        if lhs.name != rhs.name { return lessByBytes(lhs.name, rhs.name) }
        if lhs.reason != rhs.reason { return lessByBytes(lhs.reason, rhs.reason) }
        if lhs.agentSHA256 != rhs.agentSHA256 {
            return lessByBytes(lhs.agentSHA256 ?? "", rhs.agentSHA256 ?? "")
        }
        return lessByBytes(lhs.status.duplicateOf ?? "", rhs.status.duplicateOf ?? "")
    }
}
