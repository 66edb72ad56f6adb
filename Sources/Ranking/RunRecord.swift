/// One finished training run: what a trainer wrote into its job dir (`metrics.json` and
/// `progress.csv`), reduced to what the leaderboard compares.
public struct RunRecord: Sendable, Hashable {
    /// The job dir as the user's arguments name it (e.g. `runs/dqn-s0`), used in warnings and output.
    public var jobDirectory: String
    public var domain: String
    public var env: String
    public var seed: Int
    public var evalMeanReturn: Double
    public var evalStdReturn: Double
    public var evalEpisodes: Int
    public var trainEpisodes: Int
    public var trainSteps: Int
    public var wallTimeSeconds: Double
    /// The name shown for the agent: the package's `--label` (or an older package's agent file name),
    /// else the name of the job that ran it; and the agent's SHA-256 from provenance.
    public var agentFilename: String
    public var agentSHA256: String
    /// SHA-256 of the provenance object in canonical form: it identifies the package (agent, template
    /// version, hyperparameters, framework …) independently of the seed it was run with.
    public var packageDigest: String
    /// The run's effective hyperparameters as the trainer recorded them (name → canonical JSON value).
    public var hyperparameters: [String: String]
    /// SHA-256 of the provenance together with the hyperparameters: runs that share it differ only in
    /// their seed and are aggregated into one leaderboard entry.
    public var configurationDigest: String
    /// One point per training episode, in file order.
    public var progress: [ProgressPoint]

    public init(
        jobDirectory: String, domain: String, env: String, seed: Int, evalMeanReturn: Double,
        evalStdReturn: Double, evalEpisodes: Int, trainEpisodes: Int, trainSteps: Int,
        wallTimeSeconds: Double, agentFilename: String, agentSHA256: String, packageDigest: String,
        hyperparameters: [String: String] = [:], configurationDigest: String? = nil, progress: [ProgressPoint]
    ) {
        self.jobDirectory = jobDirectory
        self.domain = domain
        self.env = env
        self.seed = seed
        self.evalMeanReturn = evalMeanReturn
        self.evalStdReturn = evalStdReturn
        self.evalEpisodes = evalEpisodes
        self.trainEpisodes = trainEpisodes
        self.trainSteps = trainSteps
        self.wallTimeSeconds = wallTimeSeconds
        self.agentFilename = agentFilename
        self.agentSHA256 = agentSHA256
        self.packageDigest = packageDigest
        self.hyperparameters = hyperparameters
        self.configurationDigest = configurationDigest ?? packageDigest
        self.progress = progress
    }
}

/// One row of `progress.csv`: a training episode's cumulative environment steps and its return.
public struct ProgressPoint: Sendable, Hashable {
    public var episode: Int
    /// Environment steps taken so far, this episode included.
    public var steps: Double
    public var episodeReturn: Double
    public var wallTimeSeconds: Double?

    public init(episode: Int, steps: Double, episodeReturn: Double, wallTimeSeconds: Double? = nil) {
        self.episode = episode
        self.steps = steps
        self.episodeReturn = episodeReturn
        self.wallTimeSeconds = wallTimeSeconds
    }
}
