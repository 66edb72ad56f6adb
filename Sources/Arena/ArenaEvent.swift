/// What the arena reports while it works, for a progress display (the CLI's on stderr) or a
/// service's log. Delivered from any thread.
public enum ArenaEvent: Sendable {
    case discovered(students: Int)
    /// A student's check and build are done (any status).
    case checked(StudentRecord)
    /// The plan: how many runs, how many already finished in an earlier invocation.
    case planned(runs: Int, finished: Int)
    case runStarted(id: String)
    case runFinished(RunState)
    /// A line worth showing (a Vertex command, a venv being made, a dry run's documents).
    case note(String)
    /// `--dry-run`: a command or job document that would have run (the output of a dry run).
    case dryRun(String)
}

public typealias ArenaObserver = @Sendable (ArenaEvent) -> Void
