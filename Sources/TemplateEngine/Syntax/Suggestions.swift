/// "Did you mean …?" candidates by edit distance.
enum Suggestions {
    /// The candidate closest to `word`, when it is close enough to be a plausible typo.
    static func closest<S: Sequence>(to word: String, in candidates: S) -> String? where S.Element == String {
        let target = Array(word.lowercased().unicodeScalars)
        guard !target.isEmpty else { return nil }
        var best: (name: String, distance: Int)? = nil
        let limit = max(1, min(3, target.count / 3))
        for candidate in candidates where candidate != word {
            let other = Array(candidate.lowercased().unicodeScalars)
            // An abbreviation of the right name ("hyperparams") is as good a guess as a typo.
            let shorter = min(other.count, target.count)
            let common = zip(other, target).prefix { $0 == $1 }.count
            let isAbbreviation = common >= 4 && common >= shorter - 1
            guard isAbbreviation || abs(other.count - target.count) <= limit else { continue }
            let distance = isAbbreviation ? limit : editDistance(target, other)
            guard distance <= limit else { continue }
            if let current = best,
                distance > current.distance || (distance == current.distance && candidate >= current.name)
            {
                continue
            }
            best = (candidate, distance)
        }
        return best?.name
    }

    /// Damerau–Levenshtein (optimal string alignment): a swap of neighbours counts once.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }
}
