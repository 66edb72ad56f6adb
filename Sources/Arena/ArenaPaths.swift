/// Where the arena puts things under OUT (docs/arena.md lists them).
public enum ArenaPaths {
    /// A run's job dir: what the trainer writes, what `rank` reads.
    public static func jobDirectory(output: String, run: String) -> String { "\(output)/runs/\(run)" }
    /// A run's trainer output (kept out of the job dir, which holds only the trainer's files).
    public static func log(output: String, run: String) -> String { "\(output)/logs/\(run).log" }
    public static func feedback(output: String, student: String) -> String {
        "\(output)/feedback/\(student).txt"
    }
    public static func report(output: String) -> String { "\(output)/report.json" }
    public static func pipeline(output: String) -> String { "\(output)/pipeline.py" }
    public static func leaderboard(output: String, extension suffix: String) -> String {
        "\(output)/leaderboard.\(suffix)"
    }
}
