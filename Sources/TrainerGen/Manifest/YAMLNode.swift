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

/// The typed value of a scalar under the YAML 1.2 core schema (plain scalars only are typed).
public enum YAMLScalar: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)

    public static func resolve(_ text: String, style: YAMLNode.ScalarStyle) -> YAMLScalar {
        guard style == .plain else { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .double(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .double(-.infinity)
        case ".nan", ".NaN", ".NAN": return .double(.nan)
        default: break
        }
        if isInteger(text), let value = Int(text.hasPrefix("+") ? String(text.dropFirst()) : text) {
            return .int(value)
        }
        if isFloat(text), let value = Double(text) { return .double(value) }
        return .string(text)
    }

    /// `[-+]?[0-9]+`
    private static func isInteger(_ text: String) -> Bool {
        var scalars = Substring(text).unicodeScalars[...]
        if let first = scalars.first, first == "-" || first == "+" { scalars = scalars.dropFirst() }
        return !scalars.isEmpty && scalars.allSatisfy { ("0"..."9").contains($0) }
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ text: String) -> Bool {
        var chars = Array(text.unicodeScalars)
        if let first = chars.first, first == "-" || first == "+" { chars.removeFirst() }
        var index = 0
        var digits = 0
        while index < chars.count, ("0"..."9").contains(chars[index]) {
            index += 1
            digits += 1
        }
        if index < chars.count, chars[index] == "." {
            index += 1
            while index < chars.count, ("0"..."9").contains(chars[index]) {
                index += 1
                digits += 1
            }
        }
        guard digits > 0 else { return false }
        if index < chars.count, chars[index] == "e" || chars[index] == "E" {
            index += 1
            if index < chars.count, chars[index] == "-" || chars[index] == "+" { index += 1 }
            var exponent = 0
            while index < chars.count, ("0"..."9").contains(chars[index]) {
                index += 1
                exponent += 1
            }
            guard exponent > 0 else { return false }
        }
        return index == chars.count
    }
}
