/// "Did you mean …?" for misspelt names: one distance and one rule for what counts as close enough,
/// used alike for template names, manifest keys, domain names and Python names in a student's file.
public enum DidYouMean {
    /// Names longer than this are only matched when equal but for case and underscores, so that the
    /// quadratic distance stays cheap.
    static let longestCompared = 64

    /// The candidate closest to `word`, other than `word` itself, when close enough to be a likely typo.
    /// Ties go to the alphabetically first candidate, so the answer does not depend on their order.
    public static func suggest(_ word: String, among candidates: some Sequence<String>) -> String? {
        let key = comparisonKey(word)
        guard !key.isEmpty else { return nil }
        let allowed = allowedDistance(forLength: key.count)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != word {
            guard let distance = closeness(key, comparisonKey(candidate), allowed: allowed) else { continue }
            if let current = best,
                distance > current.distance || (distance == current.distance && candidate >= current.name)
            {
                continue
            }
            best = (candidate, distance)
        }
        return best?.name
    }

    /// `; did you mean 'x'?` or the empty string.
    public static func phrase(_ word: String, among candidates: some Sequence<String>) -> String {
        suggest(word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// The rule: a third of the word's length, at least 1 and at most 3 edits.
    static func allowedDistance(forLength length: Int) -> Int { max(1, min(3, length / 3)) }

    /// How far `candidate` is from `word` when it counts as close enough, else nil. Names equal but for
    /// case and underscores are distance 0, and an abbreviation of the candidate ("hyperparams" for
    /// "hyperparameters") is as good a guess as a typo at the allowed distance.
    static func closeness(_ word: [Unicode.Scalar], _ candidate: [Unicode.Scalar], allowed: Int) -> Int? {
        if word == candidate { return 0 }
        let shorter = min(word.count, candidate.count)
        let common = zip(word, candidate).prefix { $0 == $1 }.count
        if common >= 4 && common >= shorter - 1 { return allowed }
        guard abs(word.count - candidate.count) <= allowed,
            max(word.count, candidate.count) <= longestCompared
        else { return nil }
        let distance = EditDistance.optimalStringAlignment(word, candidate)
        return distance <= allowed ? distance : nil
    }

    /// Lowercased, underscores dropped: `build_q_network` and `BuildQNetwork` are the same name to a reader.
    static func comparisonKey(_ name: String) -> [Unicode.Scalar] {
        Array(name.lowercased().unicodeScalars.filter { $0 != "_" })
    }
}
