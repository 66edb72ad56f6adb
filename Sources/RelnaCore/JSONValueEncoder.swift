/// Turns an `Encodable` value into a `JSONValue`, so types that describe themselves with `Codable` are
/// written by the one JSON writer (`JSONValue.text`) like every other document. Object keys are
/// sorted by their UTF-8 bytes, so the same value always gives the same bytes; nil optionals are
/// left out, as `JSONEncoder` does.
public enum JSONValueEncoder {
    public static func encode(_ value: some Encodable) throws -> JSONValue {
        let root = Slot()
        try value.encode(to: SlotEncoder(slot: root, codingPath: []))
        return root.json
    }

    /// The JSON text of a value whose encoding cannot fail (plain value types); an empty object keeps
    /// the output valid JSON if it did.
    public static func text(_ value: some Encodable, indent: Int? = nil) -> String {
        ((try? encode(value)) ?? .object([])).text(indent: indent)
    }
}

/// Where one encoded value is collected until it is read back as a `JSONValue`.
private final class Slot {
    enum Content {
        case empty
        case value(JSONValue)
        case array([Slot])
        case object([String: Slot])
    }

    var content = Content.empty

    var json: JSONValue {
        switch content {
        case .empty: return .object([])
        case .value(let value): return value
        case .array(let items): return .array(items.map(\.json))
        case .object(let members):
            let keys = members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            return .object(keys.compactMap { key in members[key].map { (key, $0.json) } })
        }
    }

    func member(_ key: String) -> Slot {
        var members: [String: Slot] = [:]
        if case .object(let existing) = content { members = existing }
        let slot = members[key] ?? Slot()
        members[key] = slot
        content = .object(members)
        return slot
    }

    func appended() -> Slot {
        var items: [Slot] = []
        if case .array(let existing) = content { items = existing }
        let slot = Slot()
        items.append(slot)
        content = .array(items)
        return slot
    }

    var count: Int {
        if case .array(let items) = content { return items.count }
        return 0
    }
}

private struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { String(intValue ?? 0) }
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct SlotEncoder: Encoder {
    let slot: Slot
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .empty = slot.content { slot.content = .object([:]) }
        return KeyedEncodingContainer(KeyedSlot<Key>(slot: slot, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .empty = slot.content { slot.content = .array([]) }
        return UnkeyedSlot(slot: slot, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleSlot(slot: slot, codingPath: codingPath)
    }
}

/// Scalars go straight in; anything else encodes itself into the slot.
private func store(_ value: some Encodable, in slot: Slot, codingPath: [any CodingKey]) throws {
    switch value {
    case let text as String: slot.content = .value(.string(text))
    case let flag as Bool: slot.content = .value(.bool(flag))
    case let number as Int: slot.content = .value(.int(number))
    case let number as Double: slot.content = .value(.double(number))
    // Every other standard number encodes itself as a single value of its own type, which would come
    // back here: it is stored directly instead.
    case let number as any BinaryInteger:
        slot.content = .value(Int(exactly: number).map { .int($0) } ?? .double(Double(number)))
    case let number as Float: slot.content = .value(.double(Double(number)))
    default: try value.encode(to: SlotEncoder(slot: slot, codingPath: codingPath))
    }
}

private struct KeyedSlot<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let slot: Slot
    var codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { slot.member(key.stringValue).content = .value(.null) }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        try store(value, in: slot.member(key.stringValue), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        SlotEncoder(slot: slot.member(key.stringValue), codingPath: codingPath + [key]).container(
            keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        SlotEncoder(slot: slot.member(key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        SlotEncoder(slot: slot.member("super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        SlotEncoder(slot: slot.member(key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedSlot: UnkeyedEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey]
    var count: Int { slot.count }

    mutating func encodeNil() throws { slot.appended().content = .value(.null) }

    mutating func encode(_ value: some Encodable) throws {
        let key = IndexKey(count)
        try store(value, in: slot.appended(), codingPath: codingPath + [key])
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type
    ) -> KeyedEncodingContainer<NestedKey> {
        SlotEncoder(slot: slot.appended(), codingPath: codingPath).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        SlotEncoder(slot: slot.appended(), codingPath: codingPath).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { SlotEncoder(slot: slot.appended(), codingPath: codingPath) }
}

private struct SingleSlot: SingleValueEncodingContainer {
    let slot: Slot
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.content = .value(.null) }

    mutating func encode(_ value: some Encodable) throws {
        try store(value, in: slot, codingPath: codingPath)
    }
}
