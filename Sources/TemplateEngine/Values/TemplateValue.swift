import Foundation

/// A value in a render context: the JSON-like values Python's `json` module produces.
///
/// Dictionaries keep insertion order. Equality is structural (`.int(1) != .double(1)`); the template
/// language itself compares with Python's rules.
public enum TemplateValue: Sendable, Hashable {
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([TemplateValue])
    case dict(TemplateDictionary)

    /// The dictionary, when this is one.
    public var dictionary: TemplateDictionary? {
        if case .dict(let dictionary) = self { return dictionary }
        return nil
    }
}

extension TemplateValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension TemplateValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension TemplateValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension TemplateValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension TemplateValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
}

extension TemplateValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .dict(TemplateDictionary(elements))
    }
}

extension TemplateValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .none }
}

extension TemplateValue: CustomStringConvertible {
    /// What `{{ value }}` prints: Python's `str()`.
    public var description: String { PythonText.str(self) }
}
