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
