/// The one YAML document tree: what `YAMLReader` reads (manifests, job files) and what `YAMLWriter`
/// writes (job requests). A node read from text remembers where it starts (1-based line and column),
/// so that manifest errors can point at it; a node made in code is at line 0, column 0.
///
/// Two nodes are equal when they hold the same document, wherever they were written: scalars compare
/// by their core-schema value (`3` and `"3"` differ, `1.0e-05` and `0.00001` do not).
public struct YAMLNode: Sendable, Hashable {
    public enum ScalarStyle: Sendable, Hashable {
        /// Unquoted: subject to typing (`true`, `12`, `0.5`, `null`).
        case plain
        /// Quoted, literal or folded, or tagged `!!str`: always a string.
        case string
    }

    public indirect enum Content: Sendable, Hashable {
        case scalar(String, ScalarStyle)
        case sequence([YAMLNode])
        /// Keys in document order; duplicate keys are rejected by the parser.
        case mapping([(key: YAMLNode, value: YAMLNode)])

        public static func == (lhs: Content, rhs: Content) -> Bool {
            switch (lhs, rhs) {
            case (.scalar(let a, let s), .scalar(let b, let t)):
                return YAMLScalar.resolve(a, style: s) == YAMLScalar.resolve(b, style: t)
            case (.sequence(let a), .sequence(let b)): return a == b
            case (.mapping(let a), .mapping(let b)):
                return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
            default: return false
            }
        }

        public func hash(into hasher: inout Hasher) {
            switch self {
            case .scalar(let text, let style): hasher.combine(YAMLScalar.resolve(text, style: style))
            case .sequence(let items): hasher.combine(items.count)
            case .mapping(let pairs): hasher.combine(pairs.count)
            }
        }
    }

    public var content: Content
    public var line: Int
    public var column: Int

    public init(_ content: Content, line: Int = 0, column: Int = 0) {
        self.content = content
        self.line = line
        self.column = column
    }

    /// The document, not where it was written.
    public static func == (lhs: YAMLNode, rhs: YAMLNode) -> Bool { lhs.content == rhs.content }
    public func hash(into hasher: inout Hasher) { hasher.combine(content) }

    /// The scalar's text when this is a scalar.
    public var scalarText: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }

    /// A word for error messages: what kind of node the user wrote.
    public var kindDescription: String {
        switch content {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar(let text, let style):
            switch YAMLScalar.resolve(text, style: style) {
            case .null: return "null"
            case .bool: return "a boolean"
            case .int: return "an integer"
            case .double: return "a number"
            case .string: return "a string"
            }
        }
    }
}

extension YAMLNode {
    /// A string, written quoted so that no reader takes it for another type.
    public static func string(_ text: String) -> YAMLNode { YAMLNode(.scalar(text, .string)) }
    public static func int(_ number: Int) -> YAMLNode { YAMLNode(.scalar(String(number), .plain)) }
    /// A float in the form both YAML 1.1 and 1.2 readers take for a float (`1.0e-05`).
    public static func double(_ number: Double) -> YAMLNode {
        YAMLNode(.scalar(YAMLWriter.double(number), .plain))
    }
    public static func bool(_ flag: Bool) -> YAMLNode { YAMLNode(.scalar(flag ? "true" : "false", .plain)) }
    public static let null = YAMLNode(.scalar("null", .plain))
    public static func sequence(_ items: [YAMLNode]) -> YAMLNode { YAMLNode(.sequence(items)) }
    public static func mapping(_ entries: [YAMLEntry]) -> YAMLNode {
        YAMLNode(.mapping(entries.map { (key: .string($0.key), value: $0.value) }))
    }

    /// The value under `key` when this is a mapping.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { $0.key.scalarText == key }?.value
    }

    /// The string when this is a scalar that the core schema reads as one.
    public var stringValue: String? {
        guard case .scalar(let text, let style) = content,
            case .string(let string) = YAMLScalar.resolve(text, style: style)
        else { return nil }
        return string
    }

    /// The integer when this is a scalar that the core schema reads as one.
    public var intValue: Int? {
        guard case .scalar(let text, let style) = content,
            case .int(let number) = YAMLScalar.resolve(text, style: style)
        else { return nil }
        return number
    }

    public var sequenceValue: [YAMLNode]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    /// A copy with `key` set to `value`: replaced in place when present, appended otherwise.
    public func setting(_ key: String, to value: YAMLNode) -> YAMLNode {
        guard case .mapping(var pairs) = content else { return self }
        if let index = pairs.firstIndex(where: { $0.key.scalarText == key }) {
            pairs[index].value = value
        } else {
            pairs.append((key: .string(key), value: value))
        }
        var copy = self
        copy.content = .mapping(pairs)
        return copy
    }

    /// A copy with the value at `path` (mapping keys) rewritten by `transform`; unchanged when absent.
    public func updating(_ path: [String], _ transform: (YAMLNode) -> YAMLNode) -> YAMLNode {
        guard let first = path.first else { return transform(self) }
        guard let child = self[first] else { return self }
        return setting(first, to: child.updating(Array(path.dropFirst()), transform))
    }

    /// Fails at the first mapping key that is not a scalar: documents that are written back (job
    /// files) can only have text keys.
    public func requireScalarKeys() throws(YAMLError) {
        switch content {
        case .scalar: return
        case .sequence(let items):
            for item in items { try item.requireScalarKeys() }
        case .mapping(let pairs):
            for pair in pairs {
                guard pair.key.scalarText != nil else {
                    throw YAMLError(
                        line: pair.key.line, column: pair.key.column,
                        message: "a mapping key must be a string")
                }
                try pair.value.requireScalarKeys()
            }
        }
    }
}

/// One `key: value` pair of a mapping made in code.
public struct YAMLEntry: Sendable, Hashable {
    public var key: String
    public var value: YAMLNode

    public init(_ key: String, _ value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

extension YAMLNode: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}
