/// "Did you mean …?" for a misspelled name: the closest candidate within a small edit distance.
enum NameSuggestion {
    /// The candidate nearest to `name` (Levenshtein over Unicode scalars), if it is close enough to be
    /// a plausible typo: at most a third of the name's length (two edits at least, so that a swapped
    /// pair of letters is found), and fewer edits than the name has letters.
    static func closest(to name: String, among candidates: some Sequence<String>) -> String? {
        let length = name.unicodeScalars.count
        let limit = min(max(2, length / 3), length - 1)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = editDistance(name, candidate)
            if distance <= limit, distance < (best?.distance ?? Int.max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    static func editDistance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs.unicodeScalars)
        let b = Array(rhs.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
