import Foundation
import RelnaCore

extension TemplateValue {
    /// Decodes JSON as Python's `json.loads` would for a render context: object keys keep their order
    /// and a repeated key's last value wins; integers stay `.int`, other numbers `.double`. A number
    /// that is not finite (`NaN`, `1e999`) is an error at its position, since templates cannot print it.
    public init(jsonData: Data) throws(TemplateError) {
        let bytes = [UInt8](jsonData)
        do {
            self = try Self(located: LocatedJSON.parse(bytes, duplicateKeys: .lastWins))
        } catch {
            throw TemplateError(
                templateName: "<json>", line: error.line, column: error.column,
                message: "invalid JSON: " + error.message, source: String(decoding: bytes, as: UTF8.self))
        }
    }

    /// Decodes JSON text (see `init(jsonData:)`).
    public init(json: String) throws(TemplateError) {
        try self.init(jsonData: Data(json.utf8))
    }

    private init(located json: LocatedJSON) throws(DocumentError) {
        switch json.value {
        case .null: self = .none
        case .bool(let flag): self = .bool(flag)
        case .string(let text): self = .string(text)
        case .number(let text):
            if !text.contains(where: { ".eE".contains($0) }), let integer = Int(text) {
                self = .int(integer)
            } else if let number = json.double, number.isFinite {
                self = .double(number)
            } else {
                throw DocumentError(
                    line: json.line, column: json.column, message: "invalid number '\(text)'")
            }
        case .array(let items):
            var values: [TemplateValue] = []
            values.reserveCapacity(items.count)
            for item in items { values.append(try TemplateValue(located: item)) }
            self = .list(values)
        case .object(let members):
            var dictionary = TemplateDictionary()
            for member in members { dictionary[member.key] = try TemplateValue(located: member.value) }
            self = .dict(dictionary)
        }
    }
}

extension TemplateValue {
    /// The value as JSON, the inverse of `init(jsonData:)` (a dictionary keeps its key order), so that
    /// a render context can be written out and read back by `template render --context`.
    public var json: JSONValue {
        switch self {
        case .none: .null
        case .bool(let flag): .bool(flag)
        case .int(let integer): .int(integer)
        case .double(let number): .double(number)
        case .string(let text): .string(text)
        case .list(let items): .array(items.map(\.json))
        case .dict(let dictionary): .object(zip(dictionary.keys, dictionary.values).map { ($0, $1.json) })
        }
    }
}
