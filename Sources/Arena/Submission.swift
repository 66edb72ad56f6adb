import RelnaCore

/// One student's entry in the submissions folder, as discovery found it.
public struct Submission: Sendable, Hashable {
    /// The file or folder name without `.py`: the student id (safe, or `problem` says why not).
    public var id: String
    /// From roster.csv, else the id.
    public var displayName: String
    /// The agent file's path (`<id>.py` or `<id>/agent.py`).
    public var path: String
    /// The agent's bytes; empty when `problem` is set.
    public var bytes: [UInt8]
    /// Why this submission cannot be checked (a per-student outcome, never a crash).
    public var problem: SubmissionProblem?
}

/// A submission the arena cannot check, with a stable code for scripts.
public struct SubmissionProblem: Error, Sendable, Hashable {
    public var code: String
    public var message: String

    /// The problem as the one diagnostic of the student's feedback.
    func diagnostic(file: String) -> Diagnostic {
        Diagnostic(severity: .error, code: code, file: file, line: 0, column: 0, message: message)
    }

    static func unsafeID(_ name: String) -> SubmissionProblem {
        SubmissionProblem(
            code: "arena-unsafe-id",
            message: "'\(name)' is not a safe student id (letters, digits, '.', '_' and '-', starting with "
                + "a letter or digit, at most 64 characters)")
    }

    static func clash(_ id: String) -> SubmissionProblem {
        SubmissionProblem(
            code: "arena-id-clash",
            message: "both \(id).py and \(id)/agent.py exist; keep one of them")
    }
}

/// What became of one student, in the order of the stages.
public enum StudentStatus: String, Sendable, Hashable, CaseIterable {
    /// Discovery refused the entry (unsafe id, clash, symlink out, unreadable, too large, no agent.py).
    case invalid
    /// `check` found errors.
    case rejected
    /// Built; runs are planned or under way.
    case accepted
    /// Built into the same package as an earlier student (by id); not ranked a second time.
    case duplicate
    /// Every run of the package failed.
    case failed
    /// Ranked on the leaderboard.
    case ranked
}
