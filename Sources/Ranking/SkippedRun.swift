import RelnaCore

/// Why a job dir was left out of the leaderboard: a located warning (`path:line:column: warning: …`).
/// Skipping one run never stops the others from being ranked.
public struct SkippedRun: Error, Sendable, Hashable {
    public var diagnostic: Diagnostic

    public init(diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }

    /// A warning about `path`; `line` and `column` are 0 when it is about the file or folder as a whole.
    init(path: String, line: Int = 0, column: Int = 0, code: String, message: String) {
        diagnostic = Diagnostic(
            severity: .warning, code: code, file: path, line: line, column: column,
            message: message + "; run skipped")
    }
}
