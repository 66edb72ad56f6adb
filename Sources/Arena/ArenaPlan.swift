import Manifest

/// One training run of the plan: a package on one seed, with the budget and evaluation every other
/// run has.
public struct PlannedRun: Sendable, Hashable {
    /// `<package digest, 16 hex>-seed<N>`: stable across invocations, so resumption finds it.
    public var id: String
    public var packageSHA256: String
    public var seed: Int
    /// The students whose package this is (the first one owns the leaderboard entry).
    public var students: [String]

    public init(packageSHA256: String, seed: Int, students: [String]) {
        self.id = "\(packageSHA256.prefix(16))-seed\(seed)"
        self.packageSHA256 = packageSHA256
        self.seed = seed
        self.students = students
    }
}

/// The runs every package gets, and the limits they share.
public enum ArenaPlan {
    /// Each package × each seed, packages in the order of their first student's id.
    public static func runs(packages: [ArenaPackage], seeds: [Int]) -> [PlannedRun] {
        packages.flatMap { package in
            seeds.map { PlannedRun(packageSHA256: package.sha256, seed: $0, students: package.students) }
        }
    }

    /// The budget of one run: the sum of the domain's `budget: true` integer hyperparameters as built
    /// (the manifest's default, or `--set`); what no agent can change.
    public static func budget(_ hyperparameters: [String: HyperValue], manifest: Manifest) -> Int {
        manifest.hyperparameters.filter(\.budget).reduce(0) { sum, spec in
            if case .int(let value)? = hyperparameters[spec.name] { return sum + value }
            return sum
        }
    }

    /// Two minutes to start, install and evaluate, plus 20 ms per budgeted step (CartPole DQN runs
    /// a few thousand steps a second on one core): 50,000 steps give 1,120 s.
    public static func defaultRunTimeout(budget: Int) -> Double {
        120 + Double(budget) * 0.02
    }
}
