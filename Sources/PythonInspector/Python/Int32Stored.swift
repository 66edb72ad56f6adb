/// A token's position, stored as a 32-bit number: a token stream has about one token per five bytes
/// of source, so its size dominates the scanner's memory traffic (the tokenizer refuses inputs of
/// 2 GiB or more).
@propertyWrapper
public struct Int32Stored: Sendable, Hashable {
    private var stored: Int32

    public init(wrappedValue: Int) { stored = Int32(truncatingIfNeeded: wrappedValue) }

    public var wrappedValue: Int {
        get { Int(stored) }
        set { stored = Int32(truncatingIfNeeded: newValue) }
    }
}
