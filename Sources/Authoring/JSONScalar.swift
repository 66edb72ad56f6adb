import Manifest

/// A hyperparameter value as JSON: a number, a boolean or a string.
public enum JSONScalar: Sendable, Hashable, Encodable, CustomStringConvertible {
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case string(String)

    public init(_ value: HyperValue) {
        switch value {
        case .float(let number): self = .number(number)
        case .int(let integer): self = .integer(integer)
        case .bool(let flag): self = .bool(flag)
        case .str(let text): self = .string(text)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let number): try container.encode(number)
        case .integer(let integer): try container.encode(integer)
        case .bool(let flag): try container.encode(flag)
        case .string(let text): try container.encode(text)
        }
    }

    /// As a Python literal, the way the trainer's flag default reads.
    public var description: String {
        switch self {
        case .number(let number): return "\(number)"
        case .integer(let integer): return "\(integer)"
        case .bool(let flag): return flag ? "True" : "False"
        case .string(let text): return "'" + text + "'"
        }
    }
}
