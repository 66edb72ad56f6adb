/// An optional property that is written as `null` when absent, so a document keeps the same keys
/// whatever it holds (`scan --json`'s fixed shape). Synthesized `Codable` leaves an absent optional
/// out; marking the property says so once instead of writing the type's `encode(to:)` by hand.
@propertyWrapper
public struct NullWhenAbsent<Wrapped: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    public var wrappedValue: Wrapped?

    public init(wrappedValue: Wrapped?) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws { wrappedValue = try Wrapped?(from: decoder) }

    public func encode(to encoder: any Encoder) throws { try wrappedValue.encode(to: encoder) }
}

extension KeyedDecodingContainer {
    /// A missing key reads as nil, as it does for a plain optional.
    public func decode<T>(_: NullWhenAbsent<T>.Type, forKey key: Key) throws -> NullWhenAbsent<T> {
        NullWhenAbsent(wrappedValue: try decodeIfPresent(T.self, forKey: key))
    }
}
