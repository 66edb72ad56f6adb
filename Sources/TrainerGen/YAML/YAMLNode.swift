/// A YAML document as a tree that remembers where each node starts (1-based line and column), so
/// that manifest errors can point at the offending node.
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
            case (.scalar(let a, let s), .scalar(let b, let t)): return a == b && s == t
            case (.sequence(let a), .sequence(let b)): return a == b
            case (.mapping(let a), .mapping(let b)):
                return a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
            default: return false
            }
        }

        public func hash(into hasher: inout Hasher) {
            switch self {
            case .scalar(let text, _): hasher.combine(text)
            case .sequence(let items): hasher.combine(items.count)
            case .mapping(let pairs): hasher.combine(pairs.count)
            }
        }
    }

    public var content: Content
    public var line: Int
    public var column: Int

    public init(_ content: Content, line: Int, column: Int) {
        self.content = content
        self.line = line
        self.column = column
    }

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
    /// The plain document this node holds, scalars typed by the core schema, for code that edits and
    /// writes documents (`YAMLWriter`). A mapping key must be a scalar; its text is the key.
    public func value() throws(YAMLError) -> YAMLValue {
        switch content {
        case .scalar(let text, let style):
            switch YAMLScalar.resolve(text, style: style) {
            case .null: return .null
            case .bool(let flag): return .bool(flag)
            case .int(let number): return .int(number)
            case .double(let number): return .double(number)
            case .string(let text): return .string(text)
            }
        case .sequence(let items):
            var values: [YAMLValue] = []
            for item in items { values.append(try item.value()) }
            return .sequence(values)
        case .mapping(let pairs):
            var entries: [YAMLEntry] = []
            for pair in pairs {
                guard let key = pair.key.scalarText else {
                    throw YAMLError(
                        line: pair.key.line, column: pair.key.column,
                        message: "a mapping key must be a string")
                }
                entries.append(YAMLEntry(key, try pair.value.value()))
            }
            return .mapping(entries)
        }
    }
}
