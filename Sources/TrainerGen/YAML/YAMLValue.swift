/// A plain YAML document tree: what job requests are made of.
///
/// Mappings keep their order so that the emitted file reads in the order the APIs document their
/// fields, and so that identical inputs give identical bytes.
public indirect enum YAMLValue: Sendable, Hashable {
    case string(String)
    case int(Int)
    case double(Double)
    case bool(Bool)
    case null
    case sequence([YAMLValue])
    case mapping([YAMLEntry])

    /// The value under `key` when this is a mapping.
    public subscript(key: String) -> YAMLValue? {
        guard case .mapping(let entries) = self else { return nil }
        return entries.first { $0.key == key }?.value
    }

    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    public var sequenceValue: [YAMLValue]? {
        if case .sequence(let items) = self { return items }
        return nil
    }

    /// A copy with `key` set to `value`: replaced in place when present, appended otherwise.
    public func setting(_ key: String, to value: YAMLValue) -> YAMLValue {
        guard case .mapping(var entries) = self else { return self }
        if let index = entries.firstIndex(where: { $0.key == key }) {
            entries[index].value = value
        } else {
            entries.append(YAMLEntry(key, value))
        }
        return .mapping(entries)
    }

    /// A copy with the value at `path` (mapping keys) rewritten by `transform`; unchanged when absent.
    public func updating(_ path: [String], _ transform: (YAMLValue) -> YAMLValue) -> YAMLValue {
        guard let first = path.first else { return transform(self) }
        guard let child = self[first] else { return self }
        return setting(first, to: child.updating(Array(path.dropFirst()), transform))
    }
}

/// One `key: value` pair of a mapping.
public struct YAMLEntry: Sendable, Hashable {
    public var key: String
    public var value: YAMLValue

    public init(_ key: String, _ value: YAMLValue) {
        self.key = key
        self.value = value
    }
}

extension YAMLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
