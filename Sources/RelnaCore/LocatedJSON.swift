/// A JSON value that remembers where it starts in its file, so a warning about `metrics.json` can point
/// at the offending value (`metrics.json:7:23`) instead of only naming the file.
///
/// The one JSON reader: `rank` reads metrics files with it, `template render` its context, the tools
/// their helpers' answers. It is strict about syntax, tolerant of extra keys, and bounded: nesting
/// depth is limited and every error is a value with a line and column. It accepts Python's `NaN`,
/// `Infinity` and `-Infinity` (what `json.dump` writes for non-finite floats) so that the caller can
/// say which value is not finite rather than "syntax error".
public struct LocatedJSON: Sendable, Hashable {
    public enum Value: Sendable, Hashable {
        case null
        case bool(Bool)
        /// The number's source text, kept verbatim so the canonical form is exact.
        case number(String)
        case string(String)
        case array([LocatedJSON])
        /// Members in file order; a duplicate key is a syntax error.
        case object([Member])
    }

    public struct Member: Sendable, Hashable {
        public var key: String
        public var value: LocatedJSON
    }

    public var value: Value
    /// 1-based line and column (in Unicode scalars) of the value's first character.
    public var line: Int
    public var column: Int

    public subscript(key: String) -> LocatedJSON? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The value as a Double when it is a number (Python's NaN/Infinity included).
    public var double: Double? {
        guard case .number(let text) = value else { return nil }
        switch text {
        case "NaN": return .nan
        case "Infinity": return .infinity
        case "-Infinity": return -.infinity
        default: return Double(text)
        }
    }

    /// The value as an Int when it is a number with an integral value (`500` or `500.0`).
    public var integer: Int? {
        guard let number = double, number.isFinite, number.rounded() == number,
            abs(number) < 9.0e15
        else { return nil }
        return Int(number)
    }

    public var string: String? {
        guard case .string(let text) = value else { return nil }
        return text
    }

    /// What kind of value this is, for messages ("expected a number, found a string").
    public var kindName: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// A canonical serialisation (keys sorted by their UTF-8 bytes, no whitespace, numbers verbatim)
    /// used to digest a value independently of the writer's key order and indentation.
    public var canonical: String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let text): return text
        case .string(let text): return LocatedJSON.quoted(text)
        case .array(let items): return "[" + items.map(\.canonical).joined(separator: ",") + "]"
        case .object(let members):
            let sorted = members.sorted { Array($0.key.utf8).lexicographicallyPrecedes($1.key.utf8) }
            return "{"
                + sorted.map { LocatedJSON.quoted($0.key) + ":" + $0.value.canonical }.joined(separator: ",")
                + "}"
        }
    }

    /// A JSON string literal for `text`; U+2028/U+2029 stay as they are, as in the canonical text digested.
    public static func quoted(_ text: String) -> String {
        JSONStringLiteral.quoted(text, escapingLineSeparators: false)
    }
}

extension LocatedJSON {
    /// What to do with a key given twice in one object.
    public enum DuplicateKeys: Sendable {
        /// A syntax error at the second key (a metrics file that says two things is not trusted).
        case rejected
        /// The last value wins, in the first key's place, as Python's `json.loads` does.
        case lastWins
    }

    /// Parses a whole UTF-8 document; anything but whitespace after the top-level value is an error.
    public static func parse(
        _ bytes: [UInt8], duplicateKeys: DuplicateKeys = .rejected
    ) throws(DocumentError) -> LocatedJSON {
        var parser = LocatedJSONParser(bytes: bytes, duplicateKeys: duplicateKeys)
        return try parser.document()
    }
}
