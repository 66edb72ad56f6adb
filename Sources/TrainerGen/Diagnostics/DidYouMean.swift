/// "Did you mean …?" suggestions for misspelt keys and names: one edit distance, two policies for what
/// counts as close enough (manifest keys and domain names vs. Python names in a student's agent file).
public enum DidYouMean {
    /// The candidate closest to `word` by edit distance, when close enough to be a likely typo.
    public static func suggest(_ word: String, among candidates: some Sequence<String>) -> String? {
        let lowered = Array(word.lowercased().unicodeScalars)
        var best: (String, Int)?
        for candidate in candidates {
            let distance = editDistance(lowered, Array(candidate.lowercased().unicodeScalars))
            if distance < best?.1 ?? Int.max { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best else { return nil }
        let allowed = max(1, min(3, (max(lowered.count, candidate.unicodeScalars.count) + 2) / 3))
        return distance <= allowed ? candidate : nil
    }

    /// `; did you mean 'x'?` or the empty string.
    public static func phrase(_ word: String, among candidates: some Sequence<String>) -> String {
        suggest(word, among: candidates).map { "; did you mean '\($0)'?" } ?? ""
    }

    /// The defined Python name closest to a wanted one, other than itself: the same letters ignoring case
    /// and underscores, or an edit distance within a quarter of the wanted name's length (1 to 3).
    static func closestName(to wanted: String, among candidates: [String]) -> String? {
        let key = pythonNameKey(wanted)
        let allowed = max(1, min(3, wanted.count / 4))
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != wanted {
            let other = pythonNameKey(candidate)
            // Lengths apart by more than the largest allowance can never qualify; long names are skipped
            // so the quadratic distance stays cheap.
            let comparable = abs(key.count - other.count) <= 3 && key.count <= 64 && other.count <= 64
            let distance = other == key ? 0 : comparable ? editDistance(key, other) : Int.max / 2
            if distance > allowed { continue }
            if let current = best, current.distance <= distance { continue }
            best = (candidate, distance)
        }
        return best?.name
    }

    static func pythonNameKey(_ name: String) -> [Character] {
        Array(name.lowercased().filter { $0 != "_" })
    }

    /// Levenshtein distance, O(a·b) with two rows; names are short.
    static func editDistance<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
