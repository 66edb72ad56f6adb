import Build
import Foundation
import Jobs
import RelnaCore

/// `relna-pack arena` as a library: a folder of submissions in, OUT filled (state, packages, runs,
/// feedback, report, leaderboards), the report out. Every stage keeps going past one student's
/// failure; only what concerns everyone (flags, domain, OUT, the sandbox) stops it.
///
/// Resumable: check and build are redone in memory (deterministic, milliseconds each) but nothing
/// written is rewritten when unchanged, and no finished run is trained again; a student whose file
/// changed gets a new package and new runs, nobody else does.
public enum Arena {
    public static func run(_ configuration: ArenaConfiguration, observer: @escaping ArenaObserver = { _ in })
        throws(ArenaError) -> ArenaReport
    {
        let output = configuration.output
        do {
            try AtomicFile.ensureFolder(URL(fileURLWithPath: output))
        } catch {
            throw .io(error.description)
        }
        let lock = try ArenaLock.acquire(output: output)
        defer { withExtendedLifetime(lock) {} }
        if case .local(let options) = configuration.mode { try LocalArena.checkSandbox(options) }
        let submissions: [Submission]
        do {
            submissions = try SubmissionDiscovery.discover(configuration.submissions, excluding: output)
        } catch {
            throw .submissions(error)
        }
        observer(.discovered(students: submissions.count))
        let domain: LoadedDomain
        do {
            domain = try DomainLoader.load(configuration.domain, searchPath: configuration.searchPath)
        } catch {
            throw .build(error)
        }
        let earlier = ArenaState.load(output: output)
        if let problem = earlier.problem { observer(.note(problem)) }
        var built = try ArenaBuilder.run(submissions, configuration: configuration, domain: domain) {
            observer(.checked($0))
        }
        markReused(&built.students, earlier: earlier.state)
        let planned = ArenaPlan.runs(packages: built.packages, seeds: configuration.seeds)
        let store = StateStore(earlier.state, output: output)
        try record(built.students, planned: planned, in: store)
        let pending = planned.filter { store.run($0.id)?.status.isFinished != true }
        observer(.planned(runs: planned.count, finished: planned.count - pending.count))
        let training = ArenaTraining(
            configuration: configuration, domain: domain,
            packages: Dictionary(uniqueKeysWithValues: built.packages.map { ($0.sha256, $0) }), store: store,
            observer: observer)
        var startedNow = 0
        switch configuration.mode {
        case .planOnly:
            break
        case .local(let options):
            try LocalArena(training: training, options: options).train(pending)
            startedNow = pending.count
        case .vertex(let options):
            startedNow = try VertexArena(training: training, options: options).run(pending)
        }
        return try finish(
            configuration, students: built.students, packages: built.packages, planned: planned, store: store,
            startedNow: startedNow, env: configuration.env ?? domain.manifest.environments.defaultID,
            region: JobDefaults(manifest: domain.manifest, framework: nil, chosenImage: nil).region)
    }

    /// Stops every trainer this process started (for a caller's Ctrl-C handler): the state already
    /// holds every finished run, and the runs stopped here are trained again next time.
    public static func stopTrainers() {
        TrainerProcess.running.killAll()
    }

    /// A student whose file and package are what the earlier state recorded was not redone.
    private static func markReused(_ students: inout [StudentRecord], earlier: ArenaState) {
        for index in students.indices {
            guard let old = earlier.students[students[index].id] else { continue }
            students[index].reused =
                old.sha256 == students[index].sha256 && old.package == students[index].package
        }
    }

    /// The students and the plan into the state: new runs planned, runs an interrupted arena left
    /// running (or that failed on this machine, not on the agent) planned again, runs of packages
    /// no longer submitted dropped (their job dirs stay).
    private static func record(_ students: [StudentRecord], planned: [PlannedRun], in store: StateStore)
        throws(ArenaError)
    {
        do {
            try store.update { state in
                state.students = Dictionary(
                    uniqueKeysWithValues: students.map {
                        (
                            $0.id,
                            ArenaState.Student(
                                sha256: $0.sha256, status: $0.status.rawValue, package: $0.package)
                        )
                    })
                var runs: [String: RunState] = [:]
                for run in planned {
                    var known = state.runs[run.id] ?? RunState(run)
                    if known.status == .running || known.failedOnInfrastructure {
                        known.status = .planned
                        known.reason = nil
                    }
                    runs[run.id] = known
                }
                state.runs = runs
            }
        } catch {
            throw .io(error.description)
        }
    }
}
