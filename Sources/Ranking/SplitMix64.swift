/// SplitMix64 (Steele, Lea and Flood 2014): a tiny generator whose every output is fixed by its seed on
/// every platform, so the bootstrap intervals on a leaderboard come out byte-identical on every run.
/// Swift's `SystemRandomNumberGenerator` is not seedable and Foundation's generators differ by platform.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An index in `0..<count` (count ≥ 1) as the high word of `next() × count` (Lemire's method
    /// without the rejection step: the bias is below 2⁻⁵⁰ for a handful of seeds, and leaving it out
    /// keeps the stream simple to re-implement in the Python oracle: `(x * count) >> 64`).
    public mutating func index(below count: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(count)).high)
    }
}
