/// "Did you mean …?": the defined name closest to a wanted one, when it is close enough to be a typo
/// (same letters ignoring case and underscores, or a small edit distance).
enum NameSuggestion {
    static func closest(to wanted: String, among candidates: [String]) -> String? {
        let key = normalized(wanted)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != wanted {
            let distance = normalized(candidate) == key ? 0 : editDistance(key, normalized(candidate))
            let allowed = max(1, min(3, wanted.count / 4))
            if distance > allowed { continue }
            if let current = best, current.distance <= distance { continue }
            best = (candidate, distance)
        }
        return best?.name
    }

    static func normalized(_ name: String) -> [Character] {
        Array(name.lowercased().filter { $0 != "_" })
    }

    /// Levenshtein distance, O(a·b) with two rows; names are short.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        if abs(a.count - b.count) > 3 || a.count > 64 || b.count > 64 { return Int.max / 2 }
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
