import RelnaCore

/// What the arena knows of one student: their submission's outcome at each stage, the feedback's
/// source, and their place on the board once ranked.
public struct StudentRecord: Sendable {
    public var id: String
    public var displayName: String
    /// The agent file as found (`<id>.py` or `<id>/agent.py`).
    public var path: String
    /// SHA-256 of the agent's bytes (nil when it could not be read).
    public var sha256: String?
    public var status: StudentStatus
    /// What `check` printed (or the discovery problem as one diagnostic).
    public var diagnostics: [Diagnostic]
    /// The agent's text, for printing the diagnostics with their source lines.
    var source: String?
    /// The package built from the agent (content-addressed in OUT/packages/).
    public var package: String?
    /// The other students who sent an identical file, sorted.
    public var duplicates: [String] = []
    /// A one-line reason for a status that is not `ranked` or `accepted`.
    public var reason: String?
    /// Unchanged since the state of an earlier invocation (nothing was redone for it).
    public var reused = false
    /// On the leaderboard: its rank, mean evaluation return and runs.
    public var rank: Int?
    public var meanReturn: Double?
    public var runsSucceeded = 0
    public var runsFailed = 0

    init(submission: Submission, sha256: String?, status: StudentStatus, diagnostics: [Diagnostic]) {
        id = submission.id
        displayName = submission.displayName
        path = submission.path
        self.sha256 = sha256
        self.status = status
        self.diagnostics = diagnostics
        if submission.problem == nil { source = String(decoding: submission.bytes, as: UTF8.self) }
    }
}
