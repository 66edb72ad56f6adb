import Build
import Foundation
import Jobs
import Ranking

/// Everything `relna-pack arena` is asked to do, flags parsed: the one input of `Arena.run`. A
/// service fills it in as the CLI does and gets the same OUT folder.
public struct ArenaConfiguration: Sendable {
    /// The submissions folder.
    public var submissions: String
    public var domain: String
    public var searchPath: TemplateSearchPath
    public var env: String?
    /// The same seeds for every package.
    public var seeds: [Int]
    /// `KEY=VALUE` overrides built into every package: with the domain's defaults, the only source of
    /// the budget.
    public var settings: [String]
    /// OUT: state, packages, runs, feedback, report and leaderboards.
    public var output: String
    public var mode: ArenaMode
    /// Seconds a run may take before it is killed and recorded as failed; nil: derived from the
    /// budget (`ArenaPlan.defaultRunTimeout`).
    public var runTimeout: Double?
    /// `SOURCE_DATE_EPOCH`, as `build` takes it.
    public var sourceDateEpoch: String?
    /// What the board ranks by (`rank --score`).
    public var score: LeaderboardScore

    public init(
        submissions: String, domain: String,
        searchPath: TemplateSearchPath = TemplateSearchPath(roots: [.builtIn]),
        env: String? = nil, seeds: [Int] = [0, 1, 2], settings: [String] = [], output: String,
        mode: ArenaMode = .planOnly, runTimeout: Double? = nil, sourceDateEpoch: String? = nil,
        score: LeaderboardScore = .mean
    ) {
        self.score = score
        self.submissions = submissions
        self.domain = domain
        self.searchPath = searchPath
        self.env = env
        self.seeds = seeds
        self.settings = settings
        self.output = output
        self.mode = mode
        self.runTimeout = runTimeout
        self.sourceDateEpoch = sourceDateEpoch
    }
}

/// Where the planned runs train.
public enum ArenaMode: Sendable {
    /// Check, build and plan; train nothing (`--no-train`).
    case planOnly
    /// A bounded pool of local trainers.
    case local(LocalOptions)
    /// One Vertex AI custom job per run.
    case vertex(VertexOptions)

    public struct LocalOptions: Sendable, Hashable {
        /// Runs at once.
        public var jobs: Int
        /// Run without the sandbox (`--trust`): only for code the instructor trusts.
        public var trust: Bool

        public init(jobs: Int = ProcessInfo.processInfo.activeProcessorCount, trust: Bool = false) {
            self.jobs = max(1, jobs)
            self.trust = trust
        }
    }

    public struct VertexOptions: Sendable {
        public var project: String
        public var bucket: StorageBucket
        public var region: String?
        /// Print every command and job document; run nothing.
        public var dryRun: Bool
        /// The gcloud to use (nil: found on PATH when not a dry run).
        public var gcloud: GCloud?
        /// Paces job creation for the region's quota.
        public var pacer: SubmissionPacer
        /// Seconds between status polls while waiting.
        public var pollInterval: Double

        public init(
            project: String, bucket: StorageBucket, region: String? = nil, dryRun: Bool = false,
            gcloud: GCloud? = nil, pacer: SubmissionPacer = SubmissionPacer(), pollInterval: Double = 30
        ) {
            self.project = project
            self.bucket = bucket
            self.region = region
            self.dryRun = dryRun
            self.gcloud = gcloud
            self.pacer = pacer
            self.pollInterval = pollInterval
        }
    }

    var name: String {
        switch self {
        case .planOnly: "plan"
        case .local: "local"
        case .vertex: "vertex"
        }
    }
}
