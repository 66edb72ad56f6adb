/// What a leaderboard ranks by (`rank --score`). Each is computed from the per-seed
/// `eval_mean_return` values of an entry's runs; higher is better.
public enum LeaderboardScore: String, Sendable, Hashable, CaseIterable {
    /// Mean over seeds: what `rank` has always ranked by, and the default.
    case mean
    /// Interquartile mean over seeds (rliable); equal to the mean below four seeds.
    case iqm
    /// The Hugging Face Deep RL course leaderboard's score: mean minus the standard deviation of the
    /// evaluation episodes (the entry's `eval_std_return`), which rewards an agent that is reliably good.
    case meanMinusStd = "mean-std"

    /// The entry's value of this score.
    public func value(of entry: LeaderboardEntry) -> Double {
        switch self {
        case .mean: entry.evalMeanReturn
        case .iqm: entry.statistics.iqm
        case .meanMinusStd: entry.evalMeanReturn - entry.evalStdReturn
        }
    }
}
