import Build

/// What both ways of training the plan (`LocalArena`, `VertexArena`) work from: the arena's flags,
/// the domain its packages are rebuilt with, the packages by digest, the state and the observer.
struct ArenaTraining {
    var configuration: ArenaConfiguration
    var domain: LoadedDomain
    var packages: [String: ArenaPackage]
    var store: StateStore
    var observer: ArenaObserver

    /// The package built again (only its digest and agent are kept in memory).
    func product(_ package: ArenaPackage) throws(BuildFailure) -> BuildProduct {
        try package.product(configuration, domain: domain)
    }

    /// Seconds a run of `package` may take: `--run-timeout`, else what its budget allows.
    func runTimeout(_ package: ArenaPackage) -> Double {
        configuration.runTimeout ?? ArenaPlan.defaultRunTimeout(budget: package.budget)
    }

    /// OUT/runs/<run>/.
    func jobDirectory(_ run: PlannedRun) -> String {
        ArenaPaths.jobDirectory(output: configuration.output, run: run.id)
    }
}
