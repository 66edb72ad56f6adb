extension StringProtocol {
    /// The text with every `target` character replaced by `replacement`: the one-character case of
    /// Foundation's `replacingOccurrences(of:with:)`, in plain Swift, which spares `build` the
    /// Foundation string bridging that made `Manifest`'s flag names a hot spot.
    public func substituting(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for character in self {
            if character == target { out += replacement } else { out.append(character) }
        }
        return out
    }
}
